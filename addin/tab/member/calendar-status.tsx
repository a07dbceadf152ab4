// "My calendar": the org-managed connection's status, reason and fix as the server gives them (a
// calendar the member disconnected reads as `member_disconnected`), and — when the org allows it —
// disconnecting (or reconnecting) it.
import { Button, Caption1, makeStyles, Text, tokens } from '@fluentui/react-components';
import { setOrgCalendarConnected, type Me, type OrgCalendar } from '../../api/me.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { formatRelative } from '../../ui/format.js';
import { CATEGORY_LABELS, REASON_LABELS } from '../../ui/labels.js';
import { useAction } from '../../ui/notify.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { StatusBadge } from '../../ui/status-badge.js';

const useStyles = makeStyles({
  head: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export function CalendarStatus({
  me,
  onChanged,
}: {
  me: Me;
  onChanged: (calendar: OrgCalendar) => void;
}) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const calendar = me.calendar;

  if (!calendar) {
    return (
      <Section title="My calendar">
        <Text>{me.onboarding?.message ?? 'Quorum does not reach your calendar yet.'}</Text>
      </Section>
    );
  }
  const setConnected = async (connected: boolean) => {
    const next = await run(
      'connect',
      () => setOrgCalendarConnected(api, connected),
      connected ? 'Your calendar is connected again' : 'Your calendar is disconnected',
    );
    if (next) onChanged(next);
  };
  const orgManagedNote = calendar.managed
    ? me.org?.settings.allowMemberDisconnect
      ? 'Your organization connected this calendar for you. You may disconnect it.'
      : 'Your organization connected this calendar for you and keeps it connected; only an admin can turn it off.'
    : null;

  const reasonLabel = REASON_LABELS[calendar.reason];

  return (
    <Section title="My calendar">
      <div className={styles.head}>
        <StatusBadge status={calendar.status} />
        {reasonLabel !== CATEGORY_LABELS[calendar.status] ? <Text>{reasonLabel}</Text> : null}
        <Caption1>
          {calendar.disconnected ? 'Since' : 'Checked'} {formatRelative(calendar.checkedAt)}
        </Caption1>
      </div>
      <Text>{calendar.summary}</Text>
      {calendar.fix ? (
        <Text>
          <strong>What to do:</strong> {calendar.fix}
        </Text>
      ) : null}
      {calendar.requestId ? <Caption1>Microsoft request id: {calendar.requestId}</Caption1> : null}
      {calendar.disconnected ? (
        <Text>
          Colleagues see you as unknown, never as free, when they look for a time. Your calendar
          choices are kept.
        </Text>
      ) : orgManagedNote ? (
        <Text>{orgManagedNote}</Text>
      ) : null}
      <div className={styles.actions}>
        {calendar.disconnected ? (
          <Button
            appearance="primary"
            disabled={busy === 'connect'}
            onClick={() => void setConnected(true)}
          >
            Reconnect my calendar
          </Button>
        ) : null}
        {calendar.canDisconnect ? (
          <ConfirmButton
            label="Disconnect my calendar"
            title="Disconnect your calendar?"
            confirmLabel="Disconnect"
            disabled={busy === 'connect'}
            onConfirm={() => void setConnected(false)}
          >
            Quorum stops reading your calendar: colleagues see you as unknown, never as free, when
            they look for a time. Your calendar choices are kept if you reconnect.
          </ConfirmButton>
        ) : null}
      </div>
    </Section>
  );
}
