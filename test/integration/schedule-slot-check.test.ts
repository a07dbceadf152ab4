// checkSlot, what booking asks before it writes: attendees and rooms over one slot with the org's
// policy, rooms looked up in the tenant's places first (an arbitrary mailbox is no room).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import type { Member, Organization } from '../../server/domain/types.js';
import {
  checkSlot,
  roomTenantOf,
  schedulingRuntime,
} from '../../server/scheduling/availability/index.js';
import { TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createEvent, iso, nextMonday, syncedContoso } from './schedule-fixtures.js';

const H = 3_600_000;
const DAY = 86_400_000;
let quorum: TestQuorum;
let org: Organization;
let adele: Member;
let monday: number;

beforeAll(async () => {
  quorum = await startQuorum();
  org = await syncedContoso(quorum);
  adele = (await quorum.services.members.findByEmail(org.id, 'adele.vance@contoso.com'))!;
  monday = nextMonday();
  // Ben books Kew for Tuesday 10:00–11:00Z; the room accepts (auto-accept).
  const tuesday = iso(monday + DAY).slice(0, 10);
  await quorum.services.graph.post(TENANTS.contoso.id, '/users/ben.walters@contoso.com/events', {
    subject: 'Kew booking',
    start: { dateTime: `${tuesday}T10:00:00`, timeZone: 'UTC' },
    end: { dateTime: `${tuesday}T11:00:00`, timeZone: 'UTC' },
    attendees: [{ emailAddress: { address: 'room.kew@contoso.com' }, type: 'resource' }],
    location: { displayName: 'Kew', locationEmailAddress: 'room.kew@contoso.com' },
  });
  await createEvent(quorum, 'farah.haddad@contoso.com', {
    subject: 'Busy',
    start: iso(monday + 3 * DAY + 12 * H).slice(0, 19),
    end: iso(monday + 3 * DAY + 13 * H).slice(0, 19),
    timeZone: 'UTC',
  });
});
afterAll(async () => {
  await quorum.close();
});

async function check(start: number, end: number, attendees: string[], rooms: string[] = []) {
  const runtime = schedulingRuntime({ clock: systemClock, services: quorum.services });
  const connections = await quorum.services.orgs.listConnections(org.id);
  return checkSlot(runtime, {
    org,
    caller: adele,
    roomTenantId: roomTenantOf(adele, TENANTS.contoso.id, connections),
    start,
    end,
    attendees,
    rooms,
  });
}

describe('checkSlot', () => {
  it('finds a slot free for everyone and every room', async () => {
    const slot = await check(
      monday + 3 * DAY + 14 * H,
      monday + 3 * DAY + 15 * H,
      ['farah.haddad@contoso.com'],
      ['room.kew@contoso.com'],
    );
    expect(slot).toEqual({
      free: true,
      attendees: [{ email: 'farah.haddad@contoso.com', state: 'free', reason: null }],
      rooms: [{ email: 'room.kew@contoso.com', state: 'free', reason: null }],
    });
  });

  it('says who is busy, which room is taken, and who is unknown', async () => {
    const slot = await check(monday + 3 * DAY + 12.5 * H, monday + 3 * DAY + 13.5 * H, [
      'farah.haddad@contoso.com',
      'nestor.wilke@contoso.com',
    ]);
    expect(slot.free).toBe(false);
    expect(slot.attendees).toEqual([
      { email: 'farah.haddad@contoso.com', state: 'busy', reason: null },
      { email: 'nestor.wilke@contoso.com', state: 'unknown', reason: 'no_mailbox' },
    ]);
    const room = await check(
      monday + DAY + 10.5 * H,
      monday + DAY + 11.5 * H,
      [],
      ['room.kew@contoso.com'],
    );
    expect(room).toMatchObject({
      free: false,
      rooms: [{ email: 'room.kew@contoso.com', state: 'busy' }],
    });
  });

  it('refuses to read a mailbox that is not one of the tenant’s rooms', async () => {
    const slot = await check(monday + 14 * H, monday + 15 * H, [], ['megan.bowen@contoso.com']);
    expect(slot).toEqual({
      free: false,
      attendees: [],
      rooms: [{ email: 'megan.bowen@contoso.com', state: 'unknown', reason: 'not_a_room' }],
    });
  });
});
