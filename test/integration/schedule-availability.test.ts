// POST /api/schedule/availability on the emulated Contoso: busy intervals (recurring, all-day,
// private, working elsewhere) with no subject ever, working hours in each member's own zone,
// unknown attendees flagged with their reasons and never shown free, exact codes for bad input,
// and nothing of Contoso for a caller of another tenant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { connectTenant, syncThroughApi } from '../directory/support.js';
import {
  ADELE,
  createEvent,
  iso,
  KIM,
  localTime,
  nextMonday,
  syncedContoso,
} from './schedule-fixtures.js';

interface Busy {
  start: string;
  end: string;
  status: string;
  blocking: boolean;
}
interface Attendee {
  email: string;
  displayName: string | null;
  availability: 'known' | 'unknown';
  reason: string | null;
  detail: string | null;
  timeZone: string | null;
  workingHours: {
    daysOfWeek: string[];
    startTime: string;
    endTime: string;
    timeZone: string;
  } | null;
  busy: Busy[];
}
interface Availability {
  start: string;
  end: string;
  policy: { blocking: string[]; unknownBlocks: boolean };
  attendees: Attendee[];
}

const DAY = 86_400_000;
const H = 3_600_000;
const LA = 'America/Los_Angeles';
let quorum: TestQuorum;
let monday: number;

const availability = (body: unknown, as = ADELE) =>
  quorum.api<Availability & { code?: string; errors?: unknown[] }>(
    as,
    'POST',
    '/api/schedule/availability',
    body,
  );

function weekOf(attendees: string[]) {
  return { attendees, start: iso(monday - 12 * H), end: iso(monday + 5 * DAY + 12 * H) };
}

beforeAll(async () => {
  quorum = await startQuorum();
  await syncedContoso(quorum);
  monday = nextMonday();
  // Enrico (Amsterdam) takes next Wednesday off: an all-day event is a date in his own zone.
  const wednesday = new Date(monday + 2 * DAY).toISOString().slice(0, 10);
  const thursday = new Date(monday + 3 * DAY).toISOString().slice(0, 10);
  await createEvent(quorum, 'enrico.cattaneo@contoso.com', {
    subject: 'Dentist (confidential)',
    start: `${wednesday}T00:00:00`,
    end: `${thursday}T00:00:00`,
    timeZone: 'W. Europe Standard Time',
    isAllDay: true,
    showAs: 'oof',
  });
});
afterAll(async () => {
  await quorum.close();
});

describe('known attendees', () => {
  let byEmail: Map<string, Attendee>;
  let raw: string;

  beforeAll(async () => {
    const { status, body } = await availability(
      weekOf([
        'adele.vance@contoso.com',
        'daniel.kim@contoso.com',
        'enrico.cattaneo@contoso.com',
        'lynne.r@contoso.co.uk',
        'Uma.Patel@Contoso.com',
      ]),
    );
    expect(status).toBe(200);
    raw = JSON.stringify(body);
    byEmail = new Map(body.attendees.map((a) => [a.email, a]));
  });

  it('answers one entry per attendee, known, with their zone and display name', () => {
    expect([...byEmail.keys()]).toEqual([
      'adele.vance@contoso.com',
      'daniel.kim@contoso.com',
      'enrico.cattaneo@contoso.com',
      'lynne.r@contoso.co.uk',
      'uma.patel@contoso.com',
    ]);
    for (const a of byEmail.values())
      expect(a).toMatchObject({ availability: 'known', reason: null });
    expect(byEmail.get('lynne.r@contoso.co.uk')).toMatchObject({
      displayName: 'Lynne Robbins',
      timeZone: 'Europe/London',
    });
  });

  it('gives working hours in each member’s own IANA zone', () => {
    expect(byEmail.get('adele.vance@contoso.com')!.workingHours).toEqual({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '09:00',
      endTime: '17:00',
      timeZone: 'America/Los_Angeles',
    });
    expect(byEmail.get('uma.patel@contoso.com')!.workingHours).toMatchObject({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday'],
      startTime: '07:00',
      endTime: '15:30',
    });
  });

  it('expands recurring meetings: the daily standup blocks Daniel every weekday, as tentative', () => {
    // Allan's 09:30 Pacific standup, a weekly Monday–Friday series (17:30Z in winter) that Daniel
    // has not answered: Outlook shows an unanswered invitation as tentative, which blocks.
    const busy = byEmail.get('daniel.kim@contoso.com')!.busy;
    for (let d = 0; d < 5; d++) {
      const from = iso(localTime(LA, monday + d * DAY, 9.5));
      const to = iso(localTime(LA, monday + d * DAY, 9.75));
      expect(
        busy.some((b) => b.status === 'tentative' && b.blocking && b.start <= from && b.end >= to),
        from,
      ).toBe(true);
    }
  });

  it('places an all-day event midnight to midnight in its owner’s zone (Amsterdam)', () => {
    const wednesday = monday + 2 * DAY;
    expect(byEmail.get('enrico.cattaneo@contoso.com')!.busy).toContainEqual({
      start: iso(localTime('Europe/Amsterdam', wednesday, 0)),
      end: iso(localTime('Europe/Amsterdam', wednesday + DAY, 0)),
      status: 'oof',
      blocking: true,
    });
  });

  it('shows working elsewhere without letting it block (Daniel works from home on Fridays)', () => {
    const friday = monday + 4 * DAY;
    expect(byEmail.get('daniel.kim@contoso.com')!.busy).toContainEqual({
      start: iso(localTime(LA, friday, 0)),
      end: iso(Math.min(localTime(LA, friday + DAY, 0), monday + 5 * DAY + 12 * H)),
      status: 'workingElsewhere',
      blocking: false,
    });
  });

  it('blocks private time without saying anything about it', () => {
    const thursday = monday + 3 * DAY;
    expect(byEmail.get('adele.vance@contoso.com')!.busy).toContainEqual({
      start: iso(localTime(LA, thursday, 13)),
      end: iso(localTime(LA, thursday, 15)),
      status: 'busy',
      blocking: true,
    });
  });

  it('never returns subjects, bodies or locations', () => {
    for (const word of [
      'subject',
      'location',
      'body',
      'Focus time',
      'Dentist',
      'Engineering standup',
      'Working from home',
    ]) {
      expect(raw).not.toContain(word);
    }
  });

  it('states the policy it applied', async () => {
    const { body } = await availability(weekOf(['adele.vance@contoso.com']));
    expect(body.policy).toEqual({ blocking: ['busy', 'tentative', 'oof'], unknownBlocks: true });
  });
});

