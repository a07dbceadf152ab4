// Graph change-notification subscriptions on a mailbox's events (graph-facts §7): create, renew,
// reauthorize, delete. Basic notifications only (no resource data): Quorum reads the event itself.
import type { GraphClient } from '../microsoft/graph/index.js';
import { segment, userPath } from '../microsoft/paths.js';

export interface GraphSubscription {
  id: string;
  resource: string;
  expirationDateTime: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string | null;
}

export interface NewSubscription {
  /** Object id of the mailbox owner. */
  userId: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  expiresAt: Date;
  clientState: string;
}

/** Creation waits for Graph's validation handshake with Quorum (up to 10 s on Graph's side). */
const CREATE_TIMEOUT_MS = 30_000;

/**
 * `POST /subscriptions` — created, updated and deleted events of `/users/{id}/events`, with a
 * lifecycle URL (it cannot be added later). Graph first calls both URLs with a validationToken.
 */
export async function createSubscription(
  graph: GraphClient,
  tenantId: string,
  input: NewSubscription,
): Promise<GraphSubscription> {
  return graph.post<GraphSubscription>(
    tenantId,
    '/subscriptions',
    {
      changeType: 'created,updated,deleted',
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl,
      resource: `${userPath(input.userId)}/events`,
      expirationDateTime: input.expiresAt.toISOString(),
      clientState: input.clientState,
      latestSupportedTlsVersion: 'v1_2',
    },
    { timeoutMs: CREATE_TIMEOUT_MS },
  );
}

/** `PATCH /subscriptions/{id}` — a new expirationDateTime (renewal). */
export async function renewSubscription(
  graph: GraphClient,
  tenantId: string,
  subscriptionId: string,
  expiresAt: Date,
): Promise<GraphSubscription> {
  return graph.patch<GraphSubscription>(
    tenantId,
    `/subscriptions/${segment(subscriptionId)}`,
    { expirationDateTime: expiresAt.toISOString() },
    { idempotent: true },
  );
}

/** `POST /subscriptions/{id}/reauthorize` — answers a `reauthorizationRequired` challenge (204). */
export async function reauthorizeSubscription(
  graph: GraphClient,
  tenantId: string,
  subscriptionId: string,
): Promise<void> {
  await graph.post(tenantId, `/subscriptions/${segment(subscriptionId)}/reauthorize`, undefined, {
    idempotent: true,
  });
}

/** `DELETE /subscriptions/{id}` (204); a subscription Graph no longer has counts as deleted. */
export async function deleteSubscription(
  graph: GraphClient,
  tenantId: string,
  subscriptionId: string,
): Promise<void> {
  try {
    await graph.delete(tenantId, `/subscriptions/${segment(subscriptionId)}`);
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return;
    throw error;
  }
}
