// The subscription manager against a scripted Graph: one subscription per mailbox however many
// holders ask at once, refused creations retried with backoff (and never attempted without an https
// URL), renewal a day before expiry, recreation when Graph lost one, removal with the last holder.
import { afterEach, describe, expect, it } from 'vitest';
import { GraphError, type GraphClient } from '../../server/microsoft/graph/index.js';
import { ClientStates } from '../../server/notifications/client-state.js';
import { SubscriptionManager } from '../../server/notifications/subscription-manager.js';
import { SubscriptionRecords } from '../../server/notifications/subscription-records.js';
import { tempStore, type TempStore } from '../connections/temp-store.js';

const T = Date.parse('2031-05-06T12:00:00Z');
const MIN = 60_000;
const mailbox = { orgId: 'org-1', tenantId: 'tenant-1', userId: 'user-1' };
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

function scriptedGraph(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  let n = 0;
  const run = async (call: Call) => {
    calls.push(call);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return answer(call);
  };
  const graph = {
    post: (_t: string, path: string, body: unknown) => run({ method: 'POST', path, body }),
    patch: (_t: string, path: string, body: unknown) => run({ method: 'PATCH', path, body }),
    delete: (_t: string, path: string) => run({ method: 'DELETE', path }),
  } as unknown as GraphClient;
  const created = (body: unknown) => ({
    id: `sub-${++n}`,
    resource: '/users/user-1/events',
    expirationDateTime: (body as { expirationDateTime: string }).expirationDateTime,
    notificationUrl: 'https://quorum.example/webhooks/graph',
  });
  return { graph, calls, created };
}

let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.close();
  temp = undefined;
});

async function manager(
  graph: GraphClient,
  clock: { now: number },
  publicUrl = 'https://quorum.example',
) {
  temp = await tempStore(() => clock.now);
  await temp.store.linkTenant('tenant-1', 'org-1');
  const records = new SubscriptionRecords(temp.store);
  return {
    records,
    manager: new SubscriptionManager({
      graph,
      records,
      clientStates: new ClientStates(temp.store),
      publicUrl,
      now: () => clock.now,
      logger: silent,
    }),
  };
}

const refused = () =>
  new GraphError({
    status: 400,
    code: 'InvalidRequest',
    message: 'validation failed',
    attempts: 1,
  });

describe('SubscriptionManager', () => {
  it('creates one subscription for many holders asking at once, with its lifecycle URL', async () => {
    const clock = { now: T };
    const g = scriptedGraph((call) => (call.method === 'POST' ? g.created(call.body) : undefined));
    const { manager: m } = await manager(g.graph, clock);
    const records = await Promise.all(
      ['a', 'b', 'c'].map((h) => m.ensure({ ...mailbox, holder: `meeting:${h}` })),
    );
    expect(g.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(g.calls[0]!.body).toMatchObject({
      changeType: 'created,updated,deleted',
      resource: '/users/user-1/events',
      notificationUrl: 'https://quorum.example/webhooks/graph',
      lifecycleNotificationUrl: 'https://quorum.example/webhooks/graph/lifecycle',
      expirationDateTime: new Date(T + 4_200 * MIN).toISOString(),
      clientState: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(Object.keys(records[2]!.holders)).toEqual(['meeting:a', 'meeting:b', 'meeting:c']);
  });

  it('records a refused creation and retries it with backoff, not before it is due', async () => {
    const clock = { now: T };
    let refuse = true;
    const g = scriptedGraph((call) => {
      if (call.method !== 'POST') return undefined;
      if (refuse) throw refused();
      return g.created(call.body);
    });
    const { manager: m, records } = await manager(g.graph, clock);
    const failed = await m.ensure({ ...mailbox, holder: 'meeting:a' });
    expect(failed).toMatchObject({
      state: 'failed',
      subscriptionId: null,
      failure: { code: 'InvalidRequest', attempts: 1, retryAt: new Date(T + MIN).toISOString() },
    });
    clock.now = T + 30_000;
    expect(await m.maintain()).toEqual({ created: 0, renewed: 0, removed: 0, failed: 0 });
    clock.now = T + MIN;
    expect((await m.maintain()).failed).toBe(1);
    const twice = await records.get('org-1', failed.key);
    expect(twice!.failure).toMatchObject({
      attempts: 2,
      retryAt: new Date(T + 3 * MIN).toISOString(),
    });
    refuse = false;
    clock.now = T + 3 * MIN;
    expect((await m.maintain()).created).toBe(1);
    expect(await records.get('org-1', failed.key)).toMatchObject({
      state: 'active',
      failure: null,
    });
  });

  it('never asks Graph to notify a plain http URL', async () => {
    const clock = { now: T };
    const g = scriptedGraph(() => undefined);
    const { manager: m } = await manager(g.graph, clock, 'http://localhost:3000');
    const record = await m.ensure({ ...mailbox, holder: 'meeting:a' });
    expect(record).toMatchObject({ state: 'failed', failure: { code: 'NotificationUrlNotHttps' } });
    expect(g.calls).toEqual([]);
  });

  it('renews within a day of expiry and recreates a subscription Graph no longer has', async () => {
    const clock = { now: T };
    let lost = false;
    const g = scriptedGraph((call) => {
      if (call.method === 'POST') return g.created(call.body);
      if (call.method === 'PATCH') {
        if (lost)
          throw new GraphError({
            status: 404,
            code: 'ResourceNotFound',
            message: 'gone',
            attempts: 1,
          });
        return { ...g.created(call.body), id: 'sub-1' };
      }
      return undefined;
    });
    const { manager: m, records } = await manager(g.graph, clock);
    const first = await m.ensure({ ...mailbox, holder: 'meeting:a' });
    clock.now = T + 40 * 60 * MIN;
    expect(await m.maintain()).toMatchObject({ renewed: 0 });
    clock.now = T + 4_200 * MIN - 23 * 60 * MIN;
    expect(await m.maintain()).toMatchObject({ renewed: 1 });
    const renewed = await records.get('org-1', first.key);
    expect(renewed!.subscriptionId).toBe('sub-1');
    expect(Date.parse(renewed!.expiresAt!)).toBe(clock.now + 4_200 * MIN);
    lost = true;
    clock.now = Date.parse(renewed!.expiresAt!) - 60 * MIN;
    await m.maintain();
    const recreated = await records.get('org-1', first.key);
    expect(recreated).toMatchObject({ state: 'active' });
    expect(recreated!.subscriptionId).not.toBe('sub-1');
    expect(recreated!.recordId).not.toBe(first.recordId);
  });

  it('deletes the subscription when the last holder is released or has ended', async () => {
    const clock = { now: T };
    const g = scriptedGraph((call) => (call.method === 'POST' ? g.created(call.body) : undefined));
    const { manager: m, records } = await manager(g.graph, clock);
    const record = await m.ensure({ ...mailbox, holder: 'meeting:a' });
    await m.ensure({
      ...mailbox,
      holder: 'meeting:b',
      until: new Date(T + 60 * MIN).toISOString(),
    });
    await m.release({ ...mailbox, holder: 'meeting:a' });
    expect(g.calls.filter((c) => c.method === 'DELETE')).toEqual([]);
    clock.now = T + 61 * MIN;
    expect((await m.maintain()).removed).toBe(1);
    expect(g.calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      '/subscriptions/sub-1',
    ]);
    expect(await records.get('org-1', record.key)).toBeUndefined();
  });
});
