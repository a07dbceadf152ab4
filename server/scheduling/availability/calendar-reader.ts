// Busy time from calendarView, for what getSchedule does not see (it reads default calendars only):
// the org mailbox's other calendars a member chose for conflicts, the Quorum Scheduler calendar
// when they book into it, and personal calendars through their delegated tokens. Only times and
// "show as" are read (FREE_BUSY_SELECT) — never subjects, bodies or locations. All-day events are
// dates, placed midnight to midnight in the owner's zone; timed ones are instants.
import { SCHEDULER_CALENDAR_NAME } from '../../http/routes/me-calendars.js';
import { listCalendarView, FREE_BUSY_SELECT } from '../../microsoft/calendar-view.js';
import { GraphError, type GraphClient } from '../../microsoft/graph/index.js';
import type {
  DateTimeTimeZone,
  GraphCalendar,
  GraphEvent,
  ShowAs,
} from '../../microsoft/graph-types.js';
import { userPath } from '../../microsoft/paths.js';
import { toIanaTimeZone } from '../../microsoft/time-zones.js';
import { fromLocal, offsetsOf } from '../zoned-time.js';

/** One busy stretch of a calendar: UTC instants (ms) and Outlook's "show as". */
export interface BusyItem {
  readonly start: number;
  readonly end: number;
  readonly status: ShowAs;
}

export interface ViewWindow {
  readonly start: number;
  readonly end: number;
  /** IANA zone of the calendar's owner: where all-day dates are placed. */
  readonly ownerZone: string;
  readonly signal?: AbortSignal;
}

/** The instant of a Graph `dateTimeTimeZone` (UTC when no zone, or one Quorum cannot name). */
export function instantOf(value: DateTimeTimeZone): number {
  const text = value.dateTime;
  if (/[zZ]|[+-]\d\d:\d\d$/.test(text)) return Date.parse(text);
  const zone = value.timeZone && value.timeZone !== 'UTC' ? toIanaTimeZone(value.timeZone) : 'UTC';
  if (zone === undefined || zone === 'UTC' || zone === 'Etc/UTC') return Date.parse(`${text}Z`);
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  if (!match) return Number.NaN;
  return fromLocal(offsetsOf(zone), {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: Number(match[4]),
    minute: Number(match[5]),
  });
}

/** Midnight of an all-day event's date in the owner's zone. */
function dateStart(value: DateTimeTimeZone, ownerZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.dateTime);
  if (!match) return Number.NaN;
  return fromLocal(offsetsOf(ownerZone), {
    year: Number(match[1]),
    month: Number(match[2]),
    day: Number(match[3]),
    hour: 0,
    minute: 0,
  });
}

/** The busy item of one calendarView event, or undefined for cancelled ones and series masters. */
export function busyItemOf(event: GraphEvent, ownerZone: string): BusyItem | undefined {
  if (event.isCancelled || event.type === 'seriesMaster') return undefined;
  const start = event.isAllDay ? dateStart(event.start, ownerZone) : instantOf(event.start);
  const end = event.isAllDay ? dateStart(event.end, ownerZone) : instantOf(event.end);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return undefined;
  return { start, end, status: event.showAs ?? 'busy' };
}

async function collectView(
  graph: GraphClient,
  tenantId: string,
  path: string,
  window: ViewWindow,
): Promise<BusyItem[]> {
  const items: BusyItem[] = [];
  for await (const page of graph.pages<GraphEvent>({
    tenantId,
    path,
    query: {
      // Whole days either side so all-day events are not cut by a window read in UTC.
      startDateTime: new Date(window.start - 86_400_000).toISOString(),
      endDateTime: new Date(window.end + 86_400_000).toISOString(),
      $select: FREE_BUSY_SELECT,
      $top: 500,
    },
    ...(window.signal ? { signal: window.signal } : {}),
  })) {
    for (const event of page.value) {
      const item = busyItemOf(event, window.ownerZone);
      if (item && item.end > window.start && item.start < window.end) items.push(item);
    }
  }
  return items;
}

/**
 * `GET /users/{id}/calendars/{calendarId}/calendarView` (app-only) for each calendar. A calendar
 * that no longer exists (404) has nothing to say; any other failure throws.
 */
export async function readOrgCalendars(
  graph: GraphClient,
  tenantId: string,
  objectId: string,
  calendarIds: readonly string[],
  window: ViewWindow,
): Promise<BusyItem[]> {
  const parts = await Promise.all(
    calendarIds.map(async (calendarId) => {
      const view = listCalendarView(graph, tenantId, objectId, {
        start: new Date(window.start - 86_400_000),
        end: new Date(window.end + 86_400_000),
        calendarId,
        ...(window.signal ? { signal: window.signal } : {}),
      });
      const items: BusyItem[] = [];
      try {
        for await (const page of view) {
          for (const event of page.value) {
            const item = busyItemOf(event, window.ownerZone);
            if (item && item.end > window.start && item.start < window.end) items.push(item);
          }
        }
      } catch (error) {
        if (error instanceof GraphError && error.status === 404) return [];
        throw error;
      }
      return items;
    }),
  );
  return parts.flat();
}

/**
 * The id of the mailbox's Quorum Scheduler calendar (`GET /users/{id}/calendars?$select=id,name`),
 * or undefined while it has not been created.
 */
export async function findSchedulerCalendar(
  graph: GraphClient,
  tenantId: string,
  objectId: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const wanted = SCHEDULER_CALENDAR_NAME.toLowerCase();
  for await (const page of graph.pages<GraphCalendar>({
    tenantId,
    path: `${userPath(objectId)}/calendars`,
    query: { $select: 'id,name' },
    ...(signal ? { signal } : {}),
  })) {
    const found = page.value.find((c) => c.name?.toLowerCase() === wanted);
    if (found) return found.id;
  }
  return undefined;
}

/** `GET /me/calendarView` as the account of a personal connection (its default calendar). */
export function readPersonalCalendar(
  graph: GraphClient,
  tenantId: string,
  window: ViewWindow,
): Promise<BusyItem[]> {
  return collectView(graph, tenantId, '/me/calendarView', window);
}
