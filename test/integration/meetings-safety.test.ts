// Bookings that must not go wrong: only on the caller's own mailbox, validated and bounded, booked
// exactly once through Graph's 503s and the client's retries (Idempotency-Key), failed cleanly when
// Graph refuses, and refused with a clear code when the tenant never granted calendar writes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCalendars } from '../../server/microsoft/calendars.js';
import { meetingsOf, type MeetingView } from '../../server/scheduling/meetings/index.js';
import { systemClock } from '../../server/clock.js';
import { control, grantConsent, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  adele,
  call,
  eventsOfMeeting,
  eventsWithSubject,
  kim,
  megan,
  oidOf,
  patti,
  slot,
  uniqueSubject,
  type Problem,
  type Who,
} from './meetings-fixtures.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

const LA = 'America/Los_Angeles';

let quorum: TestQuorum;
let contoso: TestOrg;

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso');
  await createConnectedOrg(quorum, 'fabrikam');
  // Fabrikam consented to reading calendars only; its connection cannot tell (no roles recorded,
  // as with Exchange RBAC), so Graph's refusal is what Quorum reports.
  await grantConsent(quorum.emulator, 'fabrikam.com', {
    roles: ['User.Read.All', 'MailboxSettings.Read', 'Calendars.Read', 'Place.Read.All'],
  });
  for (const who of [adele, megan, patti, kim]) await signIn(quorum, who.tenant, who.upn);
});
afterAll(async () => {
  await control(quorum.emulator, 'DELETE', '/faults');
  await quorum.close();
});

function book(who: Who, body: Record<string, unknown>, headers?: Record<string, string>) {
  return call<MeetingView & Problem>(quorum, who, 'POST', '/api/meetings', body, headers);
}

async function fault(status: number, code: string, count: number, who: Who) {
  const { status: ok } = await control(quorum.emulator, 'POST', '/faults', {
    status,
    code,
    count,
    retryAfter: 0,
    pathPattern: `^/users/${oidOf(quorum, who)}/events$`,
  });
  expect(ok).toBe(204);
}

describe("booking only on the caller's own calendar", () => {
  it('refuses a body that names another organizer or mailbox', async () => {
    const subject = uniqueSubject('Hijack');
    for (const extra of [
      { organizer: 'megan.bowen@contoso.com' },
      { mailbox: 'megan.bowen@contoso.com' },
      { userId: oidOf(quorum, megan) },
    ]) {
      const { status, body } = await book(adele, { subject, ...slot(140), timeZone: LA, ...extra });
      expect(status).toBe(400);
      expect(body.code).toBe('ERR_VALIDATION');
    }
    expect(await eventsWithSubject(quorum, megan, subject)).toHaveLength(0);
    expect(await eventsWithSubject(quorum, adele, subject)).toHaveLength(0);
  });

  it("refuses another member's calendar as destination", async () => {
    const subject = uniqueSubject('Hijack calendar');
    const megans = await listCalendars(
      quorum.services.graph,
      TENANTS.contoso.id,
      oidOf(quorum, megan),
    );
    const { status, body } = await book(adele, {
      subject,
      ...slot(140),
      timeZone: LA,
      destination: megans.find((c) => c.isDefaultCalendar)!.id,
    });
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_VALIDATION');
    expect(body.errors).toEqual([
      { in: 'body', path: 'destination', message: 'Not one of your calendars.' },
    ]);
    expect(await eventsWithSubject(quorum, megan, subject)).toHaveLength(0);
    const written = await meetingsOf({
      services: quorum.services,
      clock: systemClock,
    }).repo.listByOrganizer(
      contoso.org.id,
      (await quorum.services.members.findByEmail(contoso.org.id, adele.upn))!.id,
    );
    expect(written.map((m) => m.subject)).not.toContain(subject);
  });
});

describe('validation', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ email: `guest${i}@example.com`, type: 'required' }));
  it.each([
    ['an empty subject', { subject: '' }, 'subject'],
    ['a subject over 255 characters', { subject: 'x'.repeat(256) }, 'subject'],
    ['more than 500 attendees', { attendees: many(501) }, 'attendees'],
    [
      '500 attendees and a room',
      { attendees: many(500), room: 'room.rainier@contoso.com' },
      'attendees',
    ],
    ['an end before the start', { ...slot(141, 10), end: slot(141, 9).start }, 'end'],
    ['a meeting in the past', { start: '2020-01-06T09:00', end: '2020-01-06T10:00' }, 'end'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['a start that is no time', { start: 'tomorrow at ten' }, 'start'],
    ['a meeting of more than 7 days', { end: slot(150).end }, 'end'],
    [
      'the same attendee twice',
      { attendees: [{ email: 'a@contoso.com' }, { email: 'A@contoso.com' }] },
      'attendees.1.email',
    ],
    [
      'the room as an attendee',
      { room: 'room.rainier@contoso.com', attendees: [{ email: 'room.rainier@contoso.com' }] },
      'attendees.0.email',
    ],
    [
      'an attendee that is no address',
      { attendees: [{ email: 'not an address' }] },
      'attendees.0.email',
    ],
    [
      'a resource attendee',
      { attendees: [{ email: 'room.rainier@contoso.com', type: 'resource' }] },
      'attendees.0.type',
    ],
    ['an unknown field', { recurrence: { type: 'daily' } }, ''],
  ])('refuses %s (400 ERR_VALIDATION)', async (_, change, path) => {
    const subject = uniqueSubject('Invalid');
    const { status, body } = await book(adele, {
      subject,
      ...slot(141, 10),
      timeZone: LA,
      ...change,
    });
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_VALIDATION');
    expect(body.errors?.map((e) => e.path)).toContain(path);
    expect(await eventsWithSubject(quorum, adele, subject)).toHaveLength(0);
  });
});

