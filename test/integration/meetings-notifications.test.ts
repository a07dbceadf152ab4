// Meetings on the change-notification runtime, end to end over HTTPS: a booked meeting watches its
// organizer's events until it ends; an attendee's answer (emulator control API) reaches the stored
// meeting within seconds with no GET on it; a `missed` lifecycle event's resync restores the answers
// lost meanwhile; a move is answered again by the room and reported; cancelling releases the
// subscription at Graph; a member who books nothing is never watched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import { mailboxKey } from '../../server/notifications/subscription-records.js';
import { notificationsOf } from '../../server/notifications/runtime.js';
import { meetingsOf, type MeetingView } from '../../server/scheduling/meetings/index.js';
import type { Meeting } from '../../server/scheduling/meetings/index.js';
import { eventually } from '../emulator/graph/subscriptions-receiver.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  adele,
  call,
  irvin,
  megan,
  oidOf,
  patti,
  slot,
  uniqueSubject,
  type Who,
} from './meetings-fixtures.js';
import { respondInContoso } from './org-events-fixtures.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

const LA = 'America/Los_Angeles';
const BAKER = 'room.baker@contoso.com';

let quorum: TestQuorum;
let contoso: TestOrg;

beforeAll(async () => {
  quorum = await startQuorum({ https: true });
  contoso = await createConnectedOrg(quorum, 'contoso');
  for (const who of [adele, megan, irvin, patti]) await signIn(quorum, who.tenant, who.upn);
});
afterAll(async () => {
  await quorum?.close();
});

interface EmulatorSubscription {
  id: string;
  resource: string;
}

/** Graph's subscriptions on the member's events, as the emulator holds them. */
async function subscriptionsOn(who: Who): Promise<EmulatorSubscription[]> {
  const { body } = await control<{ value: EmulatorSubscription[] }>(
    quorum.emulator,
    'GET',
    '/subscriptions',
  );
  return body.value.filter((s) => s.resource === `/users/${oidOf(quorum, who)}/events`);
}

/** Quorum's record of the watch on the member's mailbox, once Graph accepted it. */
function activeRecord(who: Who) {
  const key = mailboxKey(TENANTS.contoso.id, oidOf(quorum, who));
  return eventually(async () => {
    const record = await notificationsOf(quorum.services).records.get(contoso.org.id, key);
    return record?.state === 'active' && record;
  });
}

/** The meeting as stored: what notifications wrote, read without asking Graph. */
function stored(id: string): Promise<Readonly<Meeting> | undefined> {
  return meetingsOf({ services: quorum.services, clock: systemClock }).repo.get(contoso.org.id, id);
}

async function book(who: Who, body: Record<string, unknown>): Promise<MeetingView> {
  const res = await call<MeetingView>(quorum, who, 'POST', '/api/meetings', body);
  expect(res.status).toBe(201);
  return res.body;
}

/** Graph's notifications delivered (it batches for 50 ms) and Quorum's handling of them done. */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  await notificationsOf(quorum.services).idle();
}

async function graphEventId(id: string): Promise<string> {
  return (await stored(id))!.graphEventId!;
}

