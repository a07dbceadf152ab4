// The pane opened somewhere it cannot work: in a browser tab, or in Outlook away from a meeting.
import {
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  tokens,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, maxWidth: '36rem' },
});

export function OutsideOutlook({ inOutlook }: { inOutlook: boolean }) {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Open a meeting you organize</MessageBarTitle>
          {inOutlook ? (
            <>
              Quorum finds a time for a meeting you are writing. Open or create a meeting in your
              calendar, then choose <strong>Find a time</strong> on its ribbon.
            </>
          ) : (
            <>
              This is Quorum&apos;s Outlook add-in. In Outlook, open a meeting you organize and
              choose <strong>Find a time</strong> on the ribbon. To try it in this browser, open the{' '}
              <Link href="/demo">Outlook demo</Link>.
            </>
          )}
        </MessageBarBody>
      </MessageBar>
    </main>
  );
}
