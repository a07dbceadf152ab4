// From what the form says (attendees, start, end) and the pane's filters to the suggestions request:
// the meeting's length, a search window starting on the meeting's day, people only (rooms in the
// attendee list are rooms, and the organizer is included by the server), and the room wish.
import type { AppointmentSnapshot } from './appointment.js';
import type { SuggestionRequest } from './schedule-api.js';

export type SearchRange = 'day' | 'week' | 'twoWeeks';

export const RANGE_DAYS: Readonly<Record<SearchRange, number>> = { day: 1, week: 7, twoWeeks: 14 };

export interface SearchFilters {
  readonly range: SearchRange;
  readonly needRoom: boolean;
  /** Seats the room must have; null lets Quorum size it for the attendees. */
  readonly minCapacity: number | null;
  /** Only rooms in this building; null for any. */
  readonly building: string | null;
}

export const DEFAULT_FILTERS: SearchFilters = {
  range: 'week',
  needRoom: true,
  minCapacity: null,
  building: null,
};

export interface RequestContext {
  /** The signed-in organizer's address, left out of the attendee lists (the server adds them). */
  readonly organizerEmail: string | null;
  /** Addresses of room mailboxes: booked as rooms, never asked about as people. */
  readonly roomEmails: ReadonlySet<string>;
  /** IANA zone of the organizer (the grid the slots start on). */
  readonly timeZone: string;
  readonly now: Date;
  /**
   * The day to search from; the meeting's own day by default. The pane pins it when it opens, so
   * applying a slot on another day (which moves the meeting) does not move the search.
   */
  readonly searchFrom?: Date;
}

const DEFAULT_MINUTES = 30;
const DAY = 86_400_000;

/** The meeting's length in whole minutes, within what the server accepts. */
export function durationOf(snapshot: AppointmentSnapshot): number {
  const minutes = Math.round((snapshot.end.getTime() - snapshot.start.getTime()) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 5) return DEFAULT_MINUTES;
  return Math.min(minutes, 1440);
}

/** Midnight (in the browser's zone, which is the organizer's) of the day `date` falls on. */
function startOfDay(date: Date): Date {
  const day = new Date(date);
  day.setHours(0, 0, 0, 0);
  return day;
}

export function suggestionRequest(
  snapshot: AppointmentSnapshot,
  filters: SearchFilters,
  context: RequestContext,
): SuggestionRequest {
  const people = snapshot.attendees.filter(
    (a) => !context.roomEmails.has(a.email) && a.email !== context.organizerEmail?.toLowerCase(),
  );
  const durationMinutes = durationOf(snapshot);
  const meetingDay = startOfDay(context.searchFrom ?? snapshot.start);
  const from = meetingDay < context.now ? startOfDay(context.now) : meetingDay;
  let to = new Date(from.getTime() + RANGE_DAYS[filters.range] * DAY);
  // The server refuses a window that ends before the meeting could fit after now.
  if (to.getTime() - Math.max(from.getTime(), context.now.getTime()) < durationMinutes * 60_000) {
    to = new Date(to.getTime() + DAY);
  }
  return {
    required: people.filter((a) => a.required).map((a) => a.email),
    optional: people.filter((a) => !a.required).map((a) => a.email),
    includeOrganizer: true,
    durationMinutes,
    start: from.toISOString(),
    end: to.toISOString(),
    granularityMinutes: durationMinutes >= 30 ? 30 : 15,
    organizerTimeZone: context.timeZone,
    ...(filters.needRoom
      ? {
          rooms: {
            count: 1,
            ...(filters.minCapacity ? { minCapacity: filters.minCapacity } : {}),
            ...(filters.building ? { building: filters.building } : {}),
          },
        }
      : {}),
    maxResults: 12,
  };
}
