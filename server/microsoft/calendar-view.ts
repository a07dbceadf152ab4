// calendarView (graph-facts §3.2): the events of a window with recurrences expanded — used for
// members who chose calendars other than their default for conflicts (getSchedule reads only
// the default calendar).

import type { GraphClient, GraphPage } from './graph/index.js';
import type { GraphEvent } from './graph-types.js';
import { segment, userPath } from './paths.js';

export interface CalendarViewOptions {
  /** Window start and end: instants, sent as UTC ISO strings. Graph requires both. */
  start: Date | string;
  end: Date | string;
  /** A specific calendar; the default calendar otherwise. */
  calendarId?: string;
  /** `Prefer: outlook.timezone` for the start/end of returned events; UTC otherwise. */
  timeZone?: string;
  select?: string;
  /** Page size (Graph's default is 10, which makes long windows slow). */
  top?: number;
  /** Stops waiting (and retrying) when aborted: the caller's deadline. */
  signal?: AbortSignal;
}

/** Only what availability needs: no subject, body or location (privacy, DESIGN §5). */
export const FREE_BUSY_SELECT = 'id,start,end,isAllDay,showAs,isCancelled,type';

/**
 * `GET /users/{id}/calendarView?startDateTime=…&endDateTime=…` (or
 * `/users/{id}/calendars/{calendarId}/calendarView`) — events overlapping the window, page by page.
 */
export function listCalendarView(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  options: CalendarViewOptions,
): AsyncGenerator<GraphPage<GraphEvent>, void, undefined> {
  const start = toInstant(options.start, 'start');
  const end = toInstant(options.end, 'end');
  if (Date.parse(start) >= Date.parse(end)) {
    throw new RangeError(`calendarView window must end after it starts (${start} → ${end})`);
  }
  const base =
    options.calendarId === undefined
      ? userPath(userId)
      : `${userPath(userId)}/calendars/${segment(options.calendarId)}`;
  return graph.pages<GraphEvent>({
    tenantId,
    path: `${base}/calendarView`,
    query: {
      startDateTime: start,
      endDateTime: end,
      $select: options.select ?? FREE_BUSY_SELECT,
      $top: options.top ?? 500,
    },
    headers: options.timeZone ? { Prefer: `outlook.timezone="${options.timeZone}"` } : {},
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

function toInstant(value: Date | string, name: string): string {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms))
    throw new RangeError(`calendarView ${name} is not a date: ${String(value)}`);
  return new Date(ms).toISOString();
}
