// How Graph reaches a subscriber (graph-facts §7.2, §7.4, §7.5): the validation handshake, change
// notifications gathered into batched POSTs, lifecycle notifications, retries with backoff for up
// to four (emulated) hours, and a receiver slower than three seconds counted as a failure. The
// outbound client trusts the system roots plus the emulator's own CA, so it reaches a local Quorum
// whose HTTPS certificate that CA issued — TLS verification is never turned off.
import { randomUUID } from 'node:crypto';
import tls from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { EmulatorContext } from '../context.js';
import type { StoredEvent } from './event-model.js';
import type { EventChangeType } from './mailbox-store.js';
import type { GraphState } from './state.js';
import {
  graphInstant,
  SubscriptionRegistry,
  type LifecycleEvent,
  type StoredSubscription,
  type SubscriptionStats,
} from './subscriptions-model.js';

interface Item {
  body: Record<string, unknown>;
  /** The subscription's counters (kept even after it is removed). */
  stats: SubscriptionStats;
  subscriptionId: string;
  /** Lifecycle notifications go out even for a subscription that no longer exists. */
  lifecycle: boolean;
  /** For change notifications: what makes two queued items the same notification. */
  key?: string;
}

interface Batch {
  url: string;
  items: Item[];
  attempt: number;
  /** Emulated milliseconds already spent retrying. */
  elapsedMs: number;
}

/** Exponential backoff, 1 minute doubling to at most an hour (emulated). [U] Graph's schedule. */
function backoffMs(attempt: number): number {
  return Math.min(2 ** (attempt - 1), 60) * 60_000;
}

function caPemOf(ctx: EmulatorContext): string | undefined {
  const ca = (ctx as EmulatorContext & { ca?: { certPem?: unknown } }).ca;
  return typeof ca?.certPem === 'string' ? ca.certPem : undefined;
}

export class DeliveryEngine {
  readonly #pending = new Map<string, { items: Item[]; timer: NodeJS.Timeout }>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<void>>();
  #agent: Agent | undefined;
  #closed = false;

  constructor(
    readonly ctx: EmulatorContext,
    readonly registry: SubscriptionRegistry,
  ) {}

