// A member's or connection's status as a coloured badge with an icon (colour is never the only cue).
import { Badge, type BadgeProps } from '@fluentui/react-components';
import {
  ArrowSyncCircleRegular,
  CheckmarkCircleRegular,
  DismissCircleRegular,
  WarningRegular,
} from '@fluentui/react-icons';
import type { StatusCategory } from '../api/status-types.js';
import { CATEGORY_LABELS } from './labels.js';

const LOOK: Record<StatusCategory, { color: BadgeProps['color']; icon: React.ReactElement }> = {
  connected: { color: 'success', icon: <CheckmarkCircleRegular /> },
  needs_attention: { color: 'warning', icon: <WarningRegular /> },
  not_connected: { color: 'danger', icon: <DismissCircleRegular /> },
  checking: { color: 'informative', icon: <ArrowSyncCircleRegular /> },
};

export function StatusBadge({ status, label }: { status: StatusCategory; label?: string }) {
  const look = LOOK[status];
  return (
    <Badge appearance="tint" color={look.color} icon={look.icon}>
      {label ?? CATEGORY_LABELS[status]}
    </Badge>
  );
}
