// RSVP counts as a labelled row of numbers with a proportional bar (text first: colour is extra).
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { RsvpCounts } from '../../api/org-events.js';
import { formatCount } from '../../ui/format.js';

const useStyles = makeStyles({
  counts: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
  bar: {
    display: 'flex',
    height: '6px',
    borderRadius: tokens.borderRadiusCircular,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  accepted: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  tentative: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  declined: { backgroundColor: tokens.colorPaletteRedBackground3 },
});

export function RsvpBar({ rsvp }: { rsvp: RsvpCounts }) {
  const styles = useStyles();
  const total = rsvp.accepted + rsvp.tentative + rsvp.declined + rsvp.none;
  const width = (n: number) => ({ width: total > 0 ? `${(100 * n) / total}%` : '0%' });
  return (
    <div>
      <div className={styles.counts}>
        <Text>{formatCount(rsvp.accepted)} accepted</Text>
        <Text>{formatCount(rsvp.tentative)} tentative</Text>
        <Text>{formatCount(rsvp.declined)} declined</Text>
        <Text>{formatCount(rsvp.none)} no answer</Text>
      </div>
      <div className={styles.bar} aria-hidden="true">
        <span className={styles.accepted} style={width(rsvp.accepted)} />
        <span className={styles.tentative} style={width(rsvp.tentative)} />
        <span className={styles.declined} style={width(rsvp.declined)} />
      </div>
    </div>
  );
}
