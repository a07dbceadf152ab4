// Issue 5's "Done when", as one journey on the emulator (Quorum's HTTPS listener is the notification
// URL): a Contoso member in London gets suggestions for a group in New York, Berlin and London with a
// London room, books the best one with a Teams link, sees an attendee's accept (control API) arrive
// by change notification within seconds, moves it (the room answers the new time), cancels it (the
// subscription goes); an admin sends an org event to a group and watches the RSVPs come in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '../../server/domain/types.js';
import { systemClock } from '../../server/clock.js';
import { notificationsOf } from '../../server/notifications/runtime.js';
import { mailboxKey } from '../../server/notifications/subscription-records.js';
import { meetingsOf, type MeetingView } from '../../server/scheduling/meetings/index.js';
import type { OrgEvent } from '../../server/scheduling/org-events/org-event.js';
import type { OrgEventView } from '../../server/scheduling/org-events/schemas.js';
import { eventually } from '../emulator/graph/subscriptions-receiver.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { allowOrgEvents, closeWithRuntimes, respondInContoso } from './org-events-fixtures.js';
import { iso, MEGAN, nextMonday, SAM, syncedContoso } from './schedule-fixtures.js';

const DAY = 86_400_000;
const JONI = 'joni.sherman@contoso.com';
const GROUP = {
  required: [JONI, 'johanna.lorenz@contoso.com', 'lynne.robbins@contoso.com'],
  optional: ['henrietta.mueller@contoso.com'],
  durationMinutes: 30,
  granularityMinutes: 30,
};

interface Slot {
  start: string;
  end: string;
  score: number;
  attendees: { email: string; availability: string; inWorkingHours: boolean | null }[];
  rooms: { email: string; building: string | null }[];
}
interface Suggestions {
  suggestions: Slot[];
  attendees: { email: string; timeZone: string | null }[];
  unknown: unknown[];
}

let quorum: TestQuorum;
let org: Organization;

beforeAll(async () => {
  quorum = await startQuorum({ https: true });
  org = await syncedContoso(quorum);
  // The org sends its events from the events@ service mailbox, with the tier that allows it.
  await quorum.services.orgs.updateSettings(org.id, { serviceMailbox: 'events@contoso.com' });
  const connection = await quorum.services.orgs.findConnectionByTenant(org.id, TENANTS.contoso.id);
  await allowOrgEvents(quorum, org.id, connection!.id);
}, 60_000);

afterAll(() => closeWithRuntimes(quorum));

function samOid(): string {
  const tenant = quorum.emulator.world.findTenant('contoso.com')!;
  return quorum.emulator.world.findUser(tenant, SAM.upn)!.id;
}

/** The meeting as Quorum stored it: what notifications wrote, with no read of the meeting. */
function stored(id: string) {
  return meetingsOf({ services: quorum.services, clock: systemClock }).repo.get(org.id, id);
}

async function subscriptionsOnSam(): Promise<unknown[]> {
  const { body } = await control<{ value: { resource: string }[] }>(
    quorum.emulator,
    'GET',
    '/subscriptions',
  );
  return body.value.filter((s) => s.resource === `/users/${samOid()}/events`);
}

