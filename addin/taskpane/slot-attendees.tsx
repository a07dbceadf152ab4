// Each attendee's availability in one slot: free, busy or unknown, in words as well as colour, and
// whether the slot falls outside their working hours.
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  CheckmarkCircle16Filled,
  DismissCircle16Filled,
  QuestionCircle16Filled,
} from '@fluentui/react-icons';
import type { Availability, SlotAttendee } from './schedule-api.js';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: '2px' },
  row: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalXS,
    minWidth: 0,
  },
  name: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    flexGrow: 1,
    flexShrink: 1,
  },
  state: { color: tokens.colorNeutralForeground2, flexShrink: 0 },
  free: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  busy: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  unknown: { color: tokens.colorPaletteMarigoldForeground1, flexShrink: 0 },
});

const LABEL: Record<Availability, string> = { free: 'free', busy: 'busy', unknown: "can't see" };

function StateIcon({ state }: { state: Availability }) {
  const styles = useStyles();
  if (state === 'free') return <CheckmarkCircle16Filled className={styles.free} aria-hidden />;
  if (state === 'busy') return <DismissCircle16Filled className={styles.busy} aria-hidden />;
  return <QuestionCircle16Filled className={styles.unknown} aria-hidden />;
}

export interface SlotAttendeesProps {
  readonly attendees: readonly SlotAttendee[];
  nameOf(email: string): string;
}

export function SlotAttendees({ attendees, nameOf }: SlotAttendeesProps) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Attendees in this slot">
      {attendees.map((a) => (
        <li key={a.email} className={styles.row} data-availability={a.availability}>
          <StateIcon state={a.availability} />
          <Text size={200} className={styles.name}>
            {nameOf(a.email)}
            {a.required ? '' : ' (optional)'}
          </Text>
          <Text size={200} className={styles.state}>
            {LABEL[a.availability]}
            {a.inWorkingHours === false ? ', outside working hours' : ''}
          </Text>
        </li>
      ))}
    </ul>
  );
}
