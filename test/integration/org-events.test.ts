// Org events end to end (DESIGN J5) against the emulated Contoso: an admin sends from the
// events@ service mailbox to a group and watches RSVPs arrive by change notification (Quorum's HTTPS
// listener is the notification URL); 1,200 recipients go out as 3 events with hidden attendee
// lists and answers aggregated; updates and cancellation reach every part; a `missed` lifecycle
// event is repaired by a resync; members are refused; a missing service mailbox has its own code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgEvent } from '../../server/scheduling/org-events/org-event.js';
import type { OrgEventView } from '../../server/scheduling/org-events/schemas.js';
import { notificationsOf } from '../../server/notifications/runtime.js';
import { eventually } from '../emulator/graph/subscriptions-receiver.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { closeWithRuntimes, orgEventsContoso, respondInContoso } from './org-events-fixtures.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

let quorum: TestQuorum;
let contoso: TestOrg;
const megan = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const adele = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };

beforeAll(async () => {
  quorum = await startQuorum({ https: true });
  contoso = await orgEventsContoso(quorum);
  await signIn(quorum, 'contoso.com', megan.upn);
  await signIn(quorum, 'contoso.com', adele.upn);
}, 60_000);

afterAll(() => closeWithRuntimes(quorum));

const contosoTenant = () => quorum.emulator.world.findTenant('contoso.com')!;
const groupId = (name: string) => contosoTenant().groups.find((g) => g.displayName === name)!.id;

function newEvent(extra: Record<string, unknown> = {}) {
  return {
    subject: 'ERG kickoff',
    body: 'Welcome, everyone.',
    start: '2031-05-06T10:00',
    end: '2031-05-06T11:00',
    timeZone: 'America/Los_Angeles',
    audience: { kind: 'group', groupId: groupId('Engineering') },
    ...extra,
  };
}

async function send(extra: Record<string, unknown> = {}) {
  const res = await quorum.api<OrgEventView>(megan, 'POST', '/api/org/events', newEvent(extra));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body;
}

