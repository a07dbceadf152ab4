// GET /api/me/calendars and PUT /api/me/calendars/selection: the member's real calendars read
// app-only through the org's Contoso connection, and choices checked against them.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCalendar } from '../../server/microsoft/calendars.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

interface Problem {
  code: string;
  detail: string;
  errors?: { path: string; message: string }[];
}
interface MyCalendars {
  calendars: {
    id: string;
    name: string;
    canEdit: boolean;
    isDefault: boolean;
    selected: boolean;
    destination: boolean;
  }[];
  scheduler: { id: 'scheduler'; name: string; exists: boolean; destination: boolean };
  destinationCalendarId: string | null;
}

const adele = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
const nestor = { tenant: 'contoso.com', upn: 'nestor.wilke@contoso.com' }; // no licence, no mailbox

let quorum: TestQuorum;
let contoso: TestOrg;
let adeleId: string;
let defaultId: string;
let holidaysId: string;
let foreignId: string;

function oidOf(upn: string): string {
  const tenant = quorum.emulator.world.findTenant('contoso.com')!;
  return quorum.emulator.world.findUser(tenant, upn)!.id;
}

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso');
  adeleId = await signIn(quorum, adele.tenant, adele.upn);
  const graph = quorum.services.graph;
  const tid = TENANTS.contoso.id;
  holidaysId = (await createCalendar(graph, tid, oidOf(adele.upn), 'Team Holidays')).id;
  foreignId = (await createCalendar(graph, tid, oidOf('megan.bowen@contoso.com'), 'Board')).id;
});
afterAll(async () => {
  await quorum.close();
});
beforeEach(async () => {
  await quorum.services.members.update(contoso.org.id, adeleId, (m) => ({
    ...m,
    calendar: { ...m.calendar, selectedCalendarIds: [], destinationCalendarId: null },
  }));
});

async function adeleChoices() {
  const member = await quorum.services.members.get(contoso.org.id, adeleId);
  const { selectedCalendarIds, destinationCalendarId } = member!.calendar;
  return { selectedCalendarIds, destinationCalendarId };
}