describe('calendars a member chose beyond the default', () => {
  it('count for conflicts: a chosen calendar and the Quorum Scheduler calendar Quorum books into', async () => {
    const tenantId = TENANTS.contoso.id;
    const upn = 'farah.haddad@contoso.com';
    const calendar = (name: string) =>
      quorum.services.graph.post<{ id: string }>(tenantId, `/users/${upn}/calendars`, { name });
    const addEvent = (calendarId: string, hour: number) =>
      quorum.services.graph.post(tenantId, `/users/${upn}/calendars/${calendarId}/events`, {
        subject: 'Side calendar',
        start: { dateTime: iso(monday + hour * H).slice(0, 19), timeZone: 'UTC' },
        end: { dateTime: iso(monday + (hour + 1) * H).slice(0, 19), timeZone: 'UTC' },
        showAs: 'busy',
      });
    const interviews = await calendar('Interviews');
    const scheduler = await calendar('Quorum Scheduler');
    await addEvent(interviews.id, 10);
    await addEvent(scheduler.id, 12);
    const farah = async () =>
      (await availability(weekOf([upn]))).body.attendees[0]!.busy.map((b) => b.start);
    expect(await farah()).not.toContain(iso(monday + 10 * H));

    const org = await quorum.services.orgs.findByTenant(tenantId);
    const member = await quorum.services.members.findByEmail(org!.id, upn);
    await quorum.services.members.update(org!.id, member!.id, (m) => ({
      ...m,
      calendar: {
        ...m.calendar,
        selectedCalendarIds: [interviews.id],
        destinationCalendarId: 'scheduler',
      },
    }));
    const busy = await farah();
    expect(busy).toContain(iso(monday + 10 * H));
    expect(busy).toContain(iso(monday + 12 * H));
  });
});

describe('unknown attendees', () => {
  it.each([
    ['nestor.wilke@contoso.com', 'no_mailbox'],
    ['lidia.holloway@contoso.com', 'no_mailbox'],
    ['pradeep.gupta@contoso.com', 'outside_access_scope'],
    ['grady.archie@contoso.com', 'outside_access_scope'],
    ['diego.siciliani@contoso.com', 'account_disabled'],
    ['pat.kowalski@fabrikam.com', 'guest_account'],
    ['dana.birkby@fabrikam.com', 'outside_org'],
    ['someone@example.org', 'outside_org'],
    ['events@contoso.com', 'not_a_member'],
    ['room.rainier@contoso.com', 'not_a_member'],
  ])('flags %s as unknown (%s), with no busy time to read as free', async (email, reason) => {
    const { status, body } = await availability(weekOf([email]));
    expect(status).toBe(200);
    expect(body.attendees[0]).toMatchObject({
      email,
      availability: 'unknown',
      reason,
      detail: expect.any(String),
      busy: [],
    });
  });
});