describe('answers arrive by change notification', () => {
  it('watches the organizer until the meeting ends and stores an accept within seconds, without a GET', async () => {
    const meeting = await book(adele, {
      subject: uniqueSubject('Notified'),
      ...slot(140, 9),
      timeZone: LA,
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
    });
    const record = await activeRecord(adele);
    expect(record.holders[`meeting:${meeting.id}`]).toEqual({ until: meeting.end });
    expect(await subscriptionsOn(adele)).toHaveLength(1);

    const answeredAt = Date.now();
    await respondInContoso(
      quorum,
      await graphEventId(meeting.id),
      'megan.bowen@contoso.com',
      'accepted',
    );
    const updated = await eventually(async () => {
      const m = await stored(meeting.id);
      return m?.attendees[0]?.response === 'accepted' && m;
    }, 5_000);
    expect(Date.now() - answeredAt).toBeLessThan(5_000);
    expect(updated.attendees[0]).toMatchObject({
      email: 'megan.bowen@contoso.com',
      response: 'accepted',
      respondedAt: expect.stringMatching(/Z$/),
    });
  });

  it('restores the answers lost while notifications were missed once Graph says so', async () => {
    const meeting = await book(adele, {
      subject: uniqueSubject('Lost answers'),
      ...slot(140, 11),
      timeZone: LA,
      attendees: [{ email: 'patti.fernandez@contoso.com', type: 'required' }],
    });
    const record = await activeRecord(adele);
    // The booking's own notifications are handled first (they would read the answer below).
    await settled();
    await control(quorum.emulator, 'POST', `/subscriptions/${record.subscriptionId}/suspend`);
    try {
      await respondInContoso(
        quorum,
        await graphEventId(meeting.id),
        'patti.fernandez@contoso.com',
        'declined',
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await stored(meeting.id))!.attendees[0]!.response).toBe('none');
    } catch (error) {
      await control(quorum.emulator, 'DELETE', `/subscriptions/${record.subscriptionId}/suspend`);
      throw error;
    }

    const fired = await control<{ stats: { lost: number } }>(
      quorum.emulator,
      'POST',
      `/subscriptions/${record.subscriptionId}/lifecycle`,
      { event: 'missed' },
    );
    expect(fired.status).toBe(202);
    expect(fired.body.stats.lost).toBeGreaterThan(0);
    await eventually(async () => (await stored(meeting.id))!.attendees[0]!.response === 'declined');
  });

  it("reports the room's new answer after a move onto a time it is booked", async () => {
    const at = slot(141, 9);
    const later = slot(141, 14);
    // Someone else holds Baker at the later time.
    await book(megan, {
      subject: uniqueSubject('Baker holder'),
      ...later,
      timeZone: LA,
      room: BAKER,
    });
    const meeting = await book(adele, {
      subject: uniqueSubject('Moves'),
      ...at,
      timeZone: LA,
      attendees: [{ email: 'irvin.sayers@contoso.com', type: 'required' }],
      room: BAKER,
    });
    expect(meeting.room).toMatchObject({ email: BAKER, response: 'accepted' });
    await activeRecord(adele);

    const moved = await call<MeetingView>(quorum, adele, 'PATCH', `/api/meetings/${meeting.id}`, {
      ...later,
    });
    expect(moved.status).toBe(200);
    // The room has not answered the new time when the PATCH returns.
    expect(moved.body.room).toMatchObject({ email: BAKER, response: 'pending' });
    const record = await activeRecord(adele);
    expect(record.holders[`meeting:${meeting.id}`]).toEqual({ until: moved.body.end });

    await eventually(async () => (await stored(meeting.id))!.room?.response === 'declined');
    const read = await call<MeetingView>(quorum, adele, 'GET', `/api/meetings/${meeting.id}`);
    expect(read.body.room).toMatchObject({
      email: BAKER,
      displayName: 'Baker (6)',
      response: 'declined',
    });
    expect(read.body.room?.alternatives?.length).toBeGreaterThan(0);
    expect(read.body.room?.alternatives?.map((r) => r.email)).not.toContain(BAKER);
  });
});

describe('subscriptions only while a meeting needs them', () => {
  it('releases the subscription when the last upcoming meeting is cancelled', async () => {
    const meeting = await book(patti, {
      subject: uniqueSubject('Short-lived'),
      ...slot(142, 10),
      timeZone: LA,
      attendees: [{ email: 'adele.vance@contoso.com', type: 'required' }],
    });
    await activeRecord(patti);
    expect(await subscriptionsOn(patti)).toHaveLength(1);

    const cancelled = await call<MeetingView>(
      quorum,
      patti,
      'POST',
      `/api/meetings/${meeting.id}/cancel`,
      {},
    );
    expect(cancelled.status).toBe(200);
    await eventually(async () => (await subscriptionsOn(patti)).length === 0);
    const key = mailboxKey(TENANTS.contoso.id, oidOf(quorum, patti));
    expect(await notificationsOf(quorum.services).records.get(contoso.org.id, key)).toBeUndefined();
  });

  it('never watches a member who only takes part in meetings', async () => {
    // Irvin is invited above but organizes nothing.
    expect(await subscriptionsOn(irvin)).toEqual([]);
  });
});
