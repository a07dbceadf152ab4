// GET /api/rooms and /api/rooms/lists on the emulated tenants: every room with capacity, building,
// floor, accessibility and devices, smallest first; filters and paging; the cache answering
// repeats without Graph; each tenant's members see only their own tenant's rooms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { connectTenant } from '../directory/support.js';
import { ADELE, KIM, MEGAN } from './schedule-fixtures.js';

interface Room {
  email: string;
  displayName: string;
  capacity: number | null;
  building: string | null;
  floorNumber: number | null;
  floorLabel: string | null;
  accessible: boolean;
  bookingType: string;
  tags: string[];
  devices: { audio: string | null; video: string | null; display: string | null };
}
interface Rooms {
  rooms: Room[];
  total: number;
  offset: number;
  limit: number;
  fetchedAt: string;
  code?: string;
}

let quorum: TestQuorum;
const rooms = (query = '', as = ADELE) => quorum.api<Rooms>(as, 'GET', `/api/rooms${query}`);

beforeAll(async () => {
  quorum = await startQuorum();
  await connectTenant(quorum, 'contoso.com');
  await quorum.api(MEGAN, 'GET', '/api/org/status');
  const fabrikam = await quorum.services.orgs.create('Fabrikam', {
    provisioning: { mode: 'none' },
  });
  await connectTenant(quorum, 'fabrikam.com', { org: fabrikam });
});
afterAll(async () => {
  await quorum.close();
});

describe('GET /api/rooms', () => {
  it('lists every Contoso room, smallest first, with what the places API says about it', async () => {
    const { status, body } = await rooms();
    expect(status).toBe(200);
    expect(body.total).toBe(10);
    expect(body.rooms.map((r) => r.capacity)).toEqual([2, 4, 4, 6, 8, 8, 10, 12, 16, 20]);
    expect(body.rooms.find((r) => r.email === 'room.rainier@contoso.com')).toEqual({
      email: 'room.rainier@contoso.com',
      displayName: 'Rainier (12)',
      capacity: 12,
      building: 'Building 1',
      floorNumber: 1,
      floorLabel: 'Floor 1',
      accessible: true,
      bookingType: 'standard',
      tags: [],
      devices: { audio: null, video: 'Surface Hub 2S', display: 'Surface Hub 2S' },
    });
    expect(body.rooms.find((r) => r.email === 'room.boardroom@contoso.com')?.bookingType).toBe(
      'reserved',
    );
    expect(Date.parse(body.fetchedAt)).not.toBeNaN();
  });

  it.each([
    ['?building=London%20HQ', ['room.greenwich', 'room.hyde', 'room.thames', 'room.kew']],
    ['?minCapacity=10', ['room.executive', 'room.rainier', 'room.kew', 'room.boardroom']],
    ['?building=building%201&accessible=true', ['room.baker', 'room.rainier']],
    ['?roomList=rooms.london@contoso.com&minCapacity=5', ['room.thames', 'room.kew']],
  ])('filters %s', async (query, expected) => {
    const { status, body } = await rooms(query);
    expect(status).toBe(200);
    expect(body.rooms.map((r) => r.email.split('@')[0])).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it('pages with offset and limit and keeps the total', async () => {
    const first = await rooms('?limit=4');
    const second = await rooms('?offset=4&limit=4');
    const third = await rooms('?offset=8&limit=4');
    expect([first.body.rooms.length, second.body.rooms.length, third.body.rooms.length]).toEqual([
      4, 4, 2,
    ]);
    expect(
      new Set([...first.body.rooms, ...second.body.rooms, ...third.body.rooms].map((r) => r.email))
        .size,
    ).toBe(10);
    expect(second.body).toMatchObject({ total: 10, offset: 4, limit: 4 });
  });

  it('answers repeats from the cache without asking Graph again', async () => {
    await rooms();
    await control(quorum.emulator, 'DELETE', '/stats');
    await rooms('?minCapacity=4');
    await rooms('?building=Building%202');
    const stats = await control<{ byRoute: Record<string, unknown> }>(
      quorum.emulator,
      'GET',
      '/stats',
    );
    expect(Object.keys(stats.body.byRoute).filter((r) => r.includes('/places'))).toEqual([]);
  });

  it.each([
    ['?minCapacity=0', 'ERR_VALIDATION', 400],
    ['?minCapacity=lots', 'ERR_VALIDATION', 400],
    ['?limit=501', 'ERR_VALIDATION', 400],
    ['?colour=blue', 'ERR_VALIDATION', 400],
    ['?roomList=not-an-email', 'ERR_VALIDATION', 400],
    ['?roomList=rooms.paris@contoso.com', 'ERR_ROOM_LIST_NOT_FOUND', 404],
  ])('answers %s with %s', async (query, code, status) => {
    const res = await rooms(query);
    expect([res.status, res.body.code]).toEqual([status, code]);
  });
});

describe('GET /api/rooms/lists', () => {
  it('lists the tenant’s room lists by name', async () => {
    const { status, body } = await quorum.api<{ roomLists: unknown[] }>(
      ADELE,
      'GET',
      '/api/rooms/lists',
    );
    expect(status).toBe(200);
    expect(body.roomLists).toEqual([
      { email: 'rooms.london@contoso.com', displayName: 'London Rooms' },
      { email: 'rooms.seattle@contoso.com', displayName: 'Seattle Rooms' },
    ]);
  });
});

describe('tenant isolation', () => {
  it('shows a Fabrikam member only Fabrikam’s rooms', async () => {
    const { status, body } = await rooms('', KIM);
    expect(status).toBe(200);
    expect(body.rooms.map((r) => r.email)).toEqual(['room.hudson@fabrikam.com']);
    const lists = await quorum.api<{ roomLists: { email: string }[] }>(
      KIM,
      'GET',
      '/api/rooms/lists',
    );
    expect(lists.body.roomLists.map((l) => l.email)).toEqual(['rooms@fabrikam.com']);
  });

  it('refuses a Contoso room list to a Fabrikam member', async () => {
    const res = await rooms('?roomList=rooms.london@contoso.com', KIM);
    expect([res.status, res.body.code]).toEqual([404, 'ERR_ROOM_LIST_NOT_FOUND']);
  });
});

describe('when the connection cannot list rooms', () => {
  it('says the connection is disabled', async () => {
    const org = await quorum.services.orgs.findByTenant('b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d');
    const [connection] = await quorum.services.orgs.listConnections(org!.id);
    await quorum.services.orgs.putConnection({ ...connection!, enabled: false });
    try {
      const res = await rooms();
      expect([res.status, res.body.code]).toEqual([409, 'ERR_ROOMS_UNAVAILABLE']);
    } finally {
      await quorum.services.orgs.putConnection({ ...connection!, enabled: true });
    }
  });

  it('forgets a tenant’s rooms when its connection stops giving access', async () => {
    const org = await quorum.services.orgs.findByTenant('b3c5d7e9-2f4a-4c6e-8a0b-1c3e5f7a9b2d');
    const [connection] = await quorum.services.orgs.listConnections(org!.id);
    await rooms();
    for (const hook of quorum.services.connections.service.hooks.disabled) await hook(connection!);
    await control(quorum.emulator, 'DELETE', '/stats');
    await rooms();
    const stats = await control<{ byRoute: Record<string, unknown> }>(
      quorum.emulator,
      'GET',
      '/stats',
    );
    expect(Object.keys(stats.body.byRoute).filter((r) => r.includes('/places'))).not.toEqual([]);
  });
});
