// Writes benches' meetings into the emulator's calendars through Graph with the app's own
// credential: each bench decides the week, this posts the events in each owner's zone.
import { appGraph, type AppTarget } from './app.js';
import { DAY, localDate } from './week.js';

/** An owner's zone, for the wall-clock times of their events. */
export interface Zoned {
  timeZone: string;
}

export function calendarWriter(
  target: AppTarget,
  tenantId: string,
  subject: string,
  monday: number,
) {
  const graph = appGraph(target);
  return {
    /** `YYYY-MM-DD` of day `n` from Monday (negative for the weeks before). */
    day: (n: number) => localDate(monday + n * DAY),
    /** A busy event from `from` to `to` (`HH:MM`) on `date`, in the owner's zone. */
    event: (who: Zoned, date: string, from: string, to: string, extra = {}) => ({
      subject,
      start: { dateTime: `${date}T${from}:00`, timeZone: who.timeZone },
      end: { dateTime: `${date}T${to}:00`, timeZone: who.timeZone },
      showAs: 'busy',
      ...extra,
    }),
    /** Creates `body` in the calendar of `user` (UPN or address). */
    post: (user: string, body: unknown) =>
      graph.post(tenantId, `/users/${encodeURIComponent(user)}/events`, body),
  };
}