describe('bad input', () => {
  const start = () => iso(monday);
  it.each([
    [
      'a reversed window',
      () => ({ attendees: ['a@contoso.com'], start: iso(monday + H), end: start() }),
      'ERR_SCHEDULE_WINDOW_INVALID',
    ],
    [
      'an empty window',
      () => ({ attendees: ['a@contoso.com'], start: start(), end: start() }),
      'ERR_SCHEDULE_WINDOW_INVALID',
    ],
    [
      'a window of 91 days',
      () => ({ attendees: ['a@contoso.com'], start: start(), end: iso(monday + 91 * DAY) }),
      'ERR_SCHEDULE_WINDOW_TOO_LONG',
    ],
    [
      '101 attendees',
      () => ({
        attendees: Array.from({ length: 101 }, (_, i) => `p${i}@contoso.com`),
        start: start(),
        end: iso(monday + DAY),
      }),
      'ERR_SCHEDULE_TOO_MANY_ATTENDEES',
    ],
    [
      'a malformed email',
      () => ({ attendees: ['adele.vance@'], start: start(), end: iso(monday + DAY) }),
      'ERR_VALIDATION',
    ],
    [
      'no attendees',
      () => ({ attendees: [], start: start(), end: iso(monday + DAY) }),
      'ERR_VALIDATION',
    ],
    [
      'a date that is not ISO 8601',
      () => ({ attendees: ['a@contoso.com'], start: 'next monday', end: iso(monday + DAY) }),
      'ERR_VALIDATION',
    ],
    [
      'a time without offset or zone',
      () => ({ attendees: ['a@contoso.com'], start: '2027-03-15T09:00', end: '2027-03-15T10:00' }),
      'ERR_VALIDATION',
    ],
    [
      'a Windows zone name',
      () => ({
        attendees: ['a@contoso.com'],
        start: start(),
        end: iso(monday + DAY),
        timeZone: 'Pacific Standard Time',
      }),
      'ERR_VALIDATION',
    ],
    [
      'an unknown field',
      () => ({
        attendees: ['a@contoso.com'],
        start: start(),
        end: iso(monday + DAY),
        subject: 'x',
      }),
      'ERR_VALIDATION',
    ],
  ])('answers %s with the right code', async (_, body, code) => {
    const { status, body: problem } = await availability(body());
    expect(problem.code).toBe(code);
    expect(status).toBe(400);
  });

  it('names the field of a malformed email', async () => {
    const { body } = await availability({
      attendees: ['adele.vance@contoso.com', 'not-an-email'],
      start: iso(monday),
      end: iso(monday + DAY),
    });
    expect(body.errors).toEqual([expect.objectContaining({ in: 'body', path: 'attendees.1' })]);
  });

  it('reads offset-less times in the named zone', async () => {
    const date = iso(monday).slice(0, 10);
    const { status, body } = await availability({
      attendees: ['adele.vance@contoso.com'],
      start: `${date}T09:00`,
      end: `${date}T17:00`,
      timeZone: 'America/New_York',
    });
    expect(status).toBe(200);
    expect(body.start).toBe(iso(localTime('America/New_York', monday, 9)));
    expect(body.end).toBe(iso(localTime('America/New_York', monday, 17)));
  });

  it('needs a signed-in caller', async () => {
    const { status } = await quorum.api(
      null,
      'POST',
      '/api/schedule/availability',
      weekOf(['adele.vance@contoso.com']),
    );
    expect(status).toBe(401);
  });
});

describe('tenant isolation', () => {
  it('gives a Fabrikam member nothing of Contoso: every Contoso address is outside their org', async () => {
    const fabrikamOrg = await quorum.services.orgs.create('Fabrikam', {
      provisioning: { mode: 'none' },
    });
    await connectTenant(quorum, 'fabrikam.com', { org: fabrikamOrg });
    await quorum.api(KIM, 'GET', '/api/org/status');
    await syncThroughApi(quorum, KIM);
    const { status, body } = await availability(
      weekOf(['adele.vance@contoso.com', 'lynne.r@contoso.co.uk', 'kim.akers@fabrikam.com']),
      KIM,
    );
    expect(status).toBe(200);
    expect(
      body.attendees.map((a) => [
        a.email,
        a.availability,
        a.reason,
        a.displayName,
        a.busy.length,
        a.timeZone,
      ]),
    ).toEqual([
      ['adele.vance@contoso.com', 'unknown', 'outside_org', null, 0, null],
      ['lynne.r@contoso.co.uk', 'unknown', 'outside_org', null, 0, null],
      ['kim.akers@fabrikam.com', 'known', null, 'Kim Akers', 0, 'America/New_York'],
    ]);
  });

  it('refuses a caller whose tenant no org holds', async () => {
    const made = await control<{ domain: string }>(quorum.emulator, 'POST', '/tenants/generate', {
      domain: 'unconnected.example',
      count: 3,
      consent: false,
    });
    expect(made.status).toBe(201);
    const upn = quorum.emulator.world
      .findTenant('unconnected.example')!
      .users.find((u) => u.mailbox.kind === 'user')!.userPrincipalName;
    const { status, body } = await availability(weekOf(['adele.vance@contoso.com']), {
      tenant: 'unconnected.example',
      upn,
    });
    expect([status, (body as { code?: string }).code]).toEqual([403, 'ERR_ORG_NOT_SET_UP']);
  });
});
