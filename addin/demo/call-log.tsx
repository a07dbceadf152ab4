// What the add-in did to the meeting: the Office.js calls it made through the fake host, newest
// last. Reads are hidden unless asked for; writes are what Apply changed.
import { Caption1Strong, makeStyles, Switch, Text, tokens } from '@fluentui/react-components';
import { useState, useSyncExternalStore } from 'react';
import type { CallFeed } from './call-feed.js';
import type { RecordedCall } from './fake-office.js';

const useStyles = makeStyles({
  box: {
    display: 'grid',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
  },
  head: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    flexWrap: 'wrap',
  },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    maxHeight: '12rem',
    overflowY: 'auto',
  },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

const isWrite = (c: RecordedCall) => /\.(setAsync|addAsync|removeAsync)$/.test(c.method);

function describeCall(c: RecordedCall): string {
  const args = c.args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(', ');
  return `${c.method}(${args})`;
}

export function CallLog({ feed }: { feed: CallFeed }) {
  const styles = useStyles();
  const calls = useSyncExternalStore(feed.subscribe, feed.snapshot);
  const [showReads, setShowReads] = useState(false);
  const shown = calls.filter((c) => showReads || isWrite(c));
  return (
    <section className={styles.box} aria-labelledby="call-log-heading">
      <div className={styles.head}>
        <Caption1Strong as="h2" id="call-log-heading">
          What the add-in did (Office.js calls)
        </Caption1Strong>
        <Switch
          label="Show reads"
          checked={showReads}
          onChange={(_, data) => setShowReads(data.checked)}
        />
      </div>
      {shown.length === 0 ? (
        <Text size={200}>Nothing yet. Choose a time in the add-in and select Apply.</Text>
      ) : (
        <ol className={styles.list} data-testid="office-calls">
          {shown.map((c, i) => (
            <li key={i} className={c.status === 'failed' ? styles.failed : undefined}>
              {describeCall(c)} → {c.status}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
