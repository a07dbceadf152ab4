// A booked meeting: when, the Teams link, the room's answer (with other free rooms after a
// decline), each attendee's answer, and — for its organizer — refresh and cancel.
import {
  Badge,
  Button,
  Caption1,
  Card,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import {
  cancelMeeting,
  changeMeetingRoom,
  getMeeting,
  type AttendeeResponse,
  type Meeting,
} from '../../api/meetings.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { useAction } from '../../ui/notify.js';
import { useSession } from '../../ui/session.js';
import { formatSlot } from '../../ui/zoned-format.js';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  grow: { flexGrow: 1 },
  people: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
});

const RESPONSE: Record<AttendeeResponse, { color: BadgeProps['color']; label: string }> = {
  accepted: { color: 'success', label: 'accepted' },
  tentativelyAccepted: { color: 'warning', label: 'tentative' },
  declined: { color: 'danger', label: 'declined' },
  none: { color: 'subtle', label: 'no answer yet' },
};

const ROOM: Record<'accepted' | 'declined' | 'pending', BadgeProps['color']> = {
  accepted: 'success',
  declined: 'danger',
  pending: 'warning',
};

const STATE = {
  pending: 'Booking…',
  scheduled: 'Booked',
  cancelled: 'Cancelled',
  failed: 'Not booked',
} as const;

export function MeetingCard({
  meeting: m,
  onChanged,
}: {
  meeting: Meeting;
  onChanged: (m: Meeting) => void;
}) {
  const styles = useStyles();
  const { api } = useSession();
  const { busy, run } = useAction();
  const organizer = m.role === 'organizer';
  const live = m.state === 'scheduled';
  const update = async (key: string, action: () => Promise<Meeting>, done?: string) => {
    const next = await run(key, action, done);
    if (next) onChanged(next);
  };
  return (
    <Card className={styles.card} aria-label={m.subject}>
      <div className={styles.head}>
        <Text weight="semibold" className={styles.grow}>
          {m.subject}
        </Text>
        <Badge appearance="outline" color={live ? 'brand' : 'subtle'}>
          {STATE[m.state]}
        </Badge>
      </div>
      <Text>{formatSlot(m.start, m.end, m.timeZone)}</Text>
      {m.failure ? (
        <MessageBar intent="error">
          <MessageBarBody>
            {m.failure.message} ({m.failure.code}
            {m.failure.requestId ? `, request id ${m.failure.requestId}` : ''})
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {m.joinUrl ? (
        <Link href={m.joinUrl} target="_blank" rel="noopener noreferrer">
          Join the Teams meeting
        </Link>
      ) : m.teams.requested && m.teams.reason ? (
        <Caption1>No Teams meeting: {m.teams.reason}</Caption1>
      ) : null}
      {m.destination.reason ? <Caption1>{m.destination.reason}</Caption1> : null}
      {m.room ? (
        <div className={styles.head}>
          <Text title={m.room.displayName ? m.room.email : undefined}>
            Room {m.room.displayName || m.room.email}
          </Text>
          <Badge appearance="tint" color={ROOM[m.room.response]}>
            {m.room.response === 'pending' ? 'waiting for approval' : m.room.response}
          </Badge>
        </div>
      ) : null}
      {organizer && live && m.room?.response === 'declined' && m.room.alternatives?.length ? (
        <div className={styles.actions}>
          <Caption1>Free instead:</Caption1>
          {m.room.alternatives.slice(0, 3).map((alt) => (
            <Button
              key={alt.email}
              size="small"
              disabled={busy !== null}
              onClick={() =>
                void update(
                  'room',
                  () => changeMeetingRoom(api, m.id, alt.email),
                  `Invited ${alt.name}`,
                )
              }
            >
              {alt.name}
              {alt.capacity ? ` (${alt.capacity})` : ''}
            </Button>
          ))}
        </div>
      ) : null}
      <div className={styles.people} aria-label="Answers">
        {m.attendees.map((a) => (
          <Badge key={a.email} appearance="tint" color={RESPONSE[a.response].color}>
            {a.email}: {RESPONSE[a.response].label}
            {a.type === 'optional' ? ' (optional)' : ''}
          </Badge>
        ))}
      </div>
      <div className={styles.actions}>
        <Button
          size="small"
          disabled={busy === 'refresh'}
          onClick={() => void update('refresh', () => getMeeting(api, m.id))}
        >
          Refresh answers
        </Button>
        {m.webLink ? (
          <Link href={m.webLink} target="_blank" rel="noopener noreferrer">
            Open in Outlook
          </Link>
        ) : null}
        {organizer && live ? (
          <ConfirmButton
            label="Cancel meeting"
            size="small"
            title={`Cancel “${m.subject}”?`}
            confirmLabel="Cancel meeting"
            disabled={busy === 'cancel'}
            onConfirm={() =>
              void update('cancel', () => cancelMeeting(api, m.id), 'Meeting cancelled')
            }
          >
            Everyone invited gets a cancellation, and the room is released.
          </ConfirmButton>
        ) : null}
      </div>
    </Card>
  );
}
