// "This meeting": what the pane read from the form — when, how long, who — and a way to read it again.
import { Button, Caption1Strong, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import type { AppointmentSnapshot } from './appointment.js';
import { formatDuration, formatSlot, plural } from './format.js';
import { durationOf } from './suggestion-request.js';

const useStyles = makeStyles({
  box: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
  },
  lines: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  people: { color: tokens.colorNeutralForeground2 },
});

export interface MeetingSummaryProps {
  readonly snapshot: AppointmentSnapshot;
  /** People among the attendees (rooms and the organizer left out). */
  readonly people: number;
  readonly locale: string;
  onRefresh(): void;
}

export function MeetingSummary({ snapshot, people, locale, onRefresh }: MeetingSummaryProps) {
  const styles = useStyles();
  const names = snapshot.attendees.slice(0, 3).map((a) => a.name);
  const more = snapshot.attendees.length - names.length;
  return (
    <section aria-labelledby="meeting-heading" className={styles.box}>
      <div className={styles.lines}>
        <Caption1Strong id="meeting-heading" as="h2">
          This meeting
        </Caption1Strong>
        <Text>
          {formatSlot(snapshot.start, snapshot.end, locale)} ·{' '}
          {formatDuration(durationOf(snapshot))}
        </Text>
        <Text size={200} className={styles.people}>
          {people === 0
            ? 'No attendees yet: add people in the meeting to see when they are free.'
            : `You and ${plural(people, 'attendee')}: ${names.join(', ')}${more > 0 ? `, +${more}` : ''}`}
        </Text>
      </div>
      <Button
        appearance="subtle"
        icon={<ArrowClockwise20Regular />}
        aria-label="Read the meeting again"
        title="Read the meeting again"
        onClick={onRefresh}
      />
    </section>
  );
}
