// My meetings booked through Quorum in the next 30 days, with everyone's answers.
import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowSyncRegular } from '@fluentui/react-icons';
import { listMeetings, type Meeting } from '../../api/meetings.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { Section } from '../../ui/section.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';
import { MeetingCard } from './meeting-card.js';

const useStyles = makeStyles({ list: { display: 'grid', rowGap: tokens.spacingVerticalM } });

export function MeetingsView() {
  const styles = useStyles();
  const { api } = useSession();
  const list = useResource(() => listMeetings(api), [api]);
  const replace = (m: Meeting) => {
    if (list.data) list.set({ meetings: list.data.meetings.map((x) => (x.id === m.id ? m : x)) });
  };
  return (
    <Section
      title="My meetings"
      actions={
        <Button icon={<ArrowSyncRegular />} onClick={() => void list.reload()}>
          Refresh
        </Button>
      }
    >
      <ErrorBar error={list.error} />
      {list.data ? (
        list.data.meetings.length === 0 ? (
          <Text>No meetings booked through Quorum in the next 30 days.</Text>
        ) : (
          <div className={styles.list}>
            {list.data.meetings.map((m) => (
              <MeetingCard key={m.id} meeting={m} onChanged={replace} />
            ))}
          </div>
        )
      ) : list.error ? null : (
        <Spinner label="Loading your meetings…" />
      )}
    </Section>
  );
}
