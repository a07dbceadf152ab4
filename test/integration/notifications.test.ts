// Change notifications end to end: Quorum's HTTPS listener (certificate from the emulator CA) is the
// notification URL the emulated Graph validates and delivers to. A subscription on an organizer's
// mailbox carries an attendee's answer to the registered consumers within seconds; forged items are
// ignored; `missed`, `subscriptionRemoved` and `reauthorizationRequired` are answered; renewal,
// the backstop and a deleted connection's cleanup work against the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../server/microsoft/events.js';
import type {
  ChangeConsumer,
  EventChange,
  MailboxRef,
} from '../../server/notifications/consumers.js';
import { notificationsOf, type NotificationsRuntime } from '../../server/notifications/runtime.js';
import { mailboxKey } from '../../server/notifications/subscription-records.js';
import { eventually } from '../emulator/graph/subscriptions-receiver.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, type TestOrg } from './self-service-fixtures.js';

let quorum: TestQuorum;
let contoso: TestOrg;
let notifications: NotificationsRuntime;
const changes: EventChange[] = [];
const resyncs: { mailbox: MailboxRef; reason: string }[] = [];

const recorder: ChangeConsumer = {
  name: 'test-recorder',
  eventChanged: (change) => {
    changes.push(change);
    return Promise.resolve();
  },
  resync: (mailbox, reason) => {
    resyncs.push({ mailbox, reason });
    return Promise.resolve();
  },
};

function userId(upn: string): string {
  const tenant = quorum.emulator.world.findTenant('contoso.com')!;
  return quorum.emulator.world.findUser(tenant, upn)!.id;
}

function mailbox(upn: string): MailboxRef {
  return { orgId: contoso.org.id, tenantId: TENANTS.contoso.id, userId: userId(upn) };
}

async function emulatorSubscription(id: string) {
  return control<{ stats: { delivered: number; lost: number }; reauthorizationRequired: boolean }>(
    quorum.emulator,
    'GET',
    `/subscriptions/${id}`,
  );
}

async function book(upn: string, subject: string, attendee: string) {
  return createEvent(quorum.services.graph, TENANTS.contoso.id, userId(upn), {
    transactionId: crypto.randomUUID(),
    quorumMeetingId: crypto.randomUUID(),
    subject,
    start: { dateTime: '2031-05-06T15:00:00', timeZone: 'UTC' },
    end: { dateTime: '2031-05-06T16:00:00', timeZone: 'UTC' },
    attendees: [{ address: attendee, type: 'required' }],
  });
}

beforeAll(async () => {
  quorum = await startQuorum({ https: true });
  contoso = await createConnectedOrg(quorum, 'contoso');
  notifications = notificationsOf(quorum.services);
  notifications.consumers.add(recorder);
});

afterAll(async () => {
  await notifications?.close();
  await quorum?.close();
});

