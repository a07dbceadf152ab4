// Personal calendar connections (delegated sign-in to any work account): they count as busy time
// too. Connecting opens Microsoft's sign-in in a window the host allows.
import { Badge, Button, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  removePersonalCalendar,
  startPersonalCalendarConnect,
  type PersonalCalendar,
} from '../../api/me.js';
import { formatRelative } from '../../ui/format.js';
import { useAction, useNotify } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';

const useStyles = makeStyles({
  list: { display: 'grid', rowGap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  item: {
    listStyleType: 'none',
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
  grow: { flexGrow: 1, display: 'grid' },
});

const STATUS = {
  connected: { color: 'success', label: 'Connected' },
  reauth_required: { color: 'warning', label: 'Sign in again' },
  error: { color: 'danger', label: 'Error' },
} as const;

export function PersonalCalendars({
  calendars,
  onChanged,
}: {
  calendars: PersonalCalendar[];
  onChanged: () => Promise<void>;
}) {
  const styles = useStyles();
  const { api, host } = useSession();
  const notify = useNotify();
  const { busy, run } = useAction();

  const connect = async () => {
    const link = await run('connect', () => startPersonalCalendarConnect(api));
    if (!link) return;
    const outcome = await host.openPopup(link.url, { width: 560, height: 680 });
    if (outcome.kind === 'blocked') {
      notify('error', 'The sign-in window was blocked', 'Allow pop-ups for Quorum and try again.');
      return;
    }
    await onChanged();
  };
  const remove = async (c: PersonalCalendar) => {
    const done = await run(
      `remove:${c.id}`,
      () => removePersonalCalendar(api, c.id).then(() => true),
      `${c.email} removed`,
    );
    if (done) await onChanged();
  };

  return (
    <Section
      title="Personal calendars"
      actions={
        <Button disabled={busy === 'connect'} onClick={() => void connect()}>
          Connect a calendar
        </Button>
      }
    >
      {calendars.length === 0 ? (
        <Text>
          Connect another work calendar (for example from a second company) so Quorum counts its
          busy times too.
        </Text>
      ) : (
        <ul className={styles.list}>
          {calendars.map((c) => (
            <li key={c.id} className={styles.item}>
              <span className={styles.grow}>
                <Text weight="semibold">{c.displayName || c.email}</Text>
                <Caption1>
                  {c.email} · connected {formatRelative(c.connectedAt)}
                  {c.shadowedByOrg
                    ? ' · your organization manages this mailbox, so its connection is used'
                    : ''}
                </Caption1>
              </span>
              <Badge appearance="tint" color={STATUS[c.status].color}>
                {STATUS[c.status].label}
              </Badge>
              {c.status === 'reauth_required' ? (
                <Button size="small" onClick={() => void connect()}>
                  Sign in again
                </Button>
              ) : null}
              <Button
                size="small"
                disabled={busy === `remove:${c.id}`}
                onClick={() => void remove(c)}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
