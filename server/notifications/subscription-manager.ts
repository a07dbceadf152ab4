// Subscriptions only where Quorum needs them (DESIGN §5): a mailbox is watched while a holder — an
// upcoming meeting its owner organizes, an org event of the service mailbox — needs it, renewed
// before it expires, recreated when Graph removes it, deleted when the last holder goes or the
// tenant connection is deleted. Graph refusing a subscription never fails the caller: the record
// says why, creation is retried with backoff, and the backstop poll covers the mailbox meanwhile.
import { randomUUID } from 'node:crypto';
import type { ServiceLogger } from '../connections/connection-service.js';
import { KeyedQueue } from '../domain/keyed-queue.js';
import { GraphError, type GraphClient } from '../microsoft/graph/index.js';
import type { ClientStates } from './client-state.js';
import type { MailboxRef } from './consumers.js';
import {
  createSubscription,
  deleteSubscription,
  reauthorizeSubscription,
  renewSubscription,
} from './graph-subscriptions.js';
import {
  mailboxKey,
  type SubscriptionFailure,
  type SubscriptionRecord,
  type SubscriptionRecords,
} from './subscription-records.js';

export interface SubscriptionManagerOptions {
  readonly graph: GraphClient;
  readonly records: SubscriptionRecords;
  readonly clientStates: ClientStates;
  /** Quorum's public base URL; Graph delivers only to https URLs. */
  readonly publicUrl: string;
  readonly now: () => number;
  readonly logger: ServiceLogger;
  /** Requested lifetime. Default 4,200 min: under both the 4,230 of older docs and the live 10,080. */
  readonly lifetimeMinutes?: number;
  /** Renewed when less than this is left. Default a day. */
  readonly renewWithinMinutes?: number;
}

export interface EnsureInput extends MailboxRef {
  /** Who needs the subscription, e.g. `meeting:<id>`, `org-event:<id>`. */
  readonly holder: string;
  /** ISO instant after which this holder no longer needs it (the meeting's end); null: until released. */
  readonly until?: string | null;
}

export interface MaintenanceReport {
  created: number;
  renewed: number;
  removed: number;
  failed: number;
}

/** A creation still `pending` after this was interrupted (restart): it is tried again. */
const PENDING_STALE_MS = 5 * 60_000;
const MAX_RETRY_MINUTES = 60;

function failureOf(error: unknown, attempts: number, now: number): SubscriptionFailure {
  const graph = error instanceof GraphError ? error : undefined;
  const waitMinutes = Math.min(2 ** Math.max(0, attempts - 1), MAX_RETRY_MINUTES);
  return {
    at: new Date(now).toISOString(),
    code: graph?.code ?? 'Error',
    message: error instanceof Error ? error.message : String(error),
    attempts,
    retryAt: new Date(now + waitMinutes * 60_000).toISOString(),
  };
}

export class SubscriptionManager {
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string;
  readonly #queue = new KeyedQueue();
  readonly #lifetimeMs: number;
  readonly #renewWithinMs: number;

  constructor(private readonly o: SubscriptionManagerOptions) {
    this.notificationUrl = `${o.publicUrl}/webhooks/graph`;
    this.lifecycleNotificationUrl = `${o.publicUrl}/webhooks/graph/lifecycle`;
    this.#lifetimeMs = (o.lifetimeMinutes ?? 4_200) * 60_000;
    this.#renewWithinMs = (o.renewWithinMinutes ?? 24 * 60) * 60_000;
  }

