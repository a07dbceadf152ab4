// POST /api/meetings and friends on the emulated Contoso tenant: bookings on the caller's own
// calendar with a Teams link, rooms answering by their booking policy, answers read back, moves and
// cancellations, and who may see or change a meeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { meetingsOf, type MeetingView } from '../../server/scheduling/meetings/index.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  adele,
  call,
  eventsOfMeeting,
  eventsWithSubject,
  irvin,
  kim,
  megan,
  patti,
  slot,
  uniqueSubject,
  type Problem,
} from './meetings-fixtures.js';
import { createConnectedOrg, signIn } from './self-service-fixtures.js';

const LA = 'America/Los_Angeles';
const RAINIER = 'room.rainier@contoso.com';
const BOARDROOM = 'room.boardroom@contoso.com';
const EXECUTIVE = 'room.executive@contoso.com';

let quorum: TestQuorum;
let contosoOrgId: string;

beforeAll(async () => {
  quorum = await startQuorum();
  contosoOrgId = (await createConnectedOrg(quorum, 'contoso')).org.id;
  await createConnectedOrg(quorum, 'fabrikam');
  for (const who of [adele, megan, irvin, patti, kim]) await signIn(quorum, who.tenant, who.upn);
});
afterAll(async () => {
  await quorum.close();
});

function book(who: typeof adele, body: Record<string, unknown>, headers?: Record<string, string>) {
  return call<MeetingView>(quorum, who, 'POST', '/api/meetings', body, headers);
}

async function respond(eventId: string, attendee: string, response: 'accepted' | 'declined') {
  const { status } = await control(
    quorum.emulator,
    'POST',
    `/tenants/${TENANTS.contoso.id}/events/${eventId}/respond`,
    {
      attendee,
      response,
    },
  );
  expect(status).toBe(200);
}