describe('exactly once', () => {
  it('books once when Graph answers 503 and the client retries with the same Idempotency-Key', async () => {
    const subject = uniqueSubject('Throttled');
    const request = {
      subject,
      ...slot(142, 10),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com' }],
    };
    const key = { 'Idempotency-Key': `book-${randomUUID()}` };
    // More 503s than the Graph client's own retries: the first request cannot confirm the booking.
    await fault(503, 'ServiceUnavailable', 5, adele);
    const first = await book(adele, request, key);
    expect(first.status).toBe(503);
    expect(first.body.code).toBe('ERR_MEETING_PENDING');
    const location = first.headers.get('location');
    expect(location).toMatch(/^\/api\/meetings\/[\w-]+$/);
    expect(first.headers.get('retry-after')).not.toBeNull();
    expect(await eventsWithSubject(quorum, adele, subject)).toHaveLength(0);

    const retry = await book(adele, request, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(`/api/meetings/${retry.body.id}`).toBe(location);
    expect(retry.body.state).toBe('scheduled');
    const again = await book(adele, request, key);
    expect(again.body.id).toBe(retry.body.id);
    expect(await eventsWithSubject(quorum, adele, subject)).toHaveLength(1);
    expect(await eventsWithSubject(quorum, megan, subject)).toHaveLength(1);
  });

  it("rides out a short 503 with Graph's transactionId de-duplication", async () => {
    const subject = uniqueSubject('Blip');
    await fault(503, 'ServiceUnavailable', 2, adele);
    const { status, body } = await book(adele, { subject, ...slot(142, 13), timeZone: LA });
    expect(status).toBe(201);
    expect(body.state).toBe('scheduled');
    expect(await eventsWithSubject(quorum, adele, subject)).toHaveLength(1);
  });

  it('refuses a key reused for a different request (422)', async () => {
    const key = { 'Idempotency-Key': 'reused-key' };
    const first = await book(
      adele,
      { subject: uniqueSubject('One'), ...slot(143, 10), timeZone: LA },
      key,
    );
    expect(first.status).toBe(201);
    const second = await book(
      adele,
      { subject: uniqueSubject('Two'), ...slot(143, 11), timeZone: LA },
      key,
    );
    expect(second.status).toBe(422);
    expect(second.body.code).toBe('ERR_IDEMPOTENCY_KEY_REUSED');
    // Keys belong to the caller: another member may use the same one.
    const other = await book(
      megan,
      { subject: uniqueSubject('Two'), ...slot(143, 11), timeZone: LA },
      key,
    );
    expect(other.status).toBe(201);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const { status, body } = await book(
      adele,
      { subject: uniqueSubject('Key'), ...slot(143, 12), timeZone: LA },
      { 'Idempotency-Key': 'x'.repeat(256) },
    );
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_BAD_REQUEST');
  });
});

describe('when Graph refuses for good', () => {
  it('marks the booking failed with the Graph code and answers a problem, never a partial booking', async () => {
    const subject = uniqueSubject('Refused');
    const key = { 'Idempotency-Key': `refused-${randomUUID()}` };
    await fault(400, 'ErrorInvalidRequest', 1, patti);
    const { status, body } = await book(patti, { subject, ...slot(144, 10), timeZone: LA }, key);
    expect(status).toBe(502);
    expect(body.code).toBe('ERR_MEETING_REFUSED');
    expect(body.detail).toMatch(/400 ErrorInvalidRequest/);
    expect(await eventsWithSubject(quorum, patti, subject)).toHaveLength(0);
    const pattiId = (await quorum.services.members.findByEmail(contoso.org.id, patti.upn))!.id;
    const [failed] = (
      await meetingsOf({ services: quorum.services, clock: systemClock }).repo.listByOrganizer(
        contoso.org.id,
        pattiId,
      )
    ).filter((m) => m.subject === subject);
    expect(failed).toMatchObject({
      state: 'failed',
      failure: { status: 400, code: 'ErrorInvalidRequest' },
      body: null,
    });
    // The retry gets the same answer and does not book either.
    const retry = await book(patti, { subject, ...slot(144, 10), timeZone: LA }, key);
    expect(retry.body.code).toBe('ERR_MEETING_REFUSED');
    expect(await eventsWithSubject(quorum, patti, subject)).toHaveLength(0);
    expect(await eventsOfMeeting(quorum, patti, failed!.id)).toHaveLength(0);
  });

  it('says clearly when the tenant never granted calendar writes', async () => {
    const subject = uniqueSubject('No write');
    const { status, body } = await book(kim, { subject, ...slot(144, 11), timeZone: LA });
    expect(status).toBe(409);
    expect(body.code).toBe('ERR_BOOKING_NOT_GRANTED');
    expect(body.detail).toMatch(/Calendars\.ReadWrite/);
    expect(await eventsWithSubject(quorum, kim, subject)).toHaveLength(0);
  });

  it('refuses before writing anything when the connection is known to lack the booking tier', async () => {
    const connection = (await quorum.services.orgs.listConnections(contoso.org.id))[0]!;
    await quorum.services.orgs.putConnection({
      ...connection,
      tier: 'availability',
      grantedRoles: ['User.Read.All', 'MailboxSettings.Read', 'Calendars.Read'],
    });
    try {
      const { status, body } = await book(megan, {
        subject: uniqueSubject('Tier'),
        ...slot(144, 12),
        timeZone: LA,
      });
      expect(status).toBe(409);
      expect(body.code).toBe('ERR_BOOKING_NOT_GRANTED');
      expect(body.detail).toMatch(/availability tier/);
    } finally {
      await quorum.services.orgs.putConnection(connection);
    }
  });
});
