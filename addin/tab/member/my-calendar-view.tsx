// The member's own view: their calendar's status and what to do, calendar choices, personal calendars.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Me } from '../../api/me.js';
import { CalendarChoice } from './calendar-choice.js';
import { CalendarStatus } from './calendar-status.js';
import { PersonalCalendars } from './personal-calendars.js';

const useStyles = makeStyles({ page: { display: 'grid', rowGap: tokens.spacingVerticalL } });

export function MyCalendarView({
  me,
  onMeChanged,
  reloadMe,
}: {
  me: Me;
  onMeChanged: (me: Me) => void;
  reloadMe: () => Promise<void>;
}) {
  const styles = useStyles();
  const readable = me.calendar?.managed && !me.calendar.disconnected;
  return (
    <div className={styles.page}>
      <CalendarStatus me={me} onChanged={(calendar) => onMeChanged({ ...me, calendar })} />
      {readable ? <CalendarChoice /> : null}
      {me.org ? <PersonalCalendars calendars={me.personalCalendars} onChanged={reloadMe} /> : null}
    </div>
  );
}