  get #dispatcher(): Agent {
    if (!this.#agent) {
      const ca = caPemOf(this.ctx);
      const secureContext = tls.createSecureContext({
        ca: ca ? [...tls.rootCertificates, ca] : [...tls.rootCertificates],
      });
      this.#agent = new Agent({ connect: { secureContext } });
    }
    return this.#agent;
  }

  /**
   * `POST {url}?validationToken=…` as `text/plain`: passes when the receiver answers 200, text/plain,
   * with the URL-decoded token, within the validation timeout.
   */
  async validate(url: string): Promise<boolean> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
    try {
      const res = await undiciFetch(target, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(this.registry.settings.validationTimeoutMs),
        dispatcher: this.#dispatcher,
      });
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      return res.status === 200 && /^text\/plain\b/i.test(type) && text === token;
    } catch {
      return false;
    }
  }

  /** A calendar item changed: every live subscription on its mailbox that wants the change hears of it. */
  eventChanged(event: StoredEvent, change: EventChangeType): void {
    if (this.#closed) return;
    const { tenantId, userId } = event.owner;
    for (const sub of this.registry.forMailbox(tenantId, userId)) {
      if (!sub.changeTypes.includes(change)) continue;
      if (sub.suspended) {
        sub.stats.lost += 1;
        continue;
      }
      const resource = `Users/${userId}/Events/${event.id}`;
      this.#enqueue(sub.notificationUrl, {
        subscriptionId: sub.id,
        stats: sub.stats,
        lifecycle: false,
        key: `${sub.id} ${change} ${event.id}`,
        body: {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: graphInstant(sub.expiresAt),
          changeType: change,
          resource,
          resourceData: {
            '@odata.type': '#Microsoft.Graph.Event',
            '@odata.id': resource,
            '@odata.etag': `W/"${event.changeKey}"`,
            id: event.id,
          },
          clientState: sub.clientState,
          tenantId,
        },
      });
    }
  }

  /** Sends a lifecycle notification to the subscription's lifecycle URL. */
  lifecycle(sub: StoredSubscription, event: LifecycleEvent): void {
    if (this.#closed || !sub.lifecycleNotificationUrl) return;
    this.#enqueue(sub.lifecycleNotificationUrl, {
      subscriptionId: sub.id,
      stats: sub.stats,
      lifecycle: true,
      body: {
        subscriptionId: sub.id,
        subscriptionExpirationDateTime: graphInstant(sub.expiresAt),
        tenantId: sub.tenantId,
        clientState: sub.clientState,
        lifecycleEvent: event,
      },
    });
  }

  /** Resolves once nothing is waiting to be sent or in flight (retries scheduled later included). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0 || this.#inFlight.size > 0 || this.#timers.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stops every timer and waits for POSTs in flight; later changes are ignored. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const { timer } of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#inFlight]);
    await this.#agent?.close();
    this.#agent = undefined;
  }

  #enqueue(url: string, item: Item): void {
    let pending = this.#pending.get(url);
    if (!pending) {
      const timer = setTimeout(() => this.#flush(url), this.registry.settings.batchDelayMs);
      pending = { items: [], timer };
      this.#pending.set(url, pending);
    }
    // Several touches of one item in one operation reach the receiver as one notification.
    if (item.key && pending.items.some((i) => i.key === item.key)) return;
    pending.items.push(item);
  }

  #flush(url: string): void {
    const pending = this.#pending.get(url);
    this.#pending.delete(url);
    if (!pending || this.#closed) return;
    const size = this.registry.settings.maxBatchSize;
    for (let i = 0; i < pending.items.length; i += size) {
      this.#send({ url, items: pending.items.slice(i, i + size), attempt: 1, elapsedMs: 0 });
    }
  }

  #send(batch: Batch): void {
    // Notifications of a subscription deleted meanwhile are not sent; lifecycle ones always are.
    const items = batch.items.filter((i) => i.lifecycle || this.registry.get(i.subscriptionId));
    if (items.length === 0) return;
    const attempt = this.#post(batch.url, items).then((ok) => {
      if (ok) {
        for (const item of items) {
          if (item.lifecycle) item.stats.lifecycleDelivered += 1;
          else item.stats.delivered += 1;
        }
        return;
      }
      for (const stats of new Set(items.map((i) => i.stats))) stats.failedAttempts += 1;
      this.#retry({ ...batch, items });
    });
    this.#inFlight.add(attempt);
    void attempt.finally(() => this.#inFlight.delete(attempt));
  }

  #retry(batch: Batch): void {
    if (this.#closed) return;
    const { timeScale, retryWindowMinutes } = this.registry.settings;
    const wait = backoffMs(batch.attempt);
    if (batch.elapsedMs + wait > retryWindowMinutes * 60_000) {
      for (const item of batch.items) item.stats.dropped += 1;
      return;
    }
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        this.#send({ ...batch, attempt: batch.attempt + 1, elapsedMs: batch.elapsedMs + wait });
      },
      Math.max(1, Math.round(wait / timeScale)),
    );
    this.#timers.add(timer);
  }

  /** One POST; true on 2xx within the delivery timeout. */
  async #post(url: string, items: Item[]): Promise<boolean> {
    try {
      const res = await undiciFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ value: items.map((i) => i.body) }),
        signal: AbortSignal.timeout(this.registry.settings.deliveryTimeoutMs),
        dispatcher: this.#dispatcher,
      });
      await res.arrayBuffer();
      return res.status >= 200 && res.status < 300;
    } catch {
      return false;
    }
  }
}

export interface Subscriptions {
  registry: SubscriptionRegistry;
  delivery: DeliveryEngine;
}

const runtimes = new WeakMap<GraphState, Subscriptions>();

/** The subscriptions of a Graph state, listening to its mailbox store (created on first use). */
export function subscriptionsOf(state: GraphState): Subscriptions {
  let runtime = runtimes.get(state);
  if (!runtime) {
    const registry = new SubscriptionRegistry(state.ctx);
    const delivery = new DeliveryEngine(state.ctx, registry);
    state.store.onChange((event, change) => delivery.eventChanged(event, change));
    runtime = { registry, delivery };
    runtimes.set(state, runtime);
  }
  return runtime;
}

/** Stops deliveries of an emulator that is shutting down (no-op if subscriptions were never used). */
export async function closeSubscriptions(state: GraphState): Promise<void> {
  await runtimes.get(state)?.delivery.close();
}
