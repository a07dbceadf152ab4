// Change notifications (graph-facts §7): `/subscriptions` with the validation handshake, HTTPS-only
// URLs, clientState, the expiration cap and the per-mailbox limit; delivery batched to an HTTPS
// receiver trusting nothing but the emulator CA, retries on a compressed time scale, slow receivers,
// lifecycle events, renew, reauthorize and delete.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGraphTestbed, utc, type GraphTestbed } from './support.js';
import { eventually, startReceiver, type Receiver } from './subscriptions-receiver.js';

let bed: GraphTestbed;
let receiver: Receiver;
beforeAll(async () => {
  bed = await startGraphTestbed();
  receiver = await startReceiver(bed.emu.ca);
});
afterAll(async () => {
  await receiver.close();
  await bed.close();
});
afterEach(async () => {
  await bed.control('DELETE', '/subscriptions/settings');
  for (const sub of (await bed.control('GET', '/subscriptions')).body.value) {
    await bed.call('DELETE', `/v1.0/subscriptions/${sub.id}`);
  }
});

const INVALID_HANDSHAKE =
  'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.';

const inMinutes = (minutes: number) => new Date(bed.clock.now() + minutes * 60_000).toISOString();

function subscription(extra: Record<string, unknown> = {}) {
  return {
    changeType: 'created,updated,deleted',
    notificationUrl: `${receiver.url}/notify`,
    lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
    resource: '/users/adele.vance@contoso.com/events',
    expirationDateTime: inMinutes(3 * 24 * 60),
    clientState: 'secret-client-state',
    ...extra,
  };
}

