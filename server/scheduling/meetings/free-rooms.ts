// Rooms to offer when the invited room declined: the organizer's tenant's rooms (the scheduling
// runtime's cached places directory) that `checkSlot` finds free for the whole slot, best fit first —
// the declined room's building, then the smallest that seats everyone. Reserved rooms (restricted
// booking, like the one that just declined) are not offered, nor rooms whose schedule cannot be
// read: unknown is never free.
import type { Member, Organization } from '../../domain/types.js';
import { checkSlot, type SlotCheckDeps } from '../availability/slot-check.js';
import { byFit, type Room } from '../rooms/room.js';
import type { RoomOption } from './meeting.js';

export interface FreeRoomQuery {
  readonly org: Readonly<Organization>;
  /** The organizer: rooms of their mailbox's tenant are checked through their mailbox. */
  readonly organizer: Member;
  readonly tenantId: string;
  /** The room that declined (left out, and its building preferred). */
  readonly declinedRoom: string;
  /** UTC ISO instants. */
  readonly start: string;
  readonly end: string;
  /** People who need a seat, organizer included. */
  readonly seats: number;
  readonly limit?: number;
}

export async function findFreeRooms(
  scheduling: SlotCheckDeps,
  query: FreeRoomQuery,
): Promise<RoomOption[]> {
  const rooms = (await scheduling.rooms.rooms(query.tenantId)).value;
  const declined = query.declinedRoom.toLowerCase();
  const building = rooms.find((r) => r.email === declined)?.building ?? null;
  const candidates = rooms.filter(
    (r) =>
      r.email !== declined &&
      r.bookingType !== 'reserved' &&
      (r.capacity === null || r.capacity >= query.seats),
  );
  if (candidates.length === 0) return [];
  const check = await checkSlot(scheduling, {
    org: query.org,
    caller: query.organizer,
    roomTenantId: query.tenantId,
    start: Date.parse(query.start),
    end: Date.parse(query.end),
    attendees: [],
    rooms: candidates.map((r) => r.email),
  });
  const free = new Set(check.rooms.filter((r) => r.state === 'free').map((r) => r.email));
  const sameBuilding = (r: Room) => (building !== null && r.building === building ? 0 : 1);
  return candidates
    .filter((r) => free.has(r.email))
    .sort((a, b) => sameBuilding(a) - sameBuilding(b) || byFit(a, b))
    .slice(0, query.limit ?? 5)
    .map((r) => ({
      email: r.email,
      name: r.displayName,
      capacity: r.capacity,
      building: r.building,
      floor: r.floorLabel ?? (r.floorNumber === null ? null : String(r.floorNumber)),
    }));
}

/**
 * The display name of a room for the event's location, from the cached places directory; null
 * when the tenant's places cannot be read (the location then shows the address) or do not list it.
 */
export async function roomName(
  scheduling: SlotCheckDeps,
  tenantId: string,
  email: string,
): Promise<string | null> {
  try {
    const rooms = (await scheduling.rooms.rooms(tenantId)).value;
    return rooms.find((r) => r.email === email.toLowerCase())?.displayName ?? null;
  } catch {
    // Without Place.Read.All the booking still works; only the location's label is poorer.
    return null;
  }
}