describe('POST /api/meetings', () => {
  it("books on the caller's own calendar with a Teams link and invites the attendees", async () => {
    const subject = uniqueSubject('Roadmap review');
    const { status, headers, body } = await book(adele, {
      subject,
      ...slot(130, 10),
      timeZone: LA,
      attendees: [
        { email: 'megan.bowen@contoso.com', type: 'required' },
        { email: 'patti.fernandez@contoso.com', type: 'optional' },
      ],
    });
    expect(status).toBe(201);
    expect(headers.get('location')).toBe(`/api/meetings/${body.id}`);
    expect(body).toMatchObject({
      state: 'scheduled',
      subject,
      timeZone: LA,
      organizer: { email: 'adele.vance@contoso.com' },
      role: 'organizer',
      teams: { requested: true, created: true, reason: null },
      destination: { requested: 'default', used: 'default', reason: null },
      room: null,
      attendees: [
        { email: 'megan.bowen@contoso.com', type: 'required', response: 'none', respondedAt: null },
        {
          email: 'patti.fernandez@contoso.com',
          type: 'optional',
          response: 'none',
          respondedAt: null,
        },
      ],
    });
    expect(body.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(body.start).toMatch(/Z$/);
    // One event in Adele's mailbox, tagged with the meeting id; Megan got her copy.
    expect(await eventsWithSubject(quorum, adele, subject)).toHaveLength(1);
    expect(await eventsOfMeeting(quorum, adele, body.id)).toHaveLength(1);
    expect(await eventsWithSubject(quorum, megan, subject)).toHaveLength(1);
  });

  it('books without a Teams meeting when the organizer has no Teams, and says so', async () => {
    const { status, body } = await book(irvin, {
      subject: uniqueSubject('Pipeline'),
      ...slot(130, 11),
      timeZone: 'Eastern Standard Time',
      attendees: [{ email: 'adele.vance@contoso.com', type: 'required' }],
    });
    expect(status).toBe(201);
    expect(body.state).toBe('scheduled');
    expect(body.timeZone).toBe('America/New_York');
    expect(body.joinUrl).toBeNull();
    expect(body.teams).toEqual({
      requested: true,
      created: false,
      reason: expect.stringMatching(/does not offer Teams meetings/),
    });
  });
});

describe('rooms answer by their booking policy', () => {
  it('reports an auto-accept room as accepted, with the room as location', async () => {
    const subject = uniqueSubject('Rainier sync');
    const { status, body } = await book(adele, {
      subject,
      ...slot(131, 9),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
      room: RAINIER,
    });
    expect(status).toBe(201);
    expect(body.room).toEqual({
      email: RAINIER,
      displayName: 'Rainier (12)',
      name: 'Rainier (12)',
      response: 'accepted',
      respondedAt: expect.stringMatching(/Z$/),
    });
    const [event] = await eventsWithSubject(quorum, adele, subject);
    expect(event?.location).toMatchObject({
      displayName: 'Rainier (12)',
      locationEmailAddress: RAINIER,
    });
    expect(event?.attendees?.find((a) => a.type === 'resource')?.emailAddress.address).toBe(
      RAINIER,
    );
  });

  it('names a room booked while places could not be read from the cached places directory', async () => {
    const { body } = await book(adele, {
      subject: uniqueSubject('Nameless room'),
      ...slot(131, 14),
      timeZone: LA,
      room: RAINIER,
    });
    const meetings = meetingsOf({ services: quorum.services, clock: systemClock });
    const unnamed = await meetings.repo.update(contosoOrgId, body.id, (m) => ({
      ...m,
      room: { ...m.room!, name: null },
    }));
    expect(unnamed?.room?.name).toBeNull();
    const read = await call<MeetingView>(quorum, adele, 'GET', `/api/meetings/${body.id}`);
    expect(read.body.room).toMatchObject({
      email: RAINIER,
      displayName: 'Rainier (12)',
      name: 'Rainier (12)',
    });
  });

  it('reports a restricted room declining a member it does not allow, and offers free rooms', async () => {
    const { status, body } = await book(adele, {
      subject: uniqueSubject('Board prep'),
      ...slot(132, 9),
      timeZone: LA,
      attendees: [
        { email: 'megan.bowen@contoso.com', type: 'required' },
        { email: 'patti.fernandez@contoso.com', type: 'required' },
      ],
      room: BOARDROOM,
    });
    expect(status).toBe(201);
    expect(body.state).toBe('scheduled');
    expect(body.room?.response).toBe('declined');
    const offered = body.room?.alternatives ?? [];
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.map((r) => r.email)).not.toContain(BOARDROOM);
    // Best fit first: the Boardroom's building, then the smallest room seating all three.
    expect(offered[0]).toMatchObject({
      email: 'room.adams@contoso.com',
      building: 'Building 2',
      capacity: 8,
    });
    for (const room of offered) expect(room.capacity ?? 3).toBeGreaterThanOrEqual(3);
  });

  it('offers only rooms free for the slot', async () => {
    const when = slot(133, 14);
    const first = await book(megan, {
      subject: uniqueSubject('Adams taken'),
      ...when,
      timeZone: LA,
      room: 'room.adams@contoso.com',
    });
    expect(first.body.room?.response).toBe('accepted');
    const { body } = await book(adele, {
      subject: uniqueSubject('Board prep 2'),
      ...when,
      timeZone: LA,
      room: BOARDROOM,
    });
    const offered = (body.room?.alternatives ?? []).map((r) => r.email);
    expect(offered).not.toContain('room.adams@contoso.com');
    expect(offered[0]).toBe('room.executive@contoso.com');
  });

  it('keeps a delegate-approval room pending until the delegate approves', async () => {
    const { body } = await book(adele, {
      subject: uniqueSubject('Exec offsite'),
      ...slot(134, 9),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
      room: EXECUTIVE,
    });
    expect(body.room).toEqual({
      email: EXECUTIVE,
      displayName: 'Executive Suite (10)',
      name: 'Executive Suite (10)',
      response: 'pending',
      respondedAt: null,
    });
    const [event] = await eventsOfMeeting(quorum, adele, body.id);
    await respond(event!.id, EXECUTIVE, 'accepted');
    const { status, body: after } = await call<MeetingView>(
      quorum,
      adele,
      'GET',
      `/api/meetings/${body.id}`,
    );
    expect(status).toBe(200);
    expect(after.room).toMatchObject({ email: EXECUTIVE, response: 'accepted' });
    expect(after.responsesCheckedAt).not.toBeNull();
  });
});