async function subscribe(extra: Record<string, unknown> = {}) {
  const res = await bed.call('POST', '/v1.0/subscriptions', { body: subscription(extra) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; expirationDateTime: string };
}

async function createEvent(mailbox: string, subject: string, attendees: string[] = []) {
  const res = await bed.call('POST', `/v1.0/users/${mailbox}/events`, {
    body: {
      subject,
      start: utc('2025-03-20T15:00:00Z'),
      end: utc('2025-03-20T16:00:00Z'),
      attendees: attendees.map((address) => ({ emailAddress: { address }, type: 'required' })),
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('creating a subscription', () => {
  it('answers 201 after both URLs pass the text/plain handshake with the decoded token', async () => {
    const before = receiver.requests.length;
    const res = await bed.call('POST', '/v1.0/subscriptions', { body: subscription() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      '@odata.context': expect.stringMatching(/\$metadata#subscriptions\/\$entity$/),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      resource: '/users/adele.vance@contoso.com/events',
      applicationId: bed.emu.quorumApp.clientId,
      changeType: 'created,updated,deleted',
      clientState: 'secret-client-state',
      notificationUrl: `${receiver.url}/notify`,
      lifecycleNotificationUrl: `${receiver.url}/lifecycle`,
      includeResourceData: false,
      latestSupportedTlsVersion: 'v1_2',
      creatorId: expect.any(String),
    });
    const handshakes = receiver.requests.slice(before);
    expect(handshakes.map((r) => r.path)).toEqual(['/notify', '/lifecycle']);
    for (const h of handshakes) {
      expect(h.contentType).toBe('text/plain; charset=utf-8');
      // Graph's tokens carry spaces and colons: the receiver must echo them decoded.
      expect(h.query.get('validationToken')).toMatch(/^Validation: .+ Request-Id: [0-9a-f-]{36}$/);
    }
  });

  it.each([
    ['a 500', { kind: 'status', status: 500 }],
    ['the wrong token', { kind: 'wrongToken' }],
    ['the token as JSON', { kind: 'jsonHandshake' }],
  ] as const)('answers 400 when the endpoint answers the handshake with %s', async (_, mode) => {
    receiver.set('/notify', mode, 1);
    const res = await bed.call('POST', '/v1.0/subscriptions', { body: subscription() });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'InvalidRequest', message: INVALID_HANDSHAKE });
  });

  it('validates the lifecycle URL too', async () => {
    receiver.set('/lifecycle', { kind: 'status', status: 404 }, 1);
    const res = await bed.call('POST', '/v1.0/subscriptions', { body: subscription() });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(INVALID_HANDSHAKE);
  });

  it('fails the handshake of an endpoint that does not answer within the timeout', async () => {
    await bed.control('POST', '/subscriptions/settings', { validationTimeoutMs: 300 });
    receiver.set('/notify', { kind: 'hang' }, 1);
    const started = Date.now();
    const res = await bed.call('POST', '/v1.0/subscriptions', { body: subscription() });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(INVALID_HANDSHAKE);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it.each([
    ['notificationUrl', { notificationUrl: 'http://localhost:9/notify' }],
    ['lifecycleNotificationUrl', { lifecycleNotificationUrl: 'http://localhost:9/lifecycle' }],
  ])('refuses an http %s without calling it', async (property, extra) => {
    const before = receiver.requests.length;
    const res = await bed.call('POST', '/v1.0/subscriptions', { body: subscription(extra) });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'InvalidRequest',
      message: `The ${property} must use the https scheme.`,
    });
    expect(receiver.requests.length).toBe(before);
  });

  it('caps the expiration at 10,080 minutes by default and raises short ones to 45', async () => {
    const tooLong = await bed.call('POST', '/v1.0/subscriptions', {
      body: subscription({ expirationDateTime: inMinutes(10_081) }),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({
      code: 'InvalidRequest',
      message: 'Subscription expiration can only be 10080 minutes in the future.',
    });
    const atCap = await subscribe({ expirationDateTime: inMinutes(10_080) });
    expect(Date.parse(atCap.expirationDateTime)).toBe(Date.parse(inMinutes(10_080)));
    const short = await subscribe({ expirationDateTime: inMinutes(5) });
    expect(Date.parse(short.expirationDateTime)).toBe(Date.parse(inMinutes(45)));
  });

  it('takes the cap from the settings (the 4,230 minutes of older docs)', async () => {
    await bed.control('POST', '/subscriptions/settings', { maxExpirationMinutes: 4_230 });
    const res = await bed.call('POST', '/v1.0/subscriptions', {
      body: subscription({ expirationDateTime: inMinutes(4_231) }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Subscription expiration can only be 4230 minutes in the future.',
    );
  });

  it('refuses a clientState longer than 128 characters', async () => {
    await subscribe({ clientState: 'x'.repeat(128) });
    const res = await bed.call('POST', '/v1.0/subscriptions', {
      body: subscription({ clientState: 'x'.repeat(129) }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('InvalidRequest');
  });

  it('allows 1,000 subscriptions per mailbox and refuses the next', async () => {
    const body = subscription({ resource: '/users/rosa.garcia@contoso.com/events' });
    for (let i = 0; i < 1_000; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () => bed.call('POST', '/v1.0/subscriptions', { body })),
      );
      expect(batch.map((r) => r.status)).toEqual(Array(50).fill(201));
    }
    const over = await bed.call('POST', '/v1.0/subscriptions', { body });
    expect(over.status).toBe(403);
    expect(over.body.error.code).toBe('ExtensionError');
    expect(over.body.error.message).toMatch(/maximum number of subscriptions \(1000\)/);
    // Another mailbox is not affected.
    await subscribe();
  }, 60_000);

  it.each([
    ['Calendars.ReadBasic only', ['Calendars.ReadBasic', 'User.Read.All']],
    ['no calendar permission', ['User.Read.All']],
  ])('answers 403 ErrorAccessDenied with %s', async (_, roles) => {
    const token = await bed.mint({ roles });
    const res = await bed.call('POST', '/v1.0/subscriptions', { token, body: subscription() });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ErrorAccessDenied');
  });

  it('accepts Calendars.Read', async () => {
    const token = await bed.mint({ roles: ['Calendars.Read'] });
    const res = await bed.call('POST', '/v1.0/subscriptions', { token, body: subscription() });
    expect(res.status).toBe(201);
  });

  it.each([
    [
      'an unsupported resource',
      () => ({ resource: '/users/adele.vance@contoso.com/messages' }),
      400,
    ],
    [
      'a mailbox without Exchange Online',
      () => ({ resource: '/users/nestor.wilke@contoso.com/events' }),
      404,
    ],
    ['an unknown change type', () => ({ changeType: 'created,moved' }), 400],
    ['a past expiration', () => ({ expirationDateTime: inMinutes(-1) }), 400],
  ])('refuses %s', async (_, extra, status) => {
    const res = await bed.call('POST', '/v1.0/subscriptions', { body: subscription(extra()) });
    expect(res.status).toBe(status);
  });
});

describe('managing subscriptions', () => {
  it('lists, gets, renews and deletes its own subscriptions', async () => {
    const sub = await subscribe();
    const listed = await bed.call('GET', '/v1.0/subscriptions');
    expect(listed.body.value.map((s: { id: string }) => s.id)).toContain(sub.id);
    const renewed = await bed.call('PATCH', `/v1.0/subscriptions/${sub.id}`, {
      body: { expirationDateTime: inMinutes(6 * 24 * 60) },
    });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.expirationDateTime)).toBe(Date.parse(inMinutes(6 * 24 * 60)));
    const beyond = await bed.call('PATCH', `/v1.0/subscriptions/${sub.id}`, {
      body: { expirationDateTime: inMinutes(8 * 24 * 60) },
    });
    expect(beyond.status).toBe(400);
    expect((await bed.call('DELETE', `/v1.0/subscriptions/${sub.id}`)).status).toBe(204);
    const gone = await bed.call('GET', `/v1.0/subscriptions/${sub.id}`);
    expect(gone.status).toBe(404);
  });

  it('hides a subscription from other tenants', async () => {
    const sub = await subscribe();
    const fabrikam = await bed.token('fabrikam.com');
    const res = await bed.call('GET', `/v1.0/subscriptions/${sub.id}`, { token: fabrikam });
    expect(res.status).toBe(404);
    const del = await bed.call('DELETE', `/v1.0/subscriptions/${sub.id}`, { token: fabrikam });
    expect(del.status).toBe(404);
  });

  it('forgets a subscription once it expires', async () => {
    const sub = await subscribe({ expirationDateTime: inMinutes(60) });
    bed.clock.advance(61 * 60_000);
    expect((await bed.call('GET', `/v1.0/subscriptions/${sub.id}`)).status).toBe(404);
  });
});

describe('delivering notifications', () => {
  it('POSTs created, updated and deleted notifications with resource data and clientState', async () => {
    const sub = await subscribe({ resource: '/users/allan.deyoung@contoso.com/events' });
    const since = receiver.items('/notify').length;
    const event = await createEvent('allan.deyoung@contoso.com', 'Notified', [
      'rosa.garcia@contoso.com',
    ]);
    await bed.control('POST', `/tenants/contoso.com/events/${event.id}/respond`, {
      attendee: 'rosa.garcia@contoso.com',
      response: 'accepted',
    });
    const created = await eventually(() =>
      receiver
        .items('/notify')
        .slice(since)
        .find((i) => i.changeType === 'created'),
    );
    const tenantId = bed.emu.tenantId('contoso.com');
    const allan = bed.emu.world.findUser(
      bed.emu.world.findTenant('contoso.com')!,
      'allan.deyoung@contoso.com',
    )!;
    expect(created).toEqual({
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      changeType: 'created',
      resource: `Users/${allan.id}/Events/${event.id}`,
      resourceData: {
        '@odata.type': '#Microsoft.Graph.Event',
        '@odata.id': `Users/${allan.id}/Events/${event.id}`,
        '@odata.etag': expect.stringMatching(/^W\/".+"$/),
        id: event.id,
      },
      clientState: 'secret-client-state',
      tenantId,
    });
    await eventually(() =>
      receiver
        .items('/notify')
        .slice(since)
        .find((i) => i.changeType === 'updated'),
    );
    await bed.call('DELETE', `/v1.0/users/allan.deyoung@contoso.com/events/${event.id}`);
    await eventually(() =>
      receiver
        .items('/notify')
        .slice(since)
        .find((i) => i.changeType === 'deleted'),
    );
  });

  it('sends only the change types asked for, and nothing for other mailboxes', async () => {
    await subscribe({ resource: '/users/lee.gu@contoso.com/events', changeType: 'deleted' });
    const since = receiver.items('/notify').length;
    const event = await createEvent('lee.gu@contoso.com', 'Created quietly');
    await createEvent('joni.sherman@contoso.com', 'Another mailbox');
    await bed.call('DELETE', `/v1.0/users/lee.gu@contoso.com/events/${event.id}`);
    const deleted = await eventually(() =>
      receiver
        .items('/notify')
        .slice(since)
        .find((i) => i.changeType === 'deleted'),
    );
    expect(deleted.resourceData.id).toBe(event.id);
    expect(receiver.items('/notify').slice(since)).toHaveLength(1);
  });

  it('batches notifications of several changes into one POST', async () => {
    await bed.control('POST', '/subscriptions/settings', { batchDelayMs: 200 });
    await subscribe({ resource: '/users/joni.sherman@contoso.com/events', changeType: 'created' });
    const posts = receiver.notifications('/notify').length;
    await Promise.all(
      ['One', 'Two', 'Three'].map((s) => createEvent('joni.sherman@contoso.com', s)),
    );
    const batch = await eventually(() => receiver.notifications('/notify')[posts]);
    expect(batch.value).toHaveLength(3);
  });

  it('retries a failing receiver with backoff on the time scale and counts the failures', async () => {
    await bed.control('POST', '/subscriptions/settings', { timeScale: 3_600 });
    const sub = await subscribe({ resource: '/users/diego.siciliani@contoso.com/events' });
    receiver.set('/notify', { kind: 'status', status: 503 }, 3);
    await createEvent('diego.siciliani@contoso.com', 'Retried');
    const view = await eventually(async () => {
      const res = await bed.control('GET', `/subscriptions/${sub.id}`);
      return res.body.stats.delivered > 0 && res.body;
    });
    expect(view.stats).toMatchObject({ delivered: 1, failedAttempts: 3, dropped: 0 });
  });

  it('drops a notification after the four-hour retry window', async () => {
    // 4 emulated hours in about 0.4 real seconds.
    await bed.control('POST', '/subscriptions/settings', { timeScale: 36_000 });
    const sub = await subscribe({ resource: '/users/christie.cline@contoso.com/events' });
    receiver.set('/notify', { kind: 'status', status: 500 });
    await createEvent('christie.cline@contoso.com', 'Never delivered');
    const view = await eventually(async () => {
      const res = await bed.control('GET', `/subscriptions/${sub.id}`);
      return res.body.stats.dropped > 0 && res.body;
    });
    receiver.set('/notify', { kind: 'ok' });
    // Attempts at 0, 1, 3, 7, 15, 31, 63, 123 and 183 minutes; the next would pass 240.
    expect(view.stats).toMatchObject({ delivered: 0, failedAttempts: 9, dropped: 1 });
  });

  it('counts a receiver slower than the delivery timeout as a failure', async () => {
    await bed.control('POST', '/subscriptions/settings', {
      deliveryTimeoutMs: 200,
      timeScale: 3_600,
    });
    const sub = await subscribe({ resource: '/users/irvin.sayers@contoso.com/events' });
    receiver.set('/notify', { kind: 'slow', ms: 600 }, 1);
    await createEvent('irvin.sayers@contoso.com', 'Slow receiver');
    const view = await eventually(async () => {
      const res = await bed.control('GET', `/subscriptions/${sub.id}`);
      return res.body.stats.delivered > 0 && res.body;
    });
    expect(view.stats.failedAttempts).toBe(1);
  });
});

describe('lifecycle events', () => {
  it('sends reauthorizationRequired, and reauthorize (204) answers it', async () => {
    const sub = await subscribe();
    const since = receiver.items('/lifecycle').length;
    const fired = await bed.control('POST', `/subscriptions/${sub.id}/lifecycle`, {
      event: 'reauthorizationRequired',
    });
    expect(fired.status).toBe(202);
    const item = await eventually(() => receiver.items('/lifecycle')[since]);
    expect(item).toEqual({
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      tenantId: bed.emu.tenantId('contoso.com'),
      clientState: 'secret-client-state',
      lifecycleEvent: 'reauthorizationRequired',
    });
    expect(
      (await bed.control('GET', `/subscriptions/${sub.id}`)).body.reauthorizationRequired,
    ).toBe(true);
    const res = await bed.call('POST', `/v1.0/subscriptions/${sub.id}/reauthorize`);
    expect(res.status).toBe(204);
    expect(
      (await bed.control('GET', `/subscriptions/${sub.id}`)).body.reauthorizationRequired,
    ).toBe(false);
  });

  it('stops delivering after subscriptionRemoved', async () => {
    const sub = await subscribe({ resource: '/users/patti.fernandez@contoso.com/events' });
    const since = receiver.items('/lifecycle').length;
    await bed.control('POST', `/subscriptions/${sub.id}/lifecycle`, {
      event: 'subscriptionRemoved',
    });
    const item = await eventually(() => receiver.items('/lifecycle')[since]);
    expect(item.lifecycleEvent).toBe('subscriptionRemoved');
    expect((await bed.call('GET', `/v1.0/subscriptions/${sub.id}`)).status).toBe(404);
    const before = receiver.items('/notify').length;
    await createEvent('patti.fernandez@contoso.com', 'After removal');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.items('/notify').length).toBe(before);
  });

  it('loses notifications while suspended and reports them as missed', async () => {
    const sub = await subscribe({ resource: '/users/miriam.graham@contoso.com/events' });
    await bed.control('POST', `/subscriptions/${sub.id}/suspend`);
    const before = receiver.items('/notify').length;
    await createEvent('miriam.graham@contoso.com', 'Lost');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.items('/notify').length).toBe(before);
    const since = receiver.items('/lifecycle').length;
    const fired = await bed.control('POST', `/subscriptions/${sub.id}/lifecycle`, {
      event: 'missed',
    });
    expect(fired.body.stats.lost).toBe(1);
    const item = await eventually(() => receiver.items('/lifecycle')[since]);
    expect(item.lifecycleEvent).toBe('missed');
    await createEvent('miriam.graham@contoso.com', 'Delivered again');
    await eventually(() => receiver.items('/notify').length > before);
  });

  it('refuses a lifecycle event for a subscription without a lifecycle URL', async () => {
    const sub = await subscribe({ lifecycleNotificationUrl: null });
    const res = await bed.control('POST', `/subscriptions/${sub.id}/lifecycle`, {
      event: 'missed',
    });
    expect(res.status).toBe(409);
  });
});