  #run<T>(orgId: string, key: string, task: () => Promise<T>): Promise<T> {
    return this.#queue.run(`${orgId}\n${key}`, task);
  }

  /** Adds a holder to the mailbox's subscription, creating the subscription if it has none yet. */
  ensure(input: EnsureInput): Promise<SubscriptionRecord> {
    const key = mailboxKey(input.tenantId, input.userId);
    return this.#run(input.orgId, key, async () => {
      const now = this.o.now();
      const at = new Date(now).toISOString();
      const record = (await this.o.records.update(input.orgId, key, (current) => ({
        ...(current ?? {
          key,
          orgId: input.orgId,
          tenantId: input.tenantId.toLowerCase(),
          userId: input.userId.toLowerCase(),
          recordId: randomUUID(),
          subscriptionId: null,
          state: 'failed',
          expiresAt: null,
          createdAt: at,
          renewedAt: null,
          failure: null,
          reauthorizationRequired: false,
          lastNotificationAt: null,
          lastResyncAt: null,
          holders: {},
        }),
        holders: { ...current?.holders, [input.holder]: { until: input.until ?? null } },
      })))!;
      if (record.state === 'active' && Date.parse(record.expiresAt ?? '') > now) return record;
      if (record.state === 'pending' && now - Date.parse(record.createdAt) < PENDING_STALE_MS) {
        return record;
      }
      if (record.state === 'failed' && record.failure && Date.parse(record.failure.retryAt) > now) {
        return record;
      }
      return this.#create(record);
    });
  }

  /** Removes a holder; the last one leaving deletes the subscription. */
  release(input: MailboxRef & { readonly holder: string }): Promise<void> {
    const key = mailboxKey(input.tenantId, input.userId);
    return this.#run(input.orgId, key, async () => {
      const record = await this.o.records.get(input.orgId, key);
      if (!record?.holders[input.holder]) return;
      const holders = { ...record.holders };
      delete holders[input.holder];
      if (Object.keys(holders).length > 0) {
        await this.o.records.update(input.orgId, key, (c) => (c ? { ...c, holders } : null));
        return;
      }
      await this.#remove(record);
    });
  }

  /**
   * One pass over every record: expired holders dropped, unneeded subscriptions deleted, failed
   * creations retried when due, subscriptions near expiry renewed (recreated when Graph lost them).
   */
  async maintain(): Promise<MaintenanceReport> {
    const report: MaintenanceReport = { created: 0, renewed: 0, removed: 0, failed: 0 };
    for (const orgId of await this.o.records.orgIds()) {
      for (const { key } of await this.o.records.list(orgId)) {
        const outcome = await this.#run(orgId, key, () => this.#maintainOne(orgId, key));
        if (outcome) report[outcome] += 1;
      }
    }
    return report;
  }

  async #maintainOne(orgId: string, key: string): Promise<keyof MaintenanceReport | undefined> {
    const now = this.o.now();
    let record = await this.o.records.get(orgId, key);
    if (!record) return undefined;
    const holders = Object.fromEntries(
      Object.entries(record.holders).filter(
        ([, h]) => h.until === null || Date.parse(h.until) > now,
      ),
    );
    if (Object.keys(holders).length === 0) {
      await this.#remove(record);
      return 'removed';
    }
    if (Object.keys(holders).length !== Object.keys(record.holders).length) {
      record = (await this.o.records.update(orgId, key, (c) => (c ? { ...c, holders } : null)))!;
    }
    const expiresAt = Date.parse(record.expiresAt ?? '');
    const due =
      (record.state === 'failed' && Date.parse(record.failure?.retryAt ?? '') <= now) ||
      (record.state === 'pending' && now - Date.parse(record.createdAt) >= PENDING_STALE_MS) ||
      (record.state === 'active' && !(expiresAt > now));
    if (due || (record.state === 'failed' && !record.failure)) {
      const created = await this.#create(record);
      return created.state === 'active' ? 'created' : 'failed';
    }
    if (record.state === 'active' && expiresAt - now < this.#renewWithinMs) {
      const renewed = await this.#renew(record);
      return renewed.state === 'active' ? 'renewed' : 'failed';
    }
    return undefined;
  }

  /**
   * Answers `reauthorizationRequired`: reauthorize, else renew, else recreate (Graph no longer has
   * it). Returns the record after, or undefined when it is gone.
   */
  reauthorize(orgId: string, key: string): Promise<SubscriptionRecord | undefined> {
    return this.#run(orgId, key, async () => {
      const record = await this.o.records.get(orgId, key);
      if (!record?.subscriptionId) return record;
      try {
        await reauthorizeSubscription(this.o.graph, record.tenantId, record.subscriptionId);
        return (await this.o.records.update(orgId, key, (c) =>
          c ? { ...c, reauthorizationRequired: false } : null,
        ))!;
      } catch (error) {
        this.o.logger.warn(
          { err: error, orgId, subscriptionId: record.subscriptionId },
          'subscription reauthorize failed; renewing instead',
        );
      }
      return this.#renew(record);
    });
  }

  /** Graph removed the subscription (`subscriptionRemoved`): a new one, with a new clientState. */
  recreate(orgId: string, key: string): Promise<SubscriptionRecord | undefined> {
    return this.#run(orgId, key, async () => {
      const record = await this.o.records.get(orgId, key);
      if (!record) return undefined;
      return this.#create({ ...record, subscriptionId: null });
    });
  }

  /** The tenant connection is being deleted: its subscriptions go, at Graph and here. */
  async removeTenant(orgId: string, tenantId: string): Promise<number> {
    let removed = 0;
    for (const record of await this.o.records.list(orgId)) {
      if (record.tenantId !== tenantId.toLowerCase()) continue;
      await this.#run(orgId, record.key, () => this.#remove(record));
      removed += 1;
    }
    return removed;
  }

  async #create(record: SubscriptionRecord): Promise<SubscriptionRecord> {
    const { orgId, key } = record;
    const now = this.o.now();
    const attempts = (record.failure?.attempts ?? 0) + 1;
    if (record.subscriptionId) await this.#deleteQuietly(record);
    if (!this.notificationUrl.startsWith('https://')) {
      // Graph delivers only to https URLs (e.g. `npm start` on plain http): the backstop covers it.
      return this.#fail(record, attempts, {
        ...failureOf(
          new Error('Quorum has no public https URL for Graph to notify.'),
          attempts,
          now,
        ),
        code: 'NotificationUrlNotHttps',
        retryAt: new Date(now + 24 * 3_600_000).toISOString(),
      });
    }
    const recordId = randomUUID();
    await this.o.records.update(orgId, key, (c) =>
      c
        ? {
            ...c,
            recordId,
            subscriptionId: null,
            expiresAt: null,
            state: 'pending',
            createdAt: new Date(now).toISOString(),
          }
        : null,
    );
    try {
      const created = await createSubscription(this.o.graph, record.tenantId, {
        userId: record.userId,
        notificationUrl: this.notificationUrl,
        lifecycleNotificationUrl: this.lifecycleNotificationUrl,
        expiresAt: new Date(now + this.#lifetimeMs),
        clientState: await this.o.clientStates.for(recordId),
      });
      const at = new Date(this.o.now()).toISOString();
      const written = await this.o.records.update(orgId, key, (c) =>
        c
          ? {
              ...c,
              subscriptionId: created.id,
              expiresAt: new Date(Date.parse(created.expirationDateTime)).toISOString(),
              state: 'active',
              renewedAt: at,
              failure: null,
              reauthorizationRequired: false,
            }
          : null,
      );
      if (!written) await this.#deleteQuietly({ ...record, subscriptionId: created.id });
      this.o.logger.info(
        { orgId, tenantId: record.tenantId, userId: record.userId, subscriptionId: created.id },
        'graph subscription created',
      );
      return written ?? { ...record, state: 'failed' };
    } catch (error) {
      return this.#fail(record, attempts, failureOf(error, attempts, now), error);
    }
  }

  async #fail(
    record: SubscriptionRecord,
    attempts: number,
    failure: SubscriptionFailure,
    error?: unknown,
  ): Promise<SubscriptionRecord> {
    this.o.logger.warn(
      {
        err: error,
        orgId: record.orgId,
        tenantId: record.tenantId,
        userId: record.userId,
        attempts,
      },
      `graph subscription not created (${failure.code}); the backstop poll covers the mailbox`,
    );
    const written = await this.o.records.update(record.orgId, record.key, (c) =>
      c ? { ...c, state: 'failed', subscriptionId: null, expiresAt: null, failure } : null,
    );
    return written ?? { ...record, state: 'failed', failure };
  }

  async #renew(record: SubscriptionRecord): Promise<SubscriptionRecord> {
    if (!record.subscriptionId) return this.#create(record);
    const now = this.o.now();
    try {
      const renewed = await renewSubscription(
        this.o.graph,
        record.tenantId,
        record.subscriptionId,
        new Date(now + this.#lifetimeMs),
      );
      const written = await this.o.records.update(record.orgId, record.key, (c) =>
        c
          ? {
              ...c,
              expiresAt: new Date(Date.parse(renewed.expirationDateTime)).toISOString(),
              renewedAt: new Date(now).toISOString(),
              reauthorizationRequired: false,
              failure: null,
            }
          : null,
      );
      return written ?? record;
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) {
        return this.#create({ ...record, subscriptionId: null });
      }
      this.o.logger.warn(
        { err: error, orgId: record.orgId, subscriptionId: record.subscriptionId },
        'graph subscription renewal failed; retried at the next maintenance pass',
      );
      return record;
    }
  }

  async #remove(record: SubscriptionRecord): Promise<void> {
    await this.#deleteQuietly(record);
    await this.o.records.update(record.orgId, record.key, () => null);
  }

  async #deleteQuietly(record: SubscriptionRecord): Promise<void> {
    if (!record.subscriptionId) return;
    try {
      await deleteSubscription(this.o.graph, record.tenantId, record.subscriptionId);
    } catch (error) {
      // It expires on its own within days; its notifications no longer verify meanwhile.
      this.o.logger.warn(
        { err: error, orgId: record.orgId, subscriptionId: record.subscriptionId },
        'graph subscription delete failed',
      );
    }
  }
}
