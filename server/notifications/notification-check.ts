// Checking what arrives at `/webhooks/graph*` before anything is queued: the body's shape, then
// for each item the subscription it names (found through its tenant's org) and its clientState,
// compared in constant time. Only store reads and an HMAC: fast enough to answer Graph within 3 s.
import { z } from 'zod';
import type { Store } from '../store/index.js';
import type { ClientStates } from './client-state.js';
import type { ChangeType } from './consumers.js';
import type { SubscriptionRecord, SubscriptionRecords } from './subscription-records.js';

const changeItem = z.looseObject({
  subscriptionId: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(100),
  clientState: z.string().max(256).nullable().optional(),
  changeType: z.enum(['created', 'updated', 'deleted']),
  resource: z.string().max(2_000).optional(),
  resourceData: z.looseObject({ id: z.string().min(1).max(1_000) }).optional(),
});

const lifecycleItem = z.looseObject({
  subscriptionId: z.string().min(1).max(200),
  tenantId: z.string().min(1).max(100),
  clientState: z.string().max(256).nullable().optional(),
  lifecycleEvent: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']),
});

/** Graph's envelope: `{ value: [...] }`, at most a few hundred items in practice. */
export const NotificationBody = z.object({ value: z.array(z.unknown()).max(1_000) });

export type LifecycleEvent = z.infer<typeof lifecycleItem>['lifecycleEvent'];

export interface VerifiedChange {
  record: SubscriptionRecord;
  eventId: string;
  changeType: ChangeType;
}

export interface VerifiedLifecycle {
  record: SubscriptionRecord;
  event: LifecycleEvent;
}

/** Why an item was dropped (logged; never told to the sender). */
export type RejectReason = 'malformed' | 'unknown_subscription' | 'client_state_mismatch';

export interface CheckResult<T> {
  accepted: T[];
  rejected: { reason: RejectReason; subscriptionId?: string; tenantId?: string }[];
}

export interface NotificationCheckDeps {
  readonly store: Store;
  readonly records: SubscriptionRecords;
  readonly clientStates: ClientStates;
}

/** The event id of a change: `resourceData.id`, else the last segment of `Users/{id}/Events/{id}`. */
function eventIdOf(item: z.infer<typeof changeItem>): string | undefined {
  if (item.resourceData?.id) return item.resourceData.id;
  const match = /\/events\/([^/]+)$/i.exec(item.resource ?? '');
  return match?.[1];
}

/** The mailbox a change names, `Users/{userId}/Events/{id}`, lower case. */
function userIdOf(resource: string | undefined): string | undefined {
  return /^\/?users\/([^/]+)\//i.exec(resource ?? '')?.[1]?.toLowerCase();
}

/**
 * The record a notification belongs to, if its clientState proves it: the record Graph's id names,
 * or — for a notification racing the creation response — a pending record of the same mailbox.
 */
async function verify(
  deps: NotificationCheckDeps,
  item: { subscriptionId: string; tenantId: string; clientState?: string | null | undefined },
  userId: string | undefined,
): Promise<SubscriptionRecord | RejectReason> {
  const orgId = await deps.store.findOrgByTenant(item.tenantId.toLowerCase());
  if (!orgId) return 'unknown_subscription';
  const records = await deps.records.list(orgId);
  const named = records.find((r) => r.subscriptionId === item.subscriptionId);
  const candidates = named
    ? [named]
    : records.filter(
        (r) =>
          r.state === 'pending' &&
          r.tenantId === item.tenantId.toLowerCase() &&
          (userId === undefined || r.userId === userId),
      );
  if (candidates.length === 0) return 'unknown_subscription';
  for (const record of candidates) {
    if (await deps.clientStates.matches(record.recordId, item.clientState)) return record;
  }
  return 'client_state_mismatch';
}

/** Verifies every item of a change notification POST. */
export async function checkChanges(
  deps: NotificationCheckDeps,
  items: readonly unknown[],
): Promise<CheckResult<VerifiedChange>> {
  const result: CheckResult<VerifiedChange> = { accepted: [], rejected: [] };
  for (const raw of items) {
    const parsed = changeItem.safeParse(raw);
    const eventId = parsed.success ? eventIdOf(parsed.data) : undefined;
    if (!parsed.success || !eventId) {
      result.rejected.push({ reason: 'malformed' });
      continue;
    }
    const item = parsed.data;
    const outcome = await verify(deps, item, userIdOf(item.resource));
    if (typeof outcome === 'string') {
      result.rejected.push({
        reason: outcome,
        subscriptionId: item.subscriptionId,
        tenantId: item.tenantId,
      });
    } else {
      result.accepted.push({ record: outcome, eventId, changeType: item.changeType });
    }
  }
  return result;
}

/** Verifies every item of a lifecycle notification POST. */
export async function checkLifecycle(
  deps: NotificationCheckDeps,
  items: readonly unknown[],
): Promise<CheckResult<VerifiedLifecycle>> {
  const result: CheckResult<VerifiedLifecycle> = { accepted: [], rejected: [] };
  for (const raw of items) {
    const parsed = lifecycleItem.safeParse(raw);
    if (!parsed.success) {
      result.rejected.push({ reason: 'malformed' });
      continue;
    }
    const item = parsed.data;
    const outcome = await verify(deps, item, undefined);
    if (typeof outcome === 'string') {
      result.rejected.push({
        reason: outcome,
        subscriptionId: item.subscriptionId,
        tenantId: item.tenantId,
      });
    } else {
      result.accepted.push({ record: outcome, event: item.lifecycleEvent });
    }
  }
  return result;
}
