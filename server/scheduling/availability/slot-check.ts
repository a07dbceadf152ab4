// "Is this slot free?" for one meeting: every attendee and every room over [start, end), with the
// org's policy — what booking asks before it writes, and again before it moves a meeting. Rooms
// are looked up in the places directory of the organizer's tenant first, so this cannot be used
// to read the free/busy of an arbitrary mailbox by calling it a room.
import type { Member, Organization } from '../../domain/types.js';
import { overlapsAny } from '../intervals.js';
import type { RoomDirectory } from '../rooms/room-directory.js';
import type { AvailabilityService } from './availability-service.js';
import { blockingIntervals } from './busy-intervals.js';
import type { UnknownReason } from './unknown-reasons.js';

export interface SlotCheckQuery {
  readonly org: Readonly<Organization>;
  /** The organizer; their tenant's rooms are the ones checked. */
  readonly caller: Member;
  /** `roomTenantOf(caller, …)`. */
  readonly roomTenantId: string;
  readonly start: number;
  readonly end: number;
  readonly attendees: readonly string[];
  readonly rooms?: readonly string[];
  readonly signal?: AbortSignal;
}

export type SlotState = 'free' | 'busy' | 'unknown';

export interface SlotCheckEntry {
  readonly email: string;
  readonly state: SlotState;
  /** Why it is unknown (`not_a_room` for a room address that is not in the tenant's places). */
  readonly reason: UnknownReason | 'not_a_room' | null;
}

export interface SlotCheck {
  /** Every attendee free (unknown ones pass only if the policy lets unknown pass) and every room free. */
  readonly free: boolean;
  readonly attendees: readonly SlotCheckEntry[];
  readonly rooms: readonly SlotCheckEntry[];
}

export interface SlotCheckDeps {
  readonly availability: AvailabilityService;
  readonly rooms: RoomDirectory;
}

/** Checks one slot for attendees and rooms (unknown rooms are never free). */
export async function checkSlot(deps: SlotCheckDeps, query: SlotCheckQuery): Promise<SlotCheck> {
  const wanted = [...new Set((query.rooms ?? []).map((r) => r.trim().toLowerCase()))];
  const known =
    wanted.length === 0
      ? new Set<string>()
      : new Set((await deps.rooms.rooms(query.roomTenantId)).value.map((r) => r.email));
  const read = await deps.availability.read({
    org: query.org,
    caller: query.caller,
    attendees: query.attendees,
    rooms: wanted
      .filter((r) => known.has(r))
      .map((email) => ({ email, tenantId: query.roomTenantId })),
    start: query.start,
    end: query.end,
    ...(query.signal ? { signal: query.signal } : {}),
  });
  const stateOf = (entry: {
    known: boolean;
    busy: Parameters<typeof blockingIntervals>[0];
  }): SlotState =>
    !entry.known
      ? 'unknown'
      : overlapsAny(blockingIntervals(entry.busy), query.start, query.end)
        ? 'busy'
        : 'free';
  const attendees = read.attendees.map((a) => ({
    email: a.email,
    state: stateOf(a),
    reason: a.unknown?.reason ?? null,
  }));
  const readRooms = new Map(read.rooms.map((r) => [r.email, r]));
  const rooms = wanted.map((email): SlotCheckEntry => {
    const room = readRooms.get(email);
    if (!room) return { email, state: 'unknown', reason: 'not_a_room' };
    return { email, state: stateOf(room), reason: room.unknown?.reason ?? null };
  });
  const free =
    attendees.every(
      (a) => a.state === 'free' || (a.state === 'unknown' && !read.policy.unknownBlocks),
    ) && rooms.every((r) => r.state === 'free');
  return { free, attendees, rooms };
}