describe('GET /api/me/calendars', () => {
  it("lists the mailbox's calendars, the default one counting and receiving bookings, plus the scheduler option", async () => {
    const { status, body } = await quorum.api<MyCalendars>(adele, 'GET', '/api/me/calendars');
    expect(status).toBe(200);
    defaultId = body.calendars.find((c) => c.isDefault)!.id;
    expect(body.calendars).toEqual([
      {
        id: defaultId,
        name: 'Calendar',
        canEdit: true,
        isDefault: true,
        selected: true,
        destination: true,
      },
      {
        id: holidaysId,
        name: 'Team Holidays',
        canEdit: true,
        isDefault: false,
        selected: false,
        destination: false,
      },
    ]);
    expect(body.scheduler).toEqual({
      id: 'scheduler',
      name: 'Quorum Scheduler',
      exists: false,
      destination: false,
    });
    expect(body.destinationCalendarId).toBeNull();
  });

  it('answers ERR_CALENDAR_UNREADABLE, with the reason, for a mailbox Exchange does not host', async () => {
    await signIn(quorum, nestor.tenant, nestor.upn);
    const { status, body } = await quorum.api<Problem>(nestor, 'GET', '/api/me/calendars');
    expect(status).toBe(409);
    expect(body.code).toBe('ERR_CALENDAR_UNREADABLE');
    expect(body.detail).toMatch(/no Exchange Online mailbox/);
    expect(body.detail).toMatch(/Request id: [0-9a-f-]{36}/);
  });

  it('answers ERR_CALENDAR_TEMPORARILY_UNAVAILABLE with Retry-After when Graph keeps failing', async () => {
    await control(quorum.emulator, 'POST', '/faults', {
      status: 503,
      count: 5,
      retryAfter: 0,
      pathPattern: '/calendars',
    });
    try {
      const res = await quorum.api<Problem>(adele, 'GET', '/api/me/calendars');
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('ERR_CALENDAR_TEMPORARILY_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await control(quorum.emulator, 'DELETE', '/faults');
    }
  });

  it('answers ERR_CALENDAR_NOT_MANAGED while the connection to the tenant is disabled', async () => {
    const { orgs } = quorum.services;
    const toggle = (enabled: boolean) =>
      orgs.updateConnection(contoso.org.id, contoso.connection.id, (c) => ({ ...c, enabled }));
    await toggle(false);
    try {
      const { status, body } = await quorum.api<Problem>(adele, 'GET', '/api/me/calendars');
      expect(status).toBe(409);
      expect(body.code).toBe('ERR_CALENDAR_NOT_MANAGED');
    } finally {
      await toggle(true);
    }
  });

  it('answers ERR_CALENDAR_DISCONNECTED to a member who disconnected', async () => {
    await quorum.services.members.update(contoso.org.id, adeleId, (m) => ({
      ...m,
      calendar: { ...m.calendar, disconnected: true },
    }));
    try {
      const { status, body } = await quorum.api<Problem>(adele, 'GET', '/api/me/calendars');
      expect(status).toBe(409);
      expect(body.code).toBe('ERR_CALENDAR_DISCONNECTED');
    } finally {
      await quorum.services.members.update(contoso.org.id, adeleId, (m) => ({
        ...m,
        calendar: { ...m.calendar, disconnected: false },
      }));
    }
  });
});

describe('PUT /api/me/calendars/selection', () => {
  it('keeps calendars for conflicts and the Quorum Scheduler as destination', async () => {
    const { status, body } = await quorum.api<MyCalendars>(
      adele,
      'PUT',
      '/api/me/calendars/selection',
      { selectedCalendarIds: [holidaysId], destinationCalendarId: 'scheduler' },
    );
    expect(status).toBe(200);
    expect(body.calendars.find((c) => c.id === holidaysId)).toMatchObject({ selected: true });
    expect(body.calendars.every((c) => !c.destination)).toBe(true);
    expect(body.scheduler.destination).toBe(true);
    expect(await adeleChoices()).toEqual({
      selectedCalendarIds: [holidaysId],
      destinationCalendarId: 'scheduler',
    });
  });

  it('stores the default calendar as null: it always counts and is the default destination', async () => {
    const { status } = await quorum.api(adele, 'PUT', '/api/me/calendars/selection', {
      selectedCalendarIds: [defaultId, holidaysId, holidaysId],
      destinationCalendarId: defaultId,
    });
    expect(status).toBe(200);
    expect(await adeleChoices()).toEqual({
      selectedCalendarIds: [holidaysId],
      destinationCalendarId: null,
    });
  });

  it('books into another own calendar when chosen', async () => {
    const { body } = await quorum.api<MyCalendars>(adele, 'PUT', '/api/me/calendars/selection', {
      selectedCalendarIds: [],
      destinationCalendarId: holidaysId,
    });
    expect(body.calendars.filter((c) => c.destination).map((c) => c.id)).toEqual([holidaysId]);
    expect(body.destinationCalendarId).toBe(holidaysId);
  });

  it.each<[string, unknown, string]>([
    [
      "another mailbox's calendar for conflicts",
      { selectedCalendarIds: ['HOLIDAYS', 'FOREIGN'], destinationCalendarId: null },
      'selectedCalendarIds.1',
    ],
    [
      "another mailbox's calendar as destination",
      { selectedCalendarIds: [], destinationCalendarId: 'FOREIGN' },
      'destinationCalendarId',
    ],
    [
      'an id no mailbox has',
      { selectedCalendarIds: ['AAMkNoSuchCalendar'], destinationCalendarId: null },
      'selectedCalendarIds.0',
    ],
    ['no destination field', { selectedCalendarIds: [] }, 'destinationCalendarId'],
    ['no selection field', { destinationCalendarId: null }, 'selectedCalendarIds'],
    [
      'a string for the list',
      { selectedCalendarIds: 'all', destinationCalendarId: null },
      'selectedCalendarIds',
    ],
    [
      'more than 50 calendars',
      {
        selectedCalendarIds: Array.from({ length: 51 }, (_, i) => `c${i}`),
        destinationCalendarId: null,
      },
      'selectedCalendarIds',
    ],
    [
      'an empty id',
      { selectedCalendarIds: [''], destinationCalendarId: null },
      'selectedCalendarIds.0',
    ],
    [
      'an extra field',
      { selectedCalendarIds: [], destinationCalendarId: null, owner: 'megan' },
      '',
    ],
  ])('refuses %s with ERR_VALIDATION and keeps the previous choice', async (_what, raw, path) => {
    await quorum.api(adele, 'PUT', '/api/me/calendars/selection', {
      selectedCalendarIds: [holidaysId],
      destinationCalendarId: 'scheduler',
    });
    // Ids exist only once beforeAll ran: the table names them by placeholder.
    const json = JSON.stringify(raw).replaceAll('FOREIGN', foreignId);
    const body = JSON.parse(json.replaceAll('HOLIDAYS', holidaysId)) as unknown;
    const res = await quorum.api<Problem>(adele, 'PUT', '/api/me/calendars/selection', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR_VALIDATION');
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
    expect(await adeleChoices()).toEqual({
      selectedCalendarIds: [holidaysId],
      destinationCalendarId: 'scheduler',
    });
  });
});