describe('GET /api/meetings/:id', () => {
  it("shows an attendee's answer given in Outlook", async () => {
    const { body } = await book(adele, {
      subject: uniqueSubject('Design crit'),
      ...slot(135, 9),
      timeZone: LA,
      attendees: [
        { email: 'megan.bowen@contoso.com', type: 'required' },
        { email: 'patti.fernandez@contoso.com', type: 'optional' },
      ],
    });
    const [event] = await eventsOfMeeting(quorum, adele, body.id);
    await respond(event!.id, 'megan.bowen@contoso.com', 'accepted');
    await respond(event!.id, 'patti.fernandez@contoso.com', 'declined');
    const { body: after } = await call<MeetingView>(
      quorum,
      adele,
      'GET',
      `/api/meetings/${body.id}`,
    );
    expect(after.attendees).toEqual([
      expect.objectContaining({
        email: 'megan.bowen@contoso.com',
        response: 'accepted',
        respondedAt: expect.stringMatching(/Z$/),
      }),
      expect.objectContaining({ email: 'patti.fernandez@contoso.com', response: 'declined' }),
    ]);
  });

  it('lets an invited member of the org see it, read-only, and hides it from everyone else', async () => {
    const { body } = await book(adele, {
      subject: uniqueSubject('Private'),
      ...slot(136, 9),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
    });
    const seen = await call<MeetingView>(quorum, megan, 'GET', `/api/meetings/${body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.role).toBe('attendee');
    expect(seen.body.webLink).toBeNull();
    expect(seen.body.failure).toBeNull();
    for (const who of [patti, kim]) {
      const hidden = await call<Problem>(quorum, who, 'GET', `/api/meetings/${body.id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.code).toBe('ERR_NOT_FOUND');
    }
    const unknown = await call<Problem>(quorum, adele, 'GET', '/api/meetings/no-such-meeting');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ERR_NOT_FOUND');
  });
});

