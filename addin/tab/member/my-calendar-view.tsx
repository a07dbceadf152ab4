// The member's own view: their calendar's status and what to do, calendar choices, personal
// calendars. Reads the caller afresh on open: a sync may have checked the calendar since sign-in.
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { getMe, type Me } from '../../api/me.js';
import { ErrorBar } from '../../ui/error-bar.js';
import { useSession } from '../../ui/session.js';
import { useResource } from '../../ui/use-resource.js';
import { CalendarChoice } from './calendar-choice.js';
import { CalendarStatus } from './calendar-status.js';
import { PersonalCalendars } from './personal-calendars.js';

const useStyles = makeStyles({ page: { display: 'grid', rowGap: tokens.spacingVerticalL } });

export function MyCalendarView({ onMeChanged }: { onMeChanged: (me: Me) => void }) {
  const styles = useStyles();
  const { api } = useSession();
  const me = useResource(() => getMe(api), [api]);
  const data = me.data;
  if (!data) {
    return me.error ? <ErrorBar error={me.error} /> : <Spinner label="Reading your calendar…" />;
  }
  const update = (next: Me) => {
    me.set(next);
    onMeChanged(next);
  };
  const readable = data.calendar?.managed && !data.calendar.disconnected;
  return (
    <div className={styles.page}>
      <CalendarStatus me={data} onChanged={(calendar) => update({ ...data, calendar })} />
      {readable ? <CalendarChoice /> : null}
      {data.org ? (
        <PersonalCalendars calendars={data.personalCalendars} onChanged={me.reload} />
      ) : null}
    </div>
  );
}
