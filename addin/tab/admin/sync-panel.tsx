// A directory sync and health sweep: its progress while it runs, and a button to start one.
import { Button, Field, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import type { OrgStatus } from '../../api/org.js';
import { formatCount, formatRelative } from '../../ui/format.js';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1 },
});

// The job phases of server/directory/org-sync.ts.
const PHASES: Record<string, string> = {
  queued: 'Waiting to start',
  directory: 'Reading the directory',
  matching: 'Matching members to mailboxes',
  sweep: 'Checking calendars',
};

function progressHint(progress: OrgStatus['sync']['progress']): string {
  if (!progress) return 'Starting…';
  if (progress.total > 0) return `${formatCount(progress.done)} of ${formatCount(progress.total)}`;
  return progress.done > 0 ? `${formatCount(progress.done)} so far` : 'Starting…';
}

/** The last time any connection finished a sweep. */
function lastSweep(status: OrgStatus): string | null {
  const times = status.connections
    .map((c) => c.sync.lastSweepAt)
    .filter((t): t is string => t !== null);
  return times.sort().at(-1) ?? null;
}

export function SyncPanel({
  status,
  busy,
  onSync,
}: {
  status: OrgStatus;
  busy: boolean;
  onSync: () => void;
}) {
  const styles = useStyles();
  const { running, progress } = status.sync;
  const canSync = status.connections.some((c) => c.enabled);
  return (
    <div className={styles.row}>
      <div className={styles.grow}>
        {running ? (
          <Field
            validationState="none"
            label={PHASES[progress?.phase ?? ''] ?? 'Syncing'}
            hint={progressHint(progress)}
          >
            <ProgressBar
              value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
              aria-label="Sync progress"
            />
          </Field>
        ) : (
          <Text>
            {lastSweep(status)
              ? `Everyone was last checked ${formatRelative(lastSweep(status))}.`
              : 'No member has been checked yet.'}{' '}
            Quorum checks again every few minutes.
          </Text>
        )}
      </div>
      <Button
        icon={<ArrowSyncRegular />}
        disabled={running || busy || !canSync}
        onClick={onSync}
        title={canSync ? undefined : 'Turn on a tenant connection first'}
      >
        Check everyone now
      </Button>
    </div>
  );
}
