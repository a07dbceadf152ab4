// Rooms to offer when the invited room declined: the tenant's rooms (places) free for the whole slot
// by getSchedule, best fit first — same building as the declined room, then the smallest that
// seats everyone. Reserved rooms (restricted booking, like the one that just declined) and rooms
// whose schedule cannot be read are not offered: unknown is never free.
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { GraphRoom } from '../../microsoft/graph-types.js';
import { listRooms } from '../../microsoft/places.js';
import { getSchedule } from '../../microsoft/schedule.js';
import type { RoomOption } from './meeting.js';

const NOT_BLOCKING = new Set(['free', 'workingElsewhere']);

export interface FreeRoomQuery {
  tenantId: string;
  /** The organizer's mailbox: getSchedule is asked through it. */
  anchor: string;
  /** The room that declined (left out, and its building preferred). */
  declinedRoom: string;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** People who need a seat, organizer included. */
  seats: number;
  limit?: number;
}

export async function findFreeRooms(
  graph: GraphClient,
  query: FreeRoomQuery,
): Promise<RoomOption[]> {
  const rooms: GraphRoom[] = [];
  for await (const page of listRooms(graph, query.tenantId)) rooms.push(...page.value);
  const declined = query.declinedRoom.toLowerCase();
  const building = rooms.find((r) => r.emailAddress.toLowerCase() === declined)?.building ?? null;
  const candidates = rooms.filter(
    (r) =>
      r.emailAddress.toLowerCase() !== declined &&
      r.bookingType !== 'reserved' &&
      (r.capacity === null || r.capacity === undefined || r.capacity >= query.seats),
  );
  if (candidates.length === 0) return [];
  const schedules = await getSchedule(graph, query.tenantId, query.anchor, {
    schedules: candidates.map((r) => r.emailAddress),
    start: query.start,
    end: query.end,
    intervalMinutes: 15,
  });
  const from = Date.parse(query.start);
  const to = Date.parse(query.end);
  const free = new Set(
    schedules
      .filter(
        (s) =>
          s.ok &&
          !s.items.some(
            (i) =>
              !NOT_BLOCKING.has(i.status) && Date.parse(i.start) < to && Date.parse(i.end) > from,
          ),
      )
      .map((s) => s.scheduleId.toLowerCase()),
  );
  return candidates
    .filter((r) => free.has(r.emailAddress.toLowerCase()))
    .sort(
      (a, b) => rank(a, building) - rank(b, building) || a.displayName.localeCompare(b.displayName),
    )
    .slice(0, query.limit ?? 5)
    .map((r) => ({
      email: r.emailAddress,
      name: r.displayName,
      capacity: r.capacity ?? null,
      building: r.building ?? null,
      floor:
        r.floorLabel ??
        (r.floorNumber === null || r.floorNumber === undefined ? null : String(r.floorNumber)),
    }));
}

/** Lower is better: the declined room's building first, then the tightest capacity that fits. */
function rank(room: GraphRoom, building: string | null): number {
  const elsewhere = building !== null && room.building === building ? 0 : 1;
  return elsewhere * 1_000_000 + (room.capacity ?? 999_999);
}

/** Display names of the tenant's rooms by lower-cased address (empty when places cannot be read). */
export async function roomNames(
  graph: GraphClient,
  tenantId: string,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  try {
    for await (const page of listRooms(graph, tenantId)) {
      for (const r of page.value) names.set(r.emailAddress.toLowerCase(), r.displayName);
    }
  } catch {
    // Without Place.Read.All the location shows the room's address; the booking itself still works.
  }
  return names;
}
