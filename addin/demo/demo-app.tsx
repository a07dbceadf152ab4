// The demo page: an Outlook-like appointment form beside the real task pane (a same-origin frame
// that reaches the form through the fake Office host), and the log of what the add-in did.
import { makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import type { Me } from '../api/me.js';
import type { HostAdapter } from '../host/host-adapter.js';
import type { AppointmentStore } from './appointment-store.js';
import { AppointmentForm } from './appointment-form.js';
import type { CallFeed } from './call-feed.js';
import { CallLog } from './call-log.js';
import { ConnectFirst } from './connect-first.js';
import { DemoHeader } from './demo-header.js';

const PANE_WIDTH = '360px';

const useStyles = makeStyles({
  page: { minHeight: '100vh', display: 'flex', flexDirection: 'column' },
  main: {
    flexGrow: 1,
    display: 'grid',
    gridTemplateColumns: `minmax(0, 1fr) ${PANE_WIDTH}`,
    columnGap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalL,
    '@media (max-width: 760px)': { gridTemplateColumns: '1fr', rowGap: tokens.spacingVerticalL },
  },
  left: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    rowGap: tokens.spacingVerticalL,
    alignContent: 'start',
    minWidth: 0,
  },
  pane: {
    display: 'flex',
    flexDirection: 'column',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    minHeight: '640px',
  },
  paneTitle: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  frame: { flexGrow: 1, width: '100%', border: 'none', minHeight: '600px' },
});

export interface DemoAppProps {
  readonly host: HostAdapter;
  readonly store: AppointmentStore;
  readonly feed: CallFeed;
  /** The signed-in user as Quorum sees them (null when it could not be read). */
  readonly me: Me | null;
}

export function DemoApp({ host, store, feed, me }: DemoAppProps) {
  const styles = useStyles();
  return (
    <div className={styles.page}>
      <DemoHeader host={host} />
      <div className={styles.main}>
        <main className={styles.left}>
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              On the right is Quorum&apos;s real Outlook add-in. It reads and writes this meeting
              through a stand-in for Outlook&apos;s Office.js, against the emulated Microsoft 365
              tenant. Edit the meeting and the add-in follows; nothing is sent.
            </MessageBarBody>
          </MessageBar>
          <ConnectFirst me={me} />
          <AppointmentForm store={store} />
          <CallLog feed={feed} />
        </main>
        <aside className={styles.pane} aria-label="Quorum add-in">
          <Text weight="semibold" className={styles.paneTitle}>
            Quorum
          </Text>
          <iframe className={styles.frame} src="/taskpane?host=demo" title="Quorum: Find a time" />
        </aside>
      </div>
    </div>
  );
}
