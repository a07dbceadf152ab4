// Meeting-time suggestions (DESIGN J4): the organizer plus required and optional attendees, a
// window, a duration and a grid; the people's and the candidate rooms' free/busy in one round of
// reads; each person's working hours in their own zone; then the pure ranking. Rooms come from
// the places directory of the organizer's tenant; when they cannot be listed the slots still come,
// with the problem said rather than a failed request.
import type { Clock } from '../../clock.js';
import type { Member, Organization, TenantConnection } from '../../domain/types.js';
import {
  blockingIntervals,
  type AvailabilityService,
  type AttendeeAvailability,
} from '../availability/index.js';
import {
  describeUnknown,
  unknownFromError,
  type Unknown,
} from '../availability/unknown-reasons.js';
import { mergeIntervals, type Interval } from '../intervals.js';
import { byFit, matchesRoom, type Room } from '../rooms/room.js';
import type { RoomDirectory } from '../rooms/room-directory.js';
import { workingIntervals, type WeeklyHours } from '../working-hours.js';
import { zoneWindow } from '../zone-window.js';
import { candidateSlots } from './candidate-slots.js';
import { rankSlots, type PersonState, type RankedPerson, type RankedRoom } from './ranking.js';

const MINUTE = 60_000;
/** Rooms asked about per suggestion: two getSchedule chunks, in the same round as the people. */
export const MAX_ROOM_CANDIDATES = 40;
/** Free rooms listed per slot. */
const ROOMS_PER_SLOT = 5;

export interface RoomWish {
  readonly count: number;
  readonly minCapacity?: number | undefined;
  readonly building?: string | undefined;
  readonly accessible?: boolean | undefined;
  /** Only rooms of this room list (its email). */
  readonly roomList?: string | undefined;
}

export interface SuggestionQuery {
  readonly org: Readonly<Organization>;
  readonly caller: Member;
  /** The tenant whose rooms are offered (`roomTenantOf`), or the problem that prevents it. */
  readonly roomTenant: { ok: true; tenantId: string } | { ok: false; error: unknown };
  readonly required: readonly string[];
  readonly optional: readonly string[];
  /** The organizer (the caller) counts as a required attendee. */
  readonly includeOrganizer: boolean;
  readonly start: number;
  readonly end: number;
  readonly durationMinutes: number;
  readonly granularityMinutes: number;
  readonly bufferBeforeMinutes: number;
  readonly bufferAfterMinutes: number;
  readonly organizerTimeZone: string;
  readonly rooms: RoomWish | undefined;
  readonly maxResults: number;
  readonly signal?: AbortSignal;
  /** The org's tenant connections, when the caller already listed them. */
  readonly connections?: readonly Readonly<TenantConnection>[];
}

export interface SuggestedAttendee {
  readonly email: string;
  readonly required: boolean;
  readonly availability: PersonState;
  readonly inWorkingHours: boolean | null;
}

export interface Suggestion {
  readonly start: string;
  readonly end: string;
  readonly score: number;
  readonly attendees: readonly SuggestedAttendee[];
  readonly rooms: readonly Room[];
}

export interface AttendeeSummary {
  readonly email: string;
  readonly displayName: string | null;
  readonly required: boolean;
  readonly organizer: boolean;
  readonly availability: 'known' | 'unknown';
  readonly reason: string | null;
  readonly detail: string | null;
  readonly timeZone: string | null;
}

export interface SuggestionResult {
  readonly window: { readonly start: string; readonly end: string };
  readonly organizerTimeZone: string;
  readonly suggestions: readonly Suggestion[];
  readonly attendees: readonly AttendeeSummary[];
  readonly unknown: readonly AttendeeSummary[];
  readonly rooms: {
    readonly requested: number;
    readonly candidates: number;
    readonly problem: { readonly reason: string; readonly detail: string } | null;
  };
  /** Milliseconds spent waiting on Graph, and everything else. */
  readonly timings: { readonly graphMs: number; readonly computeMs: number };
}

