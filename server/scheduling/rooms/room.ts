// A room as Quorum shows it (from the places API, graph-facts §4), the filters the add-in offers,
// and "best fit first": the smallest room that seats everyone, then by name.
import type { GraphRoom, GraphRoomList } from '../../microsoft/graph-types.js';

export interface Room {
  readonly email: string;
  readonly displayName: string;
  readonly capacity: number | null;
  readonly building: string | null;
  readonly floorNumber: number | null;
  readonly floorLabel: string | null;
  readonly accessible: boolean;
  /** `reserved` rooms take bookings only from the people their policy names. */
  readonly bookingType: 'standard' | 'reserved' | 'unknown';
  readonly tags: readonly string[];
  readonly devices: {
    readonly audio: string | null;
    readonly video: string | null;
    readonly display: string | null;
  };
}

export interface RoomList {
  readonly email: string;
  readonly displayName: string;
}

/** The device names places adds to a room (not in every Graph schema version). */
type PlacesRoom = GraphRoom & {
  audioDeviceName?: string | null;
  videoDeviceName?: string | null;
  displayDeviceName?: string | null;
};

export function roomOf(room: PlacesRoom): Room {
  return {
    email: room.emailAddress.toLowerCase(),
    displayName: room.displayName,
    capacity: typeof room.capacity === 'number' ? room.capacity : null,
    building: room.building ?? null,
    floorNumber: typeof room.floorNumber === 'number' ? room.floorNumber : null,
    floorLabel: room.floorLabel ?? null,
    accessible: room.isWheelChairAccessible === true,
    bookingType: room.bookingType ?? 'unknown',
    tags: [...(room.tags ?? [])],
    devices: {
      audio: room.audioDeviceName ?? null,
      video: room.videoDeviceName ?? null,
      display: room.displayDeviceName ?? null,
    },
  };
}

export function roomListOf(list: GraphRoomList): RoomList {
  return { email: list.emailAddress.toLowerCase(), displayName: list.displayName };
}

export interface RoomFilter {
  readonly building?: string | undefined;
  readonly minCapacity?: number | undefined;
  /** Only wheelchair-accessible rooms. */
  readonly accessible?: boolean | undefined;
  /** Only these rooms (a room list's members), by email. */
  readonly within?: ReadonlySet<string> | undefined;
}

export function matchesRoom(room: Room, filter: RoomFilter): boolean {
  if (
    filter.building !== undefined &&
    room.building?.toLowerCase() !== filter.building.toLowerCase()
  ) {
    return false;
  }
  if (filter.minCapacity !== undefined && (room.capacity ?? 0) < filter.minCapacity) return false;
  if (filter.accessible === true && !room.accessible) return false;
  if (filter.within && !filter.within.has(room.email)) return false;
  return true;
}

/** Smallest adequate room first (rooms without a known capacity last), then by name. */
export function byFit(a: Room, b: Room): number {
  const ca = a.capacity ?? Number.MAX_SAFE_INTEGER;
  const cb = b.capacity ?? Number.MAX_SAFE_INTEGER;
  return ca - cb || a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email);
}
