// The rooms cache against a scripted places API: paging, per-tenant entries, TTL on an injected
// clock, one read for concurrent askers, and failures not kept.
import { afterEach, describe, expect, it } from 'vitest';
import { RoomDirectory } from '../../server/scheduling/rooms/room-directory.js';
import { byFit, matchesRoom, roomOf } from '../../server/scheduling/rooms/room.js';
import { createFakeClock } from '../support/fake-clock.js';
import { reply, startFakeGraph, type FakeGraph } from '../microsoft/support/fake-graph.js';
import { clientFor } from '../microsoft/support/graph-client.js';

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const room = (n: number, extra: Record<string, unknown> = {}) => ({
  id: `id-${n}`,
  emailAddress: `Room${n}@Contoso.com`,
  displayName: `Room ${n}`,
  capacity: n,
  building: n % 2 === 0 ? 'Building 1' : 'Building 2',
  isWheelChairAccessible: n % 3 === 0,
  bookingType: 'standard',
  ...extra,
});

async function directory(failFirst = false) {
  let failed = !failFirst;
  fake = await startFakeGraph((req, res) => {
    if (!failed) {
      failed = true;
      reply(res, 503, { error: { code: 'ServiceUnavailable', message: 'down' } });
      return;
    }
    const url = new URL(req.url, fake!.origin);
    if (url.pathname.endsWith('/microsoft.graph.roomlist')) {
      reply(res, 200, {
        value: [{ id: 'l1', emailAddress: 'rooms.a@contoso.com', displayName: 'A' }],
      });
      return;
    }
    // Two pages of rooms: 1–3, then 4–5 from the nextLink.
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const all = [1, 2, 3, 4, 5].map((n) => room(n));
    const page = all.slice(skip, skip + 3);
    reply(res, 200, {
      value: page,
      ...(skip + 3 < all.length
        ? {
            '@odata.nextLink': `${fake!.origin}/v1.0/places/microsoft.graph.room?$skip=${skip + 3}`,
          }
        : {}),
    });
  });
  const clock = createFakeClock(Date.parse('2027-01-11T09:00:00Z'));
  const { graph } = clientFor(fake, { retry: { maxAttempts: 1 } });
  return { rooms: new RoomDirectory({ graph, clock, ttlMs: 60_000 }), clock };
}

describe('RoomDirectory', () => {
  it('reads every page once and serves repeats from the cache until the TTL passes', async () => {
    const { rooms, clock } = await directory();
    const first = await rooms.rooms('T1');
    expect(first.value.map((r) => r.email)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `room${n}@contoso.com`),
    );
    expect(fake!.requests).toHaveLength(2);
    clock.advance(59_000);
    await rooms.rooms('t1');
    expect(fake!.requests).toHaveLength(2);
    clock.advance(2_000);
    const again = await rooms.rooms('t1');
    expect(fake!.requests).toHaveLength(4);
    expect(again.fetchedAt).toBe(clock.now());
  });

  it('shares one read between concurrent askers and keeps tenants apart', async () => {
    const { rooms } = await directory();
    await Promise.all([rooms.rooms('t1'), rooms.rooms('t1'), rooms.rooms('t1')]);
    expect(fake!.requests).toHaveLength(2);
    await rooms.rooms('t2');
    expect(fake!.requests).toHaveLength(4);
    expect(
      fake!.requests.every((r) => r.headers.authorization?.startsWith('Bearer token-for-t')),
    ).toBe(true);
  });

  it('does not keep a failure', async () => {
    const { rooms } = await directory(true);
    await expect(rooms.rooms('t1')).rejects.toMatchObject({ status: 503 });
    await expect(rooms.rooms('t1')).resolves.toMatchObject({ value: expect.any(Array) });
  });

  it('lists room lists by email, lower-cased', async () => {
    const { rooms } = await directory();
    expect((await rooms.roomLists('t1')).value).toEqual([
      { email: 'rooms.a@contoso.com', displayName: 'A' },
    ]);
  });
});

describe('rooms: shape, filters, fit', () => {
  it('keeps capacity, building, floor, accessibility and devices', () => {
    expect(
      roomOf({
        ...room(8),
        floorNumber: 3,
        floorLabel: 'Floor 3',
        videoDeviceName: 'Teams Room',
        tags: ['quiet'],
      } as never),
    ).toEqual({
      email: 'room8@contoso.com',
      displayName: 'Room 8',
      capacity: 8,
      building: 'Building 1',
      floorNumber: 3,
      floorLabel: 'Floor 3',
      accessible: false,
      bookingType: 'standard',
      tags: ['quiet'],
      devices: { audio: null, video: 'Teams Room', display: null },
    });
  });

  it.each([
    [{ building: 'building 1' }, [2, 4, 6]],
    [{ minCapacity: 5 }, [5, 6]],
    [{ accessible: true }, [3, 6]],
    [{ within: new Set(['room1@contoso.com', 'room6@contoso.com']) }, [1, 6]],
    [{ building: 'Building 2', minCapacity: 2 }, [3, 5]],
  ])('filters %j', (filter, expected) => {
    const all = [6, 5, 4, 3, 2, 1].map((n) => roomOf(room(n) as never));
    expect(
      all
        .filter((r) => matchesRoom(r, filter))
        .sort(byFit)
        .map((r) => r.capacity),
    ).toEqual(expected);
  });

  it('orders smallest first, unknown capacity last', () => {
    const all = [
      roomOf(room(8) as never),
      roomOf({ ...room(9), capacity: null } as never),
      roomOf(room(4) as never),
    ];
    expect(all.sort(byFit).map((r) => r.capacity)).toEqual([4, 8, null]);
  });
});