interface Person {
  readonly email: string;
  readonly required: boolean;
  readonly organizer: boolean;
}

export interface SuggestDeps {
  readonly availability: AvailabilityService;
  readonly rooms: RoomDirectory;
  readonly clock: Clock;
}

/** Ranked slots for `query`. */
export async function suggestTimes(
  deps: SuggestDeps,
  query: SuggestionQuery,
): Promise<SuggestionResult> {
  const began = performance.now();
  let graphMs = 0;
  const people = peopleOf(query);
  const now = deps.clock.now();
  const start = Math.max(query.start, Math.ceil(now / MINUTE) * MINUTE);
  const end = query.end;

  const roomCount = query.rooms?.count ?? 0;
  const seats = query.rooms?.minCapacity ?? Math.ceil(people.length / Math.max(1, roomCount));
  let candidates: Room[] = [];
  let roomProblem: Unknown | null = null;
  if (roomCount > 0 && query.rooms) {
    const roomsStarted = performance.now();
    try {
      candidates = await candidateRooms(deps.rooms, query.roomTenant, query.rooms, seats);
    } catch (error) {
      roomProblem = unknownFromError(error);
    }
    graphMs += performance.now() - roomsStarted;
  }
  const roomTenant = query.roomTenant.ok ? query.roomTenant.tenantId : '';
  const before = query.bufferBeforeMinutes * MINUTE;
  const after = query.bufferAfterMinutes * MINUTE;
  const read = await deps.availability.read({
    org: query.org,
    caller: query.caller,
    attendees: people.map((p) => p.email),
    rooms: candidates.map((room) => ({ email: room.email, tenantId: roomTenant })),
    start: start - before,
    end: end + after,
    ...(query.signal ? { signal: query.signal } : {}),
    ...(query.connections ? { connections: query.connections } : {}),
  });
  graphMs += read.graphMs;

  const byEmail = new Map(read.attendees.map((a) => [a.email, a]));
  const offsetsByZone = new Map<string, ReturnType<typeof zoneWindow>>();
  const offsetsFor = (zone: string) => {
    let offsets = offsetsByZone.get(zone);
    if (!offsets) offsetsByZone.set(zone, (offsets = zoneWindow(zone, start, end)));
    return offsets;
  };
  // Colleagues mostly share hours and a zone: each pattern is laid out once.
  const workingByPattern = new Map<string, Interval[]>();
  const workingOf = (hours: WeeklyHours) => {
    const key = `${hours.timeZone}|${hours.startTime}|${hours.endTime}|${hours.daysOfWeek.join()}`;
    let intervals = workingByPattern.get(key);
    if (!intervals) {
      intervals = workingIntervals(hours, start, end, offsetsFor(hours.timeZone));
      workingByPattern.set(key, intervals);
    }
    return intervals;
  };
  const ranked: RankedPerson[] = people.map((person) => {
    const a = byEmail.get(person.email);
    const hours = a?.known ? a.workingHours : null;
    return {
      key: person.email,
      required: person.required,
      known: a?.known ?? false,
      blocking: a ? blockingIntervals(a.busy) : [],
      working: hours ? workingOf(hours) : null,
    };
  });
  const roomByEmail = new Map(candidates.map((room) => [room.email, room]));
  const rankedRooms: RankedRoom[] = read.rooms.map((r) => ({
    key: r.email,
    capacity: roomByEmail.get(r.email)?.capacity ?? null,
    known: r.known,
    blocking: mergeIntervals(r.busy.filter((b) => b.blocking)),
  }));
  const slots =
    end - start >= query.durationMinutes * MINUTE
      ? candidateSlots({
          start,
          end,
          durationMinutes: query.durationMinutes,
          granularityMinutes: query.granularityMinutes,
          offsets: offsetsFor(query.organizerTimeZone),
        })
      : [];
  const best = rankSlots({
    slots,
    people: ranked,
    unknownBlocks: read.policy.unknownBlocks,
    bufferBeforeMs: before,
    bufferAfterMs: after,
    roomCount,
    seatsNeeded: seats,
    rooms: rankedRooms,
    maxResults: query.maxResults,
  });

  const summaries = people.map((p) => summaryOf(p, byEmail.get(p.email)));
  const suggestions: Suggestion[] = best.map((slot) => ({
    start: new Date(slot.start).toISOString(),
    end: new Date(slot.end).toISOString(),
    score: slot.score,
    attendees: people.map((p, i) => ({
      email: p.email,
      required: p.required,
      availability: slot.people[i]!.state,
      inWorkingHours: slot.people[i]!.inWorkingHours,
    })),
    rooms: slot.rooms.slice(0, ROOMS_PER_SLOT).flatMap((email) => {
      const room = roomByEmail.get(email);
      return room ? [room] : [];
    }),
  }));
  const roomsUnread = read.rooms.filter((r) => !r.known).length;
  return {
    window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    organizerTimeZone: query.organizerTimeZone,
    suggestions,
    attendees: summaries,
    unknown: summaries.filter((s) => s.availability === 'unknown'),
    rooms: {
      requested: roomCount,
      candidates: candidates.length - roomsUnread,
      problem: roomProblem
        ? { reason: roomProblem.reason, detail: describeUnknown(roomProblem.reason) }
        : roomCount > 0 && candidates.length === 0
          ? {
              reason: 'no_matching_rooms',
              detail:
                'No bookable room of your tenant matches the seats, building and access asked for.',
            }
          : null,
    },
    timings: {
      graphMs: round(graphMs),
      computeMs: round(performance.now() - began - graphMs),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Organizer first, then required, then optional; each address once (required wins). */
function peopleOf(query: SuggestionQuery): Person[] {
  const out = new Map<string, Person>();
  const organizer = query.caller.email.trim().toLowerCase();
  if (query.includeOrganizer && organizer.includes('@')) {
    out.set(organizer, { email: organizer, required: true, organizer: true });
  }
  for (const raw of query.required) {
    const email = raw.trim().toLowerCase();
    if (!out.has(email)) out.set(email, { email, required: true, organizer: false });
  }
  for (const raw of query.optional) {
    const email = raw.trim().toLowerCase();
    if (!out.has(email)) out.set(email, { email, required: false, organizer: false });
  }
  return [...out.values()];
}

async function candidateRooms(
  directory: RoomDirectory,
  tenant: SuggestionQuery['roomTenant'],
  wish: RoomWish,
  seats: number,
): Promise<Room[]> {
  if (!tenant.ok) throw tenant.error;
  const [all, list] = await Promise.all([
    directory.rooms(tenant.tenantId),
    wish.roomList ? directory.roomsInList(tenant.tenantId, wish.roomList) : undefined,
  ]);
  const within = list ? new Set(list.value.map((r) => r.email)) : undefined;
  return all.value
    .filter(
      (room) =>
        room.bookingType !== 'reserved' &&
        matchesRoom(room, {
          building: wish.building,
          accessible: wish.accessible,
          minCapacity: seats,
          within,
        }),
    )
    .sort(byFit)
    .slice(0, MAX_ROOM_CANDIDATES);
}

function summaryOf(person: Person, a: AttendeeAvailability | undefined): AttendeeSummary {
  const reason = a ? a.unknown?.reason : 'error';
  return {
    email: person.email,
    displayName: a?.member?.displayName ?? null,
    required: person.required,
    organizer: person.organizer,
    availability: a?.known ? 'known' : 'unknown',
    reason: a?.known ? null : (reason ?? 'error'),
    detail: a?.known ? null : describeUnknown(reason ?? 'error'),
    timeZone: a?.timeZone ?? null,
  };
}