describe('done when', () => {
  let result: Suggestions;
  let best: Slot;
  let meeting: MeetingView;

  it('suggests sensible times for a group in three time zones, with a room', async () => {
    const monday = nextMonday();
    const res = await quorum.api<Suggestions>(SAM, 'POST', '/api/schedule/suggestions', {
      ...GROUP,
      start: iso(monday),
      end: iso(monday + 5 * DAY),
      rooms: { count: 1, building: 'London HQ' },
      maxResults: 40,
    });
    expect(res.status).toBe(200);
    result = res.body;
    expect(result.unknown).toEqual([]);
    const zones = new Set(result.attendees.map((a) => a.timeZone));
    expect(zones).toEqual(new Set(['Europe/London', 'America/New_York', 'Europe/Berlin']));
    best = result.suggestions[0]!;
    expect(best.score).toBe(1);
    expect(best.attendees.every((a) => a.availability === 'free' && a.inWorkingHours)).toBe(true);
    expect(best.rooms[0]).toMatchObject({ building: 'London HQ' });
  });

  it('books the best slot with a Teams link and the room', async () => {
    const res = await quorum.api<MeetingView>(SAM, 'POST', '/api/meetings', {
      subject: 'Quarterly planning',
      start: best.start,
      end: best.end,
      timeZone: 'Europe/London',
      attendees: [
        ...GROUP.required.map((email) => ({ email, type: 'required' })),
        ...GROUP.optional.map((email) => ({ email, type: 'optional' })),
      ],
      room: best.rooms[0]!.email,
    });
    expect(res.status).toBe(201);
    meeting = res.body;
    expect(meeting).toMatchObject({
      state: 'scheduled',
      start: best.start,
      teams: { requested: true, created: true },
      room: { email: best.rooms[0]!.email, response: 'accepted' },
    });
    expect(meeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(meeting.room?.displayName).toEqual(expect.any(String));
  });

  it("sees an attendee's accept within seconds, by change notification", async () => {
    const key = mailboxKey(TENANTS.contoso.id, samOid());
    await eventually(async () => {
      const record = await notificationsOf(quorum.services).records.get(org.id, key);
      return record?.state === 'active';
    });
    // The booking's own notifications are handled before the answer.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await notificationsOf(quorum.services).idle();

    const eventId = (await stored(meeting.id))!.graphEventId!;
    const answeredAt = Date.now();
    await respondInContoso(quorum, eventId, JONI, 'accepted');
    await eventually(
      async () =>
        (await stored(meeting.id))!.attendees.find((a) => a.email === JONI)?.response ===
        'accepted',
      5_000,
    );
    expect(Date.now() - answeredAt).toBeLessThan(5_000);
    const read = await quorum.api<MeetingView>(SAM, 'GET', `/api/meetings/${meeting.id}`);
    expect(read.body.attendees.find((a) => a.email === JONI)).toMatchObject({
      response: 'accepted',
    });
  });

  it('moves it to another suggested time; the room answers the new time', async () => {
    const room = meeting.room!.email;
    const other = result.suggestions.find(
      (s) => s.start !== best.start && s.score === 1 && s.rooms.some((r) => r.email === room),
    )!;
    expect(other).toBeDefined();
    const moved = await quorum.api<MeetingView>(SAM, 'PATCH', `/api/meetings/${meeting.id}`, {
      start: other.start,
      end: other.end,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ state: 'scheduled', start: other.start, end: other.end });
    // The room has yet to answer the new time when the PATCH returns; its answer then arrives.
    expect(moved.body.room).toMatchObject({ email: room, response: 'pending' });
    await eventually(async () => {
      const m = await stored(meeting.id);
      return m?.room?.response === 'accepted' && m.start === other.start;
    }, 5_000);
  });

  it('cancels it, and the organizer is no longer watched', async () => {
    expect(await subscriptionsOnSam()).toHaveLength(1);
    const res = await quorum.api<MeetingView>(SAM, 'POST', `/api/meetings/${meeting.id}/cancel`, {
      comment: 'Moved to the offsite',
    });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('cancelled');
    await eventually(async () => (await subscriptionsOnSam()).length === 0);
  });

  it('lets an admin send an org event to a group and watch the RSVPs', async () => {
    const tenant = quorum.emulator.world.findTenant('contoso.com')!;
    const groupId = tenant.groups.find((g) => g.displayName === 'Engineering')!.id;
    const sent = await quorum.api<OrgEventView>(MEGAN, 'POST', '/api/org/events', {
      subject: 'Engineering all-hands',
      body: 'See you there.',
      start: '2031-05-06T10:00',
      end: '2031-05-06T11:00',
      timeZone: 'America/Los_Angeles',
      audience: { kind: 'group', groupId },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    const view = async () =>
      (await quorum.api<OrgEventView>(MEGAN, 'GET', `/api/org/events/${sent.body.id}`)).body;
    await eventually(async () => (await view()).delivery.state === 'done', 10_000);
    const event = await quorum.services.store.getOrgDoc<OrgEvent>(
      org.id,
      `org-event:${sent.body.id}`,
    );
    const graphEventId = event!.parts[0]!.graphEventId!;
    await respondInContoso(quorum, graphEventId, 'lee.gu@contoso.com', 'accepted');
    await respondInContoso(quorum, graphEventId, 'daniel.kim@contoso.com', 'declined');
    const seen = await eventually(async () => {
      const v = await view();
      return v.rsvp.accepted === 1 && v.rsvp.declined === 1 && v;
    }, 5_000);
    expect(seen.rsvp.none).toBe(sent.body.recipients - 2);
  });
});
