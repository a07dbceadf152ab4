// A tenant's rooms and room lists from the places API, kept per tenant for a while (rooms change
// rarely, and every suggestion with a room wants them): each list is read whole (100 per page by
// default, so nextLinks are followed), concurrent askers share one read, failures are not kept.
import type { Clock } from '../../clock.js';
import { collect, type GraphClient } from '../../microsoft/graph/index.js';
import { listRoomLists, listRooms, listRoomsInRoomList } from '../../microsoft/places.js';
import { roomListOf, roomOf, type Room, type RoomList } from './room.js';

export const DEFAULT_ROOMS_TTL_MS = 15 * 60_000;

export interface RoomDirectoryOptions {
  readonly graph: GraphClient;
  readonly clock: Clock;
  readonly ttlMs?: number;
}

export interface Cached<T> {
  readonly value: T;
  /** When Graph was read (epoch ms). */
  readonly fetchedAt: number;
}

interface Entry<T> {
  readonly promise: Promise<Cached<T>>;
  /** Set once the read succeeded. */
  expiresAt: number;
}

export class RoomDirectory {
  readonly #o: RoomDirectoryOptions;
  readonly #entries = new Map<string, Entry<unknown>>();

  constructor(options: RoomDirectoryOptions) {
    this.#o = options;
  }

  /** `GET /places/microsoft.graph.room`: every room of the tenant. */
  rooms(tenantId: string): Promise<Cached<readonly Room[]>> {
    const tid = tenantId.toLowerCase();
    return this.#cached(`${tid}|rooms`, async () =>
      (await collect(listRooms(this.#o.graph, tid, { top: 100 }))).items.map(roomOf),
    );
  }

  /** `GET /places/microsoft.graph.roomlist`: the tenant's room lists. */
  roomLists(tenantId: string): Promise<Cached<readonly RoomList[]>> {
    const tid = tenantId.toLowerCase();
    return this.#cached(`${tid}|lists`, async () =>
      (await collect(listRoomLists(this.#o.graph, tid))).items.map(roomListOf),
    );
  }

  /** `GET /places/{list}/microsoft.graph.roomlist/rooms`: the rooms of one list, by its email. */
  roomsInList(tenantId: string, listEmail: string): Promise<Cached<readonly Room[]>> {
    const tid = tenantId.toLowerCase();
    const list = listEmail.toLowerCase();
    return this.#cached(`${tid}|list|${list}`, async () =>
      (await collect(listRoomsInRoomList(this.#o.graph, tid, list))).items.map(roomOf),
    );
  }

  /** Drops everything kept for a tenant (its connection changed). */
  forget(tenantId: string): void {
    const prefix = `${tenantId.toLowerCase()}|`;
    for (const key of [...this.#entries.keys()])
      if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  #cached<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
    const now = this.#o.clock.now();
    const existing = this.#entries.get(key) as Entry<T> | undefined;
    if (existing && existing.expiresAt > now) return existing.promise;
    const ttl = this.#o.ttlMs ?? DEFAULT_ROOMS_TTL_MS;
    const entry: Entry<T> = {
      // In flight: shared by everyone asking until it settles.
      expiresAt: Number.POSITIVE_INFINITY,
      promise: load().then((value) => {
        const fetchedAt = this.#o.clock.now();
        entry.expiresAt = fetchedAt + ttl;
        return { value, fetchedAt };
      }),
    };
    entry.promise.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    this.#entries.set(key, entry as Entry<unknown>);
    return entry.promise;
  }
}