async function view(id: string) {
  const res = await quorum.api<OrgEventView>(megan, 'GET', `/api/org/events/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

async function delivered(id: string, ms = 10_000) {
  return eventually(async () => {
    const v = await view(id);
    return v.delivery.state === 'done' && v;
  }, ms);
}

async function stored(id: string): Promise<OrgEvent> {
  return (await quorum.services.store.getOrgDoc<OrgEvent>(contoso.org.id, `org-event:${id}`))!;
}

describe('sending to a group and watching RSVPs', () => {
  it('invites every transitive member of the group from the service mailbox', async () => {
    const sent = await send({ audience: { kind: 'group', groupId: groupId('Quorum Pilot') } });
    expect(sent).toMatchObject({
      subject: 'ERG kickoff',
      start: '2031-05-06T17:00:00.000Z',
      serviceMailbox: 'events@contoso.com',
      parts: 1,
      hideAttendees: false,
      // Quorum Pilot = Engineering (12, nested) + 2.
      recipients: 14,
    });
    const done = await delivered(sent.id);
    expect(done.delivery).toMatchObject({
      state: 'done',
      queuedMessages: 0,
      expectedCompletionAt: null,
    });
    expect(done.rsvp).toEqual({ accepted: 0, tentative: 0, declined: 0, none: 14 });
    const part = (await stored(sent.id)).parts[0]!;
    const organizerCopy = await quorum.services.graph.get<{
      subject: string;
      attendees: unknown[];
      start: { timeZone: string };
    }>(TENANTS.contoso.id, `/users/events@contoso.com/events/${part.graphEventId}`);
    expect(organizerCopy).toMatchObject({ subject: 'ERG kickoff' });
    expect(organizerCopy.attendees).toHaveLength(14);
  });

  it('shows answers within seconds, by change notification', async () => {
    const sent = await send();
    await delivered(sent.id);
    const event = await stored(sent.id);
    const graphEventId = event.parts[0]!.graphEventId!;
    // The service mailbox is watched while the event is upcoming.
    const record = (await notificationsOf(quorum.services).records.list(contoso.org.id)).find(
      (r) => r.userId === event.serviceMailbox.userId,
    );
    expect(record).toMatchObject({ state: 'active' });
    expect(record!.holders[`org-event:${sent.id}`]).toEqual({ until: event.end });

    await respondInContoso(quorum, graphEventId, 'lee.gu@contoso.com', 'accepted');
    await respondInContoso(quorum, graphEventId, 'hana.sato@contoso.com', 'accepted');
    await respondInContoso(quorum, graphEventId, 'ivan.novak@contoso.com', 'tentativelyAccepted');
    await respondInContoso(quorum, graphEventId, 'daniel.kim@contoso.com', 'declined');
    const seen = await eventually(async () => {
      const v = await view(sent.id);
      return v.rsvp.accepted === 2 && v.rsvp.declined === 1 && v.rsvp.tentative === 1 && v;
    }, 5_000);
    expect(seen.rsvp).toEqual({ accepted: 2, tentative: 1, declined: 1, none: 8 });
    expect(seen.answers.find((a) => a.email === 'daniel.kim@contoso.com')).toMatchObject({
      response: 'declined',
      respondedAt: expect.stringMatching(/Z$/),
    });
    const subscription = await control<{ stats: { delivered: number } }>(
      quorum.emulator,
      'GET',
      `/subscriptions/${record!.subscriptionId}`,
    );
    expect(subscription.body.stats.delivered).toBeGreaterThan(0);
  });

  it('repairs answers lost to missed notifications with a resync', async () => {
    const sent = await send({ subject: 'Missed answers' });
    await delivered(sent.id);
    const event = await stored(sent.id);
    const record = (await notificationsOf(quorum.services).records.list(contoso.org.id)).find(
      (r) => r.userId === event.serviceMailbox.userId,
    )!;
    // Let the notifications of the invitation itself land first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await notificationsOf(quorum.services).idle();
    await control(quorum.emulator, 'POST', `/subscriptions/${record.subscriptionId}/suspend`);
    await respondInContoso(
      quorum,
      event.parts[0]!.graphEventId!,
      'priya.nair@contoso.com',
      'accepted',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await view(sent.id)).rsvp.accepted).toBe(0);
    await control(quorum.emulator, 'POST', `/subscriptions/${record.subscriptionId}/lifecycle`, {
      event: 'missed',
    });
    const repaired = await eventually(async () => {
      const v = await view(sent.id);
      return v.rsvp.accepted === 1 && v;
    }, 5_000);
    expect(repaired.answers.find((a) => a.email === 'priya.nair@contoso.com')?.response).toBe(
      'accepted',
    );
  });

  it('sends an update to every invitee and a cancellation that reaches them all', async () => {
    const sent = await send({ subject: 'Before the change' });
    await delivered(sent.id);
    const changed = await quorum.api<OrgEventView>(megan, 'PATCH', `/api/org/events/${sent.id}`, {
      subject: 'After the change',
      start: '2031-05-06T13:00',
      end: '2031-05-06T14:00',
    });
    expect(changed.status).toBe(202);
    await delivered(changed.body.id);
    const part = (await stored(sent.id)).parts[0]!;
    expect(part.version).toBe(2);
    const copy = await quorum.services.graph.get<{ value: { subject: string; start: unknown }[] }>(
      TENANTS.contoso.id,
      '/users/lee.gu@contoso.com/events',
      { query: { $filter: `iCalUId eq '${part.iCalUId}'` } },
    );
    expect(copy.value[0]).toMatchObject({ subject: 'After the change' });

    const cancelled = await quorum.api<OrgEventView>(
      megan,
      'POST',
      `/api/org/events/${sent.id}/cancel`,
      { comment: 'Moved to next month' },
    );
    expect(cancelled.status).toBe(202);
    expect(cancelled.body.state).toBe('cancelled');
    await eventually(async () => (await stored(sent.id)).parts[0]!.state === 'cancelled');
    const after = await quorum.services.graph.get<{ value: { isCancelled: boolean }[] }>(
      TENANTS.contoso.id,
      '/users/lee.gu@contoso.com/events',
      { query: { $filter: `iCalUId eq '${part.iCalUId}'` } },
    );
    expect(after.value[0]?.isCancelled).toBe(true);
    const again = await quorum.api<{ code: string }>(
      megan,
      'POST',
      `/api/org/events/${sent.id}/cancel`,
      {},
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ERR_ORG_EVENT_CANCELLED');
  });

  it('lists the org events with their delivery and counts', async () => {
    const res = await quorum.api<{ events: { id: string; rsvp: unknown }[] }>(
      megan,
      'GET',
      '/api/org/events',
    );
    expect(res.status).toBe(200);
    expect(res.body.events.length).toBeGreaterThanOrEqual(4);
  });
});

describe('large audiences', () => {
  let bigDomain: string;
  let people: string[];

  beforeAll(async () => {
    const generated = await control<{ domain: string }>(
      quorum.emulator,
      'POST',
      '/tenants/generate',
      {
        domain: 'alumni.example',
        count: 1_300,
        seed: 7,
      },
    );
    expect(generated.status).toBe(201);
    bigDomain = generated.body.domain;
    const tenant = quorum.emulator.world.findTenant(bigDomain)!;
    people = tenant.users
      .filter((u) => u.mailbox.kind === 'user' && u.mail && u.mail.endsWith(`@${bigDomain}`))
      .slice(0, 1_200)
      .map((u) => u.mail!);
    expect(people).toHaveLength(1_200);
  });

  it('sends 1,200 recipients as 3 events with hidden attendee lists and aggregates the answers', async () => {
    const sent = await send({ subject: 'Alumni day', audience: { kind: 'list', emails: people } });
    expect(sent).toMatchObject({ recipients: 1_200, parts: 3, hideAttendees: true });
    const done = await delivered(sent.id, 20_000);
    expect(done.delivery.parts.map((p) => [p.recipients, p.state])).toEqual([
      [400, 'sent'],
      [400, 'sent'],
      [400, 'sent'],
    ]);
    const event = await stored(sent.id);
    for (const part of event.parts) {
      const organizerCopy = await quorum.services.graph.get<{
        hideAttendees: boolean;
        attendees: unknown[];
      }>(TENANTS.contoso.id, `/users/events@contoso.com/events/${part.graphEventId}`);
      expect(organizerCopy.hideAttendees).toBe(true);
      expect(organizerCopy.attendees).toHaveLength(400);
    }
    // One answer in each part, and a decline in the last.
    for (const part of event.parts)
      await respondInContoso(quorum, part.graphEventId!, part.recipients[0]!, 'accepted');
    await respondInContoso(
      quorum,
      event.parts[2]!.graphEventId!,
      event.parts[2]!.recipients[1]!,
      'declined',
    );
    const counted = await eventually(async () => {
      const v = await view(sent.id);
      return v.rsvp.accepted === 3 && v.rsvp.declined === 1 && v;
    }, 10_000);
    expect(counted.rsvp).toEqual({ accepted: 3, tentative: 0, declined: 1, none: 1_196 });
    expect(counted.answers).toHaveLength(1_200);
  }, 60_000);
});

describe('Teams attendance', () => {
  let eventId: string;

  beforeAll(async () => {
    await control(quorum.emulator, 'PATCH', '/tenants/contoso.com/users/events@contoso.com', {
      teamsEnabled: true,
    });
    const sent = await send({ subject: 'Town hall', teams: true });
    eventId = sent.id;
    await delivered(eventId);
    const part = (await stored(eventId)).parts[0]!;
    expect(part.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    await control(
      quorum.emulator,
      'POST',
      `/tenants/contoso.com/events/${part.graphEventId}/attendance`,
      {
        records: [
          { email: 'lee.gu@contoso.com', seconds: 3_000 },
          { email: 'hana.sato@contoso.com', seconds: 1_200 },
        ],
      },
    );
  });

  it('says the tier is missing when the connection lacks OnlineMeetingArtifact.Read.All', async () => {
    expect((await view(eventId)).attendance).toMatchObject({ available: false, reason: 'tier' });
  });

  it('says the Teams policy is missing when Teams refuses', async () => {
    await quorum.services.orgs.updateConnection(contoso.org.id, contoso.connection.id, (c) => ({
      ...c,
      tier: 'attendance',
    }));
    await control(quorum.emulator, 'POST', '/tenants/contoso.com/teams-access-policy', {
      granted: false,
    });
    expect((await view(eventId)).attendance).toMatchObject({ available: false, reason: 'policy' });
  });

  it('shows who attended and for how long once both are granted', async () => {
    await control(quorum.emulator, 'POST', '/tenants/contoso.com/teams-access-policy', {
      granted: true,
    });
    expect((await view(eventId)).attendance).toEqual({
      available: true,
      reports: 1,
      attendees: [
        { email: 'lee.gu@contoso.com', name: 'Lee Gu', seconds: 3_000, role: 'Attendee' },
        {
          email: 'hana.sato@contoso.com',
          name: expect.any(String),
          seconds: 1_200,
          role: 'Attendee',
        },
      ],
    });
  });

  it('says an event without a Teams meeting has no attendance', async () => {
    const plain = await send({ subject: 'In person' });
    expect((await view(plain.id)).attendance).toMatchObject({
      available: false,
      reason: 'not_online',
    });
  });
});

describe('refusals', () => {
  it.each([
    ['POST', '/api/org/events', newEvent],
    ['GET', '/api/org/events', () => undefined],
    ['GET', '/api/org/events/any', () => undefined],
    ['PATCH', '/api/org/events/any', () => ({ subject: 'x' })],
    ['POST', '/api/org/events/any/cancel', () => ({})],
  ])('refuses a member on %s %s with ERR_ROLE_REQUIRED', async (method, path, body) => {
    const res = await quorum.api<{ code: string }>(adele, method, path, body());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ERR_ROLE_REQUIRED');
  });

  it('answers ERR_SERVICE_MAILBOX_MISSING when the org has no service mailbox', async () => {
    await quorum.services.orgs.updateSettings(contoso.org.id, { serviceMailbox: null });
    try {
      const res = await quorum.api<{ code: string }>(megan, 'POST', '/api/org/events', newEvent());
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ERR_SERVICE_MAILBOX_MISSING');
    } finally {
      await quorum.services.orgs.updateSettings(contoso.org.id, {
        serviceMailbox: 'events@contoso.com',
      });
    }
  });

  it('answers ERR_SERVICE_MAILBOX_UNAVAILABLE for a mailbox without Exchange Online', async () => {
    await quorum.services.orgs.updateSettings(contoso.org.id, {
      serviceMailbox: 'nestor.wilke@contoso.com',
    });
    try {
      const res = await quorum.api<{ code: string; detail: string }>(
        megan,
        'POST',
        '/api/org/events',
        newEvent(),
      );
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ERR_SERVICE_MAILBOX_UNAVAILABLE');
      expect(res.body.detail).toMatch(/no Exchange Online mailbox/);
    } finally {
      await quorum.services.orgs.updateSettings(contoso.org.id, {
        serviceMailbox: 'events@contoso.com',
      });
    }
  });

  it.each([
    [
      'an unknown group',
      { audience: { kind: 'group', groupId: crypto.randomUUID() } },
      404,
      'ERR_ORG_EVENT_GROUP_NOT_FOUND',
    ],
    [
      'an audience of only the service mailbox',
      { audience: { kind: 'list', emails: ['events@contoso.com'] } },
      400,
      'ERR_ORG_EVENT_AUDIENCE_EMPTY',
    ],
    ['an end before the start', { end: '2031-05-06T09:00' }, 400, 'ERR_VALIDATION'],
    [
      'an event already over',
      { start: '2020-01-01T09:00', end: '2020-01-01T10:00' },
      400,
      'ERR_VALIDATION',
    ],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 400, 'ERR_VALIDATION'],
  ])('refuses %s', async (_, extra, status, code) => {
    const res = await quorum.api<{ code: string }>(
      megan,
      'POST',
      '/api/org/events',
      newEvent(extra),
    );
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('describes the org-event and webhook routes in the OpenAPI document', async () => {
    const { status, body } = await quorum.api<{
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    }>(null, 'GET', '/api/openapi.json');
    expect(status).toBe(200);
    for (const [path, method] of [
      ['/api/org/events', 'post'],
      ['/api/org/events', 'get'],
      ['/api/org/events/{id}', 'get'],
      ['/api/org/events/{id}', 'patch'],
      ['/api/org/events/{id}/cancel', 'post'],
      ['/webhooks/graph', 'post'],
      ['/webhooks/graph/lifecycle', 'post'],
    ] as const) {
      expect(body.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(body.paths['/webhooks/graph']!.post!.security).toBeUndefined();
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining(['NewOrgEvent', 'OrgEvent', 'OrgEventList', 'GraphNotifications']),
    );
  });

  it('answers ERR_ORG_EVENT_NOT_FOUND for an unknown event', async () => {
    const res = await quorum.api<{ code: string }>(megan, 'GET', '/api/org/events/nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ERR_ORG_EVENT_NOT_FOUND');
  });

  it('keeps one org’s events from another org’s admins', async () => {
    const contosoEvent = (
      await quorum.api<{ events: { id: string }[] }>(megan, 'GET', '/api/org/events')
    ).body.events[0]!.id;
    await createConnectedOrg(quorum, 'fabrikam');
    const kim = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };
    await signIn(quorum, 'fabrikam.com', kim.upn);
    const list = await quorum.api<{ events: unknown[] }>(kim, 'GET', '/api/org/events');
    expect(list.body.events).toEqual([]);
    for (const [method, path, body] of [
      ['GET', `/api/org/events/${contosoEvent}`, undefined],
      ['PATCH', `/api/org/events/${contosoEvent}`, { subject: 'Taken over' }],
      ['POST', `/api/org/events/${contosoEvent}/cancel`, {}],
    ] as const) {
      const res = await quorum.api<{ code: string }>(kim, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('ERR_ORG_EVENT_NOT_FOUND');
    }
  });
});
