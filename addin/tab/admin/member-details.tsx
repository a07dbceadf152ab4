// One member's status in full: what is wrong in plain words, how to fix it, and what support needs.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { Member } from '../../api/org.js';
import { formatDateTime, formatRelative } from '../../ui/format.js';
import { REASON_LABELS } from '../../ui/labels.js';
import { StatusBadge } from '../../ui/status-badge.js';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  value: { margin: 0 },
});

export interface MemberDetailsProps {
  member: Member | null;
  rechecking: boolean;
  onRecheck: (member: Member) => void;
  onClose: () => void;
}

export function MemberDetails({ member, rechecking, onRecheck, onClose }: MemberDetailsProps) {
  const styles = useStyles();
  return (
    <Dialog open={member !== null} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        {member ? (
          <DialogBody>
            <DialogTitle>{member.displayName}</DialogTitle>
            <DialogContent>
              <dl className={styles.list}>
                <dt className={styles.term}>Email</dt>
                <dd className={styles.value}>{member.email}</dd>
                <dt className={styles.term}>Status</dt>
                <dd className={styles.value}>
                  <StatusBadge status={member.status} /> {REASON_LABELS[member.reason]}
                </dd>
                <dt className={styles.term}>What happened</dt>
                <dd className={styles.value}>
                  <Text>{member.summary}</Text>
                </dd>
                {member.fix ? (
                  <>
                    <dt className={styles.term}>How to fix it</dt>
                    <dd className={styles.value}>
                      <Text>{member.fix}</Text>
                    </dd>
                  </>
                ) : null}
                {member.retryAt ? (
                  <>
                    <dt className={styles.term}>Next try</dt>
                    <dd className={styles.value}>{formatRelative(member.retryAt)}</dd>
                  </>
                ) : null}
                <dt className={styles.term}>Last checked</dt>
                <dd className={styles.value}>{formatDateTime(member.checkedAt)}</dd>
                {member.timeZone ? (
                  <>
                    <dt className={styles.term}>Time zone</dt>
                    <dd className={styles.value}>{member.timeZone}</dd>
                  </>
                ) : null}
                <dt className={styles.term}>Role</dt>
                <dd className={styles.value}>{member.role}</dd>
                {member.requestId ? (
                  <>
                    <dt className={styles.term}>Microsoft request id</dt>
                    <dd className={styles.value}>
                      <code>{member.requestId}</code>
                    </dd>
                  </>
                ) : null}
              </dl>
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                Close
              </Button>
              <Button appearance="primary" disabled={rechecking} onClick={() => onRecheck(member)}>
                Re-check now
              </Button>
            </DialogActions>
          </DialogBody>
        ) : null}
      </DialogSurface>
    </Dialog>
  );
}
