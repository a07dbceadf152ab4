// What the webhook accepts: items whose clientState is the one derived for the subscription they
// name (or, racing the creation response, for a pending subscription of the same mailbox); the
// rest are rejected with a reason that is logged, never told to the sender.
import { afterEach, describe, expect, it } from 'vitest';
import { ClientStates } from '../../server/notifications/client-state.js';
import { checkChanges, checkLifecycle } from '../../server/notifications/notification-check.js';
import {
  SubscriptionRecords,
  type SubscriptionRecord,
} from '../../server/notifications/subscription-records.js';
import { tempStore, type TempStore } from '../connections/temp-store.js';

let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.close();
  temp = undefined;
});

function record(extra: Partial<SubscriptionRecord>): SubscriptionRecord {
  return {
    key: 'tenant-1/user-1',
    orgId: 'org-1',
    tenantId: 'tenant-1',
    userId: 'user-1',
    recordId: 'record-1',
    subscriptionId: 'sub-1',
    state: 'active',
    expiresAt: '2031-05-09T12:00:00.000Z',
    holders: { 'meeting:a': { until: null } },
    createdAt: '2031-05-06T12:00:00.000Z',
    renewedAt: null,
    failure: null,
    reauthorizationRequired: false,
    lastNotificationAt: null,
    lastResyncAt: null,
    ...extra,
  };
}

async function setup(r: SubscriptionRecord) {
  temp = await tempStore();
  await temp.store.linkTenant('tenant-1', 'org-1');
  const records = new SubscriptionRecords(temp.store);
  await records.update('org-1', r.key, () => r);
  const clientStates = new ClientStates(temp.store);
  return { deps: { store: temp.store, records, clientStates }, clientStates };
}

const change = (extra: Record<string, unknown>) => ({
  subscriptionId: 'sub-1',
  tenantId: 'tenant-1',
  changeType: 'updated',
  resource: 'Users/user-1/Events/event-1',
  resourceData: { id: 'event-1' },
  ...extra,
});

describe('checkChanges', () => {
  it('accepts an item with the subscription’s clientState', async () => {
    const { deps, clientStates } = await setup(record({}));
    const result = await checkChanges(deps, [
      change({ clientState: await clientStates.for('record-1') }),
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.accepted).toMatchObject([{ eventId: 'event-1', changeType: 'updated' }]);
  });

  it.each([
    ['a wrong clientState', { clientState: 'guess' }, 'client_state_mismatch'],
    ['no clientState', {}, 'client_state_mismatch'],
    [
      'an unknown subscription',
      { subscriptionId: 'sub-x', clientState: 'guess' },
      'unknown_subscription',
    ],
    [
      'a tenant no org holds',
      { tenantId: 'tenant-x', clientState: 'guess' },
      'unknown_subscription',
    ],
    ['no event id', { resource: 'Users/user-1', resourceData: undefined }, 'malformed'],
    ['an unknown change type', { changeType: 'moved' }, 'malformed'],
  ])('rejects %s', async (_, extra, reason) => {
    const { deps } = await setup(record({}));
    const result = await checkChanges(deps, [change(extra)]);
    expect(result.accepted).toEqual([]);
    expect(result.rejected[0]?.reason).toBe(reason);
  });

  it('accepts a notification racing the creation, for the pending subscription of that mailbox', async () => {
    const { deps, clientStates } = await setup(record({ state: 'pending', subscriptionId: null }));
    const clientState = await clientStates.for('record-1');
    const ok = await checkChanges(deps, [change({ subscriptionId: 'sub-new', clientState })]);
    expect(ok.accepted).toHaveLength(1);
    const otherMailbox = await checkChanges(deps, [
      change({ subscriptionId: 'sub-new', clientState, resource: 'Users/user-2/Events/e' }),
    ]);
    expect(otherMailbox.rejected[0]?.reason).toBe('unknown_subscription');
  });
});

describe('checkLifecycle', () => {
  it('accepts a verified lifecycle event and rejects a forged one', async () => {
    const { deps, clientStates } = await setup(record({}));
    const item = { subscriptionId: 'sub-1', tenantId: 'tenant-1', lifecycleEvent: 'missed' };
    const result = await checkLifecycle(deps, [
      { ...item, clientState: await clientStates.for('record-1') },
      { ...item, clientState: 'guess' },
    ]);
    expect(result.accepted.map((a) => a.event)).toEqual(['missed']);
    expect(result.rejected.map((r) => r.reason)).toEqual(['client_state_mismatch']);
  });
});
