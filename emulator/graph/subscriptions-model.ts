// Change-notification subscriptions (graph-facts §7): what the emulator keeps per subscription, the
// settings tests turn (expiration cap, time scale of retries, timeouts), and the registry that
// routes, the delivery engine and the control API share.
import type { EmulatorContext } from '../context.js';

export type ChangeType = 'created' | 'updated' | 'deleted';
export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface StoredSubscription {
  id: string;
  tenantId: string;
  /** The app that created it; only that app (in that tenant) sees it. */
  appId: string;
  creatorId: string;
  /** As the client sent it (echoed back verbatim). */
  resource: string;
  /** Object id of the mailbox owner the resource names. */
  userId: string;
  changeTypes: ChangeType[];
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expiresAt: number;
  latestSupportedTlsVersion: string;
  /** A `reauthorizationRequired` challenge is open until the app reauthorizes or renews. */
  reauthorizationRequired: boolean;
  /** Control API: notifications are silently lost (what `missed` then reports). */
  suspended: boolean;
  stats: SubscriptionStats;
}

export interface SubscriptionStats {
  /** Notifications delivered (acknowledged with 2xx). */
  delivered: number;
  /** Delivery attempts that failed (non-2xx, network error or slower than the timeout). */
  failedAttempts: number;
  /** Notifications given up on after the retry window. */
  dropped: number;
  /** Notifications lost while suspended. */
  lost: number;
  lifecycleDelivered: number;
}

/** What tests may change through `POST /_emulator/subscriptions/settings`. */
export interface SubscriptionSettings {
  /** Longest lifetime of an Outlook event subscription (graph-facts §7.3 [DRIFT]: 10,080 live). */
  maxExpirationMinutes: number;
  /** Shorter requested lifetimes are raised to this. */
  minExpirationMinutes: number;
  /**
   * Emulated seconds per real second for the retry schedule and window: 3,600 makes Graph's four
   * hours of retries pass in four real seconds. Timeouts below are real time.
   */
  timeScale: number;
  /** How long Graph keeps retrying a failed delivery ("up to 4 hours"), emulated minutes. */
  retryWindowMinutes: number;
  /** A receiver slower than this (real ms) has failed the delivery (Graph: 3 s). */
  deliveryTimeoutMs: number;
  /** The validation handshake must be answered within this (real ms; Graph: 10 s). */
  validationTimeoutMs: number;
  /** Changes gathered this long (real ms) before a POST, so notifications arrive batched. */
  batchDelayMs: number;
  /** Most notifications in one POST. [U] Graph's batch size is undocumented. */
  maxBatchSize: number;
  /** Active Outlook subscriptions per mailbox, all apps together. */
  maxPerMailbox: number;
}

export const DEFAULT_SUBSCRIPTION_SETTINGS: Readonly<SubscriptionSettings> = Object.freeze({
  maxExpirationMinutes: 10_080,
  minExpirationMinutes: 45,
  timeScale: 1,
  retryWindowMinutes: 240,
  deliveryTimeoutMs: 3_000,
  validationTimeoutMs: 10_000,
  batchDelayMs: 50,
  maxBatchSize: 100,
  maxPerMailbox: 1_000,
});

/** Every subscription of one emulator, with its settings. */
export class SubscriptionRegistry {
  readonly settings: SubscriptionSettings = { ...DEFAULT_SUBSCRIPTION_SETTINGS };
  readonly #byId = new Map<string, StoredSubscription>();

  constructor(readonly ctx: EmulatorContext) {}

  /** A live subscription; expired ones are gone, as in Graph. */
  get(id: string): StoredSubscription | undefined {
    const sub = this.#byId.get(id);
    if (sub && sub.expiresAt <= this.ctx.now()) {
      this.#byId.delete(id);
      return undefined;
    }
    return sub;
  }

  add(sub: StoredSubscription): void {
    this.#byId.set(sub.id, sub);
  }

  remove(id: string): boolean {
    return this.#byId.delete(id);
  }

  /** Live subscriptions, optionally only those matching `filter`. */
  list(filter: (sub: StoredSubscription) => boolean = () => true): StoredSubscription[] {
    const now = this.ctx.now();
    const out: StoredSubscription[] = [];
    for (const [id, sub] of this.#byId) {
      if (sub.expiresAt <= now) this.#byId.delete(id);
      else if (filter(sub)) out.push(sub);
    }
    return out;
  }

  /** Live subscriptions on one mailbox, across every app (the 1,000 limit counts them all). */
  forMailbox(tenantId: string, userId: string): StoredSubscription[] {
    return this.list((s) => s.tenantId === tenantId && s.userId === userId);
  }

  resetSettings(): void {
    Object.assign(this.settings, DEFAULT_SUBSCRIPTION_SETTINGS);
  }
}

export function emptyStats(): SubscriptionStats {
  return { delivered: 0, failedAttempts: 0, dropped: 0, lost: 0, lifecycleDelivered: 0 };
}

/** Graph writes subscription instants with seven fractional digits. */
export function graphInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** The subscription as Graph returns it (`microsoft.graph.subscription`). */
export function shapeSubscription(sub: StoredSubscription): Record<string, unknown> {
  return {
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.appId,
    changeType: sub.changeTypes.join(','),
    clientState: sub.clientState,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl,
    expirationDateTime: graphInstant(sub.expiresAt),
    creatorId: sub.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: sub.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
    notificationContentType: null,
  };
}