describe('subscriptions on a watched mailbox', () => {
  it('creates one subscription per mailbox, validated over HTTPS, shared by its holders', async () => {
    const first = await notifications.ensureSubscription({
      ...mailbox('allan.deyoung@contoso.com'),
      holder: 'meeting:one',
      until: '2031-05-06T16:00:00Z',
    });
    expect(first).toMatchObject({ state: 'active', subscriptionId: expect.any(String) });
    const second = await notifications.ensureSubscription({
      ...mailbox('allan.deyoung@contoso.com'),
      holder: 'meeting:two',
    });
    expect(second.subscriptionId).toBe(first.subscriptionId);
    expect(Object.keys(second.holders).sort()).toEqual(['meeting:one', 'meeting:two']);
    const atGraph = await emulatorSubscription(first.subscriptionId!);
    expect(atGraph.status).toBe(200);
    expect(atGraph.body).toMatchObject({
      notificationUrl: `${quorum.httpsUrl}/webhooks/graph`,
      lifecycleNotificationUrl: `${quorum.httpsUrl}/webhooks/graph/lifecycle`,
      resource: `/users/${userId('allan.deyoung@contoso.com')}/events`,
    });
  });

  it('hears an attendee accept within seconds of the answer', async () => {
    const record = await notifications.ensureSubscription({
      ...mailbox('allan.deyoung@contoso.com'),
      holder: 'meeting:one',
    });
    const event = await book('allan.deyoung@contoso.com', 'Planning', 'rosa.garcia@contoso.com');
    changes.length = 0;
    const answered = await control(
      quorum.emulator,
      'POST',
      `/tenants/contoso.com/events/${event.id}/respond`,
      { attendee: 'rosa.garcia@contoso.com', response: 'accepted' },
    );
    expect(answered.status).toBe(200);
    const change = await eventually(
      () => changes.find((c) => c.eventId === event.id && c.changeType === 'updated'),
      5_000,
    );
    expect(change).toEqual({
      ...mailbox('allan.deyoung@contoso.com'),
      eventId: event.id,
      changeType: 'updated',
    });
    expect(
      (await emulatorSubscription(record.subscriptionId!)).body.stats.delivered,
    ).toBeGreaterThan(0);
  });

  it('ignores (202) a notification with the wrong clientState and logs it', async () => {
    const record = await notifications.ensureSubscription({
      ...mailbox('allan.deyoung@contoso.com'),
      holder: 'meeting:one',
    });
    changes.length = 0;
    const forged = {
      value: [
        {
          subscriptionId: record.subscriptionId,
          subscriptionExpirationDateTime: record.expiresAt,
          changeType: 'updated',
          resource: `Users/${record.userId}/Events/forged-event`,
          resourceData: { id: 'forged-event' },
          clientState: 'guessed-client-state',
          tenantId: TENANTS.contoso.id,
        },
        {
          subscriptionId: crypto.randomUUID(),
          changeType: 'deleted',
          resourceData: { id: 'unknown-subscription-event' },
          clientState: 'x',
          tenantId: TENANTS.contoso.id,
        },
      ],
    };
    const res = await fetch(`${quorum.url}/webhooks/graph`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(res.status).toBe(202);
    await notifications.idle();
    expect(changes).toEqual([]);
    expect(quorum.logs()).toContain('client_state_mismatch');
    expect(quorum.logs()).toContain('unknown_subscription');
    expect(quorum.logs()).not.toContain('guessed-client-state');
  });

  it('answers the validation handshake with the decoded token as text/plain', async () => {
    const token = 'Validation: Testing client application reachability Request-Id: 1+2=3';
    for (const path of ['/webhooks/graph', '/webhooks/graph/lifecycle']) {
      const res = await fetch(`${quorum.url}${path}?validationToken=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(token);
    }
  });

  it('refuses a body that is not a notification envelope with ERR_VALIDATION', async () => {
    const res = await fetch(`${quorum.url}/webhooks/graph`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifications: [] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()) as { code: string }).toMatchObject({ code: 'ERR_VALIDATION' });
  });
});

describe('lifecycle events', () => {
  it('resyncs the mailbox after missed notifications', async () => {
    const record = await notifications.ensureSubscription({
      ...mailbox('lee.gu@contoso.com'),
      holder: 'meeting:lee',
    });
    await control(quorum.emulator, 'POST', `/subscriptions/${record.subscriptionId}/suspend`);
    const event = await book('lee.gu@contoso.com', 'Lost answers', 'daniel.kim@contoso.com');
    changes.length = 0;
    resyncs.length = 0;
    await control(quorum.emulator, 'POST', `/tenants/contoso.com/events/${event.id}/respond`, {
      attendee: 'daniel.kim@contoso.com',
      response: 'declined',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(changes.filter((c) => c.eventId === event.id)).toEqual([]);
    const fired = await control<{ stats: { lost: number } }>(
      quorum.emulator,
      'POST',
      `/subscriptions/${record.subscriptionId}/lifecycle`,
      { event: 'missed' },
    );
    expect(fired.body.stats.lost).toBeGreaterThan(0);
    const resync = await eventually(() => resyncs.find((r) => r.reason === 'missed'));
    expect(resync.mailbox).toEqual(mailbox('lee.gu@contoso.com'));
  });

  it('recreates a removed subscription with a new clientState, then resyncs', async () => {
    const before = await notifications.ensureSubscription({
      ...mailbox('lee.gu@contoso.com'),
      holder: 'meeting:lee',
    });
    resyncs.length = 0;
    await control(quorum.emulator, 'POST', `/subscriptions/${before.subscriptionId}/lifecycle`, {
      event: 'subscriptionRemoved',
    });
    await eventually(() => resyncs.find((r) => r.reason === 'subscriptionRemoved'));
    const after = await notifications.records.get(
      contoso.org.id,
      mailboxKey(TENANTS.contoso.id, userId('lee.gu@contoso.com')),
    );
    expect(after).toMatchObject({ state: 'active' });
    expect(after!.subscriptionId).not.toBe(before.subscriptionId);
    expect(after!.recordId).not.toBe(before.recordId);
    // The new subscription delivers.
    changes.length = 0;
    const event = await book('lee.gu@contoso.com', 'After recreation', 'hana.sato@contoso.com');
    await eventually(() => changes.find((c) => c.eventId === event.id));
  });

  it('reauthorizes on reauthorizationRequired', async () => {
    const record = await notifications.ensureSubscription({
      ...mailbox('lee.gu@contoso.com'),
      holder: 'meeting:lee',
    });
    await control(quorum.emulator, 'POST', `/subscriptions/${record.subscriptionId}/lifecycle`, {
      event: 'reauthorizationRequired',
    });
    await eventually(async () => {
      const res = await emulatorSubscription(record.subscriptionId!);
      return res.body.reauthorizationRequired === false && res.body;
    });
  });
});

describe('keeping subscriptions only while needed', () => {
  it('renews a subscription that nears its expiry', async () => {
    const record = await notifications.ensureSubscription({
      ...mailbox('joni.sherman@contoso.com'),
      holder: 'meeting:joni',
    });
    const soon = new Date(Date.now() + 60 * 60_000).toISOString();
    await notifications.records.update(contoso.org.id, record.key, (c) => ({
      ...c!,
      expiresAt: soon,
    }));
    const report = await notifications.maintain();
    expect(report.renewed).toBeGreaterThanOrEqual(1);
    const after = await notifications.records.get(contoso.org.id, record.key);
    expect(after!.subscriptionId).toBe(record.subscriptionId);
    expect(Date.parse(after!.expiresAt!)).toBeGreaterThan(Date.now() + 69 * 3_600_000);
  });

  it('deletes the subscription when its last holder goes, or its holders have ended', async () => {
    const record = await notifications.ensureSubscription({
      ...mailbox('irvin.sayers@contoso.com'),
      holder: 'meeting:a',
    });
    await notifications.ensureSubscription({
      ...mailbox('irvin.sayers@contoso.com'),
      holder: 'meeting:past',
      until: new Date(Date.now() - 1_000).toISOString(),
    });
    await notifications.releaseSubscription({
      ...mailbox('irvin.sayers@contoso.com'),
      holder: 'meeting:a',
    });
    expect((await emulatorSubscription(record.subscriptionId!)).status).toBe(200);
    await notifications.maintain();
    expect((await emulatorSubscription(record.subscriptionId!)).status).toBe(404);
    expect(await notifications.records.get(contoso.org.id, record.key)).toBeUndefined();
  });

  it('polls every watched mailbox in the backstop', async () => {
    resyncs.length = 0;
    const count = await notifications.backstop();
    await notifications.idle();
    expect(count).toBeGreaterThan(0);
    expect(resyncs.filter((r) => r.reason === 'backstop')).toHaveLength(count);
  });

  it('deletes the subscriptions of a connection that is deleted', async () => {
    const fabrikam = await createConnectedOrg(quorum, 'fabrikam');
    const tenant = quorum.emulator.world.findTenant('fabrikam.com')!;
    const someone = tenant.users.find(
      (u) => u.mailbox.kind === 'user' && u.assignedLicenses.length > 0,
    )!;
    const record = await notifications.ensureSubscription({
      orgId: fabrikam.org.id,
      tenantId: TENANTS.fabrikam.id,
      userId: someone.id,
      holder: 'service-mailbox',
    });
    expect(record.state).toBe('active');
    await quorum.services.connections.service.remove(fabrikam.org.id, fabrikam.connection.id, {
      id: 'member:test',
    });
    expect((await emulatorSubscription(record.subscriptionId!)).status).toBe(404);
    expect(await notifications.records.list(fabrikam.org.id)).toEqual([]);
  });
});