describe('PATCH /api/meetings/:id and cancel', () => {
  it('moves the meeting, swaps the room and changes attendees, then cancels it for everyone', async () => {
    const subject = uniqueSubject('Moving target');
    const { body } = await book(adele, {
      subject,
      ...slot(137, 9),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
      room: RAINIER,
    });
    const later = slot(137, 15, 30);
    const moved = await call<MeetingView>(quorum, adele, 'PATCH', `/api/meetings/${body.id}`, {
      ...later,
      subject: `${subject} (moved)`,
      room: 'room.baker@contoso.com',
      attendees: {
        add: [{ email: 'patti.fernandez@contoso.com', type: 'optional' }],
        remove: ['megan.bowen@contoso.com'],
      },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      state: 'scheduled',
      subject: `${subject} (moved)`,
      room: { email: 'room.baker@contoso.com', response: 'accepted' },
      attendees: [
        expect.objectContaining({ email: 'patti.fernandez@contoso.com', type: 'optional' }),
      ],
    });
    expect(Date.parse(moved.body.end) - Date.parse(moved.body.start)).toBe(30 * 60_000);
    const [event] = await eventsOfMeeting(quorum, adele, body.id);
    expect(event?.subject).toBe(`${subject} (moved)`);
    expect(event?.location).toMatchObject({ displayName: 'Baker (6)' });
    // Megan's copy was withdrawn with the update.
    const [meganCopy] = await eventsWithSubject(quorum, megan, subject);
    expect(meganCopy?.isCancelled).toBe(true);

    const cancelled = await call<MeetingView>(
      quorum,
      adele,
      'POST',
      `/api/meetings/${body.id}/cancel`,
      {
        comment: 'Sorry, no longer needed',
      },
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect(cancelled.body.cancelledAt).not.toBeNull();
    expect(await eventsOfMeeting(quorum, adele, body.id)).toHaveLength(0);
    // Exchange marks the attendee's copy cancelled and prefixes its subject.
    const [pattiCopy] = await eventsWithSubject(quorum, patti, `Canceled: ${subject} (moved)`);
    expect(pattiCopy?.isCancelled).toBe(true);
    // Cancelling again changes nothing; changing a cancelled meeting is refused.
    const again = await call<MeetingView>(
      quorum,
      adele,
      'POST',
      `/api/meetings/${body.id}/cancel`,
      {},
    );
    expect(again.status).toBe(200);
    const late = await call<Problem>(quorum, adele, 'PATCH', `/api/meetings/${body.id}`, {
      subject: 'x',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ERR_MEETING_NOT_SCHEDULED');
  });

  it('refuses a change or a cancel by an attendee (403) and by anyone else (404)', async () => {
    const { body } = await book(adele, {
      subject: uniqueSubject('Not yours'),
      ...slot(138, 9),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
    });
    const byAttendee = await call<Problem>(
      quorum,
      megan,
      'POST',
      `/api/meetings/${body.id}/cancel`,
      {},
    );
    expect(byAttendee.status).toBe(403);
    expect(byAttendee.body.code).toBe('ERR_MEETING_NOT_ORGANIZER');
    const patchByAttendee = await call<Problem>(
      quorum,
      megan,
      'PATCH',
      `/api/meetings/${body.id}`,
      {
        subject: 'Mine now',
      },
    );
    expect(patchByAttendee.body.code).toBe('ERR_MEETING_NOT_ORGANIZER');
    for (const who of [patti, kim]) {
      const cancel = await call<Problem>(
        quorum,
        who,
        'POST',
        `/api/meetings/${body.id}/cancel`,
        {},
      );
      expect(cancel.status).toBe(404);
      expect(cancel.body.code).toBe('ERR_NOT_FOUND');
      const patch = await call<Problem>(quorum, who, 'PATCH', `/api/meetings/${body.id}`, {
        subject: 'x',
      });
      expect(patch.status).toBe(404);
    }
    const { body: still } = await call<MeetingView>(
      quorum,
      adele,
      'GET',
      `/api/meetings/${body.id}`,
    );
    expect(still.state).toBe('scheduled');
    expect(await eventsOfMeeting(quorum, adele, body.id)).toHaveLength(1);
  });
});

describe('GET /api/meetings', () => {
  it("lists the caller's meetings in the window, earliest first, with answers", async () => {
    const a = await book(patti, {
      subject: uniqueSubject('Later'),
      ...slot(150, 13),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
    });
    const b = await book(patti, {
      subject: uniqueSubject('Earlier'),
      ...slot(150, 9),
      timeZone: LA,
    });
    const [event] = await eventsOfMeeting(quorum, patti, a.body.id);
    await respond(event!.id, 'megan.bowen@contoso.com', 'accepted');
    const from = new Date(Date.parse(b.body.start) - 3_600_000).toISOString();
    const to = new Date(Date.parse(a.body.end) + 3_600_000).toISOString();
    const { status, body } = await call<{ meetings: MeetingView[] }>(
      quorum,
      patti,
      'GET',
      `/api/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(status).toBe(200);
    expect(body.meetings.map((m) => m.id)).toEqual([b.body.id, a.body.id]);
    expect(body.meetings[1]?.attendees[0]).toMatchObject({ response: 'accepted' });
    const others = await call<{ meetings: MeetingView[] }>(
      quorum,
      megan,
      'GET',
      `/api/meetings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    );
    expect(others.body.meetings.map((m) => m.id)).not.toContain(a.body.id);
  });
});
