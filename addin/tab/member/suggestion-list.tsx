// Ranked slots: who is free, busy or unknown at each, free rooms for it, and a Book button.
import {
  Badge,
  Button,
  Caption1,
  Card,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Suggestion, Suggestions } from '../../api/schedule.js';
import { formatSlot } from '../../ui/zoned-format.js';

const useStyles = makeStyles({
  list: { display: 'grid', rowGap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  card: { padding: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  head: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  time: { flexGrow: 1 },
  people: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  book: {
    display: 'flex',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
});

const LOOK = {
  free: { color: 'success', label: 'free' },
  busy: { color: 'danger', label: 'busy' },
  unknown: { color: 'warning', label: 'unknown' },
} as const;

function SlotCard({
  slot,
  timeZone,
  wantRoom,
  names,
  booking,
  onBook,
}: {
  slot: Suggestion;
  timeZone: string;
  wantRoom: boolean;
  names: Map<string, string>;
  booking: boolean;
  onBook: (slot: Suggestion, room: string | null) => void;
}) {
  const styles = useStyles();
  const [room, setRoom] = useState(slot.rooms[0]?.email ?? '');
  const when = formatSlot(slot.start, slot.end, timeZone);
  const required = slot.attendees.filter((a) => a.required);
  const verdict = required.every((a) => a.availability === 'free')
    ? { color: 'success' as const, text: 'Everyone required is free' }
    : required.some((a) => a.availability === 'busy')
      ? { color: 'danger' as const, text: 'Someone required is busy' }
      : { color: 'warning' as const, text: 'Someone’s calendar is unknown' };
  return (
    <Card className={styles.card} role="listitem" aria-label={when}>
      <div className={styles.head}>
        <Text weight="semibold" className={styles.time}>
          {when}
        </Text>
        <Badge color={verdict.color} appearance="filled">
          {verdict.text}
        </Badge>
      </div>
      <div className={styles.people} aria-label="Attendees">
        {slot.attendees.map((a) => (
          <Badge key={a.email} appearance="tint" color={LOOK[a.availability].color}>
            {names.get(a.email) ?? a.email}: {LOOK[a.availability].label}
            {a.required ? '' : ' (optional)'}
            {a.inWorkingHours === false ? ', outside working hours' : ''}
          </Badge>
        ))}
      </div>
      <div className={styles.book}>
        {wantRoom ? (
          slot.rooms.length > 0 ? (
            <Field label="Room">
              <Select value={room} onChange={(_, d) => setRoom(d.value)}>
                {slot.rooms.map((r) => (
                  <option key={r.email} value={r.email}>
                    {r.displayName}
                    {r.capacity ? ` · ${r.capacity} seats` : ''}
                    {r.building ? ` · ${r.building}` : ''}
                    {r.floorLabel ? `, ${r.floorLabel}` : ''}
                  </option>
                ))}
              </Select>
            </Field>
          ) : (
            <Caption1>No room is free for this whole slot.</Caption1>
          )
        ) : null}
        <Button
          appearance="primary"
          disabled={booking}
          onClick={() => onBook(slot, wantRoom && room ? room : null)}
        >
          Book this time
        </Button>
      </div>
    </Card>
  );
}

export function SuggestionList({
  result,
  wantRoom,
  booking,
  onBook,
}: {
  result: Suggestions;
  wantRoom: boolean;
  booking: boolean;
  onBook: (slot: Suggestion, room: string | null) => void;
}) {
  const styles = useStyles();
  const names = new Map(result.attendees.map((a) => [a.email, a.displayName ?? a.email]));
  return (
    <>
      {result.unknown.length > 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Quorum cannot see everyone&apos;s calendar</MessageBarTitle>
            These people count as busy, never as free:{' '}
            {result.unknown
              .map((u) => `${u.displayName ?? u.email} (${u.detail ?? u.reason ?? 'unknown'})`)
              .join('; ')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {result.rooms.problem ? (
        <MessageBar intent="warning">
          <MessageBarBody>{result.rooms.problem.detail}</MessageBarBody>
        </MessageBar>
      ) : null}
      {result.suggestions.length === 0 ? (
        <Text>No time in these days suits everyone. Try more days or fewer attendees.</Text>
      ) : (
        <div className={styles.list} role="list" aria-label="Suggested times">
          {result.suggestions.map((slot) => (
            <SlotCard
              key={slot.start}
              slot={slot}
              timeZone={result.organizerTimeZone}
              wantRoom={wantRoom}
              names={names}
              booking={booking}
              onBook={onBook}
            />
          ))}
        </div>
      )}
    </>
  );
}
