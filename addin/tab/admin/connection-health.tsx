// Per tenant connection on the overview: health, credential expiry countdown, permission tier and
// what is missing for the features the tier does not cover.
import {
  Badge,
  Body1,
  Caption1,
  makeStyles,
  Text,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import type { TenantConnection } from '../../api/connections.js';
import { daysUntil, formatExpiry, formatRelative } from '../../ui/format.js';
import { FEATURE_LABELS, HEALTH_LABELS, TIER_LABELS } from '../../ui/labels.js';

const useStyles = makeStyles({
  list: { display: 'grid', rowGap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  item: {
    listStyleType: 'none',
    display: 'grid',
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  head: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1 },
  danger: { color: tokens.colorPaletteRedForeground1 },
});

const HEALTH_COLOR: Record<TenantConnection['health']['state'], BadgeProps['color']> = {
  healthy: 'success',
  verifying: 'informative',
  unverified: 'subtle',
  broken: 'danger',
};

/** The alert thresholds of DESIGN J3 (30/14/7/1 days): warn inside 30, danger inside 7. */
function ExpiryLine({ expiresAt }: { expiresAt: string }) {
  const styles = useStyles();
  const days = daysUntil(expiresAt);
  const className = days < 7 ? styles.danger : days < 30 ? styles.warn : undefined;
  return <Text className={className}>Credential: {formatExpiry(expiresAt)}</Text>;
}

export function ConnectionHealth({ connections }: { connections: TenantConnection[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {connections.map((c) => (
        <li key={c.id} className={styles.item}>
          <div className={styles.head}>
            <Body1>
              <strong>{c.displayName}</strong>
            </Body1>
            <Badge appearance="tint" color={HEALTH_COLOR[c.health.state]}>
              {HEALTH_LABELS[c.health.state]}
            </Badge>
            {c.enabled ? null : (
              <Badge appearance="outline" color="subtle">
                Off
              </Badge>
            )}
          </div>
          {c.health.summary && c.health.state !== 'healthy' ? (
            <Text>
              {c.health.summary} {c.health.fix ? `What to do: ${c.health.fix}` : ''}
            </Text>
          ) : null}
          {c.credential.expiresAt ? (
            <ExpiryLine expiresAt={c.credential.expiresAt} />
          ) : (
            <Text>
              Credential:{' '}
              {c.credential.kind === 'platform' ? 'Quorum’s own (admin consent)' : 'no expiry date'}
            </Text>
          )}
          <Text>
            Permissions: <strong>{TIER_LABELS[c.tier]}</strong>
          </Text>
          {c.missingFeatures.map((m) => (
            <Caption1 key={m.feature}>
              Not available: {FEATURE_LABELS[m.feature] ?? m.feature}. To turn it on, grant the
              application permission {m.needs.length > 1 ? 'one of ' : ''}
              {m.needs.join(', ')} and consent again.
              {m.feature === 'attendance'
                ? ' Teams also needs an application access policy for online meetings.'
                : ''}
            </Caption1>
          ))}
          <Caption1>
            Checked {formatRelative(c.health.checkedAt)} · directory read{' '}
            {formatRelative(c.sync.lastDeltaAt ?? c.sync.lastFullAt)}
          </Caption1>
        </li>
      ))}
    </ul>
  );
}
