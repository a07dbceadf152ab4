// The change-notification feature for one running app (one per `Services`): the subscription
// manager, the webhook's verification and work queue, the registered consumers (meetings, org
// events), and two periodic passes — maintenance (renew, retry, drop unneeded subscriptions) and the
// backstop (re-read every watched mailbox, repairing anything a lost notification left stale).
//
// For features that track events (the meetings engineer's store included):
//   const notifications = notificationsRuntime(deps);
//   notifications.consumers.add({ name, eventChanged, resync });
//   await notifications.ensureSubscription({ orgId, tenantId, userId, holder: `meeting:${id}`, until });
//   await notifications.releaseSubscription({ orgId, tenantId, userId, holder: `meeting:${id}` });
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { createScheduler, type Scheduler, type Timers } from '../jobs/scheduler.js';
import type { Services } from '../services.js';
import { ClientStates } from './client-state.js';
import {
  ChangeConsumers,
  type ChangeConsumer,
  type ChangeType,
  type MailboxRef,
  type ResyncReason,
} from './consumers.js';
import {
  checkChanges,
  checkLifecycle,
  type CheckResult,
  type LifecycleEvent,
} from './notification-check.js';
import {
  SubscriptionManager,
  type EnsureInput,
  type MaintenanceReport,
} from './subscription-manager.js';
import { SubscriptionRecords, type SubscriptionRecord } from './subscription-records.js';
import { WorkQueue } from './work-queue.js';

export interface NotificationsDeps {
  readonly config: Pick<Config, 'publicUrl'>;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly services?: Services | undefined;
}

export interface NotificationsOptions {
  readonly timers?: Timers;
  /** Between maintenance passes. Default 30 minutes (renewal starts a day before expiry). */
  readonly maintenanceIntervalMs?: number;
  /** Between backstop polls of every watched mailbox. Default 15 minutes. */
  readonly backstopIntervalMs?: number;
}

type Work =
  | { kind: 'change'; mailbox: MailboxRef; eventId: string; changeType: ChangeType }
  | { kind: 'lifecycle'; record: SubscriptionRecord; event: LifecycleEvent }
  | { kind: 'resync'; mailbox: MailboxRef; reason: ResyncReason };

function mailboxOf(record: SubscriptionRecord): MailboxRef {
  return { orgId: record.orgId, tenantId: record.tenantId, userId: record.userId };
}

function keyOf(work: Work): string {
  const m = work.kind === 'lifecycle' ? mailboxOf(work.record) : work.mailbox;
  const base = `${m.orgId}\n${m.tenantId}/${m.userId}`;
  if (work.kind === 'change') return `change\n${base}\n${work.eventId}`;
  if (work.kind === 'lifecycle') return `lifecycle\n${base}\n${work.event}`;
  return `resync\n${base}`;
}

export interface ReceiveResult {
  accepted: number;
  ignored: number;
}

export class NotificationsRuntime {
  readonly consumers = new ChangeConsumers();
  readonly records: SubscriptionRecords;
  readonly clientStates: ClientStates;
  readonly manager: SubscriptionManager;
  readonly #queue: WorkQueue<Work>;
  readonly #schedulers: Scheduler[];
  /** When each record's lastNotificationAt was last written (kept to one write a minute). */
  readonly #noted = new Map<string, number>();

  constructor(
    readonly services: Services,
    readonly deps: NotificationsDeps,
    options: NotificationsOptions = {},
  ) {
    const now = () => deps.clock.now();
    this.records = new SubscriptionRecords(services.store);
    this.clientStates = new ClientStates(services.store);
    this.manager = new SubscriptionManager({
      graph: services.graph,
      records: this.records,
      clientStates: this.clientStates,
      publicUrl: deps.config.publicUrl,
      now,
      logger: deps.logger,
    });
    this.#queue = new WorkQueue<Work>({
      keyOf,
      handle: (work) => this.#handle(work),
      onError: (error, work) =>
        deps.logger.error({ err: error, work: work.kind }, 'change notification work failed'),
    });
    const timers = options.timers ? { timers: options.timers } : {};
    this.#schedulers = [
      createScheduler({
        intervalMs: options.maintenanceIntervalMs ?? 30 * 60_000,
        initialDelayMs: 60_000,
        tick: async () => {
          await this.maintain();
        },
        onError: (error) => deps.logger.error({ err: error }, 'subscription maintenance failed'),
        ...timers,
      }),
      createScheduler({
        intervalMs: options.backstopIntervalMs ?? 15 * 60_000,
        tick: async () => {
          await this.backstop();
        },
        onError: (error) => deps.logger.error({ err: error }, 'notification backstop failed'),
        ...timers,
      }),
    ];
  }

  /** Watches the mailbox for `holder` (creating its subscription when needed; never throws for Graph). */
  ensureSubscription(input: EnsureInput): Promise<SubscriptionRecord> {
    return this.manager.ensure(input);
  }

  /** `holder` no longer needs the mailbox watched; the last holder leaving deletes the subscription. */
  releaseSubscription(input: MailboxRef & { readonly holder: string }): Promise<void> {
    return this.manager.release(input);
  }

  /** `POST /webhooks/graph`: queues the verified changes, drops (and logs) the rest. */
  async receiveChanges(items: readonly unknown[], requestId?: string): Promise<ReceiveResult> {
    const checked = await checkChanges(this.#checkDeps(), items);
    for (const { record, eventId, changeType } of checked.accepted) {
      this.#enqueue({ kind: 'change', mailbox: mailboxOf(record), eventId, changeType });
      this.#noteNotification(record);
    }
    return this.#report(checked, 'change', requestId);
  }

  /** `POST /webhooks/graph/lifecycle`: queues the verified lifecycle events. */
  async receiveLifecycle(items: readonly unknown[], requestId?: string): Promise<ReceiveResult> {
    const checked = await checkLifecycle(this.#checkDeps(), items);
    for (const { record, event } of checked.accepted) {
      this.deps.logger.info(
        { orgId: record.orgId, subscriptionId: record.subscriptionId, event, requestId },
        'graph lifecycle notification',
      );
      this.#enqueue({ kind: 'lifecycle', record, event });
    }
    return this.#report(checked, 'lifecycle', requestId);
  }

  /** One maintenance pass (renew, retry, remove). */
  maintain(): Promise<MaintenanceReport> {
    return this.manager.maintain();
  }

  /** Queues a resync of every watched mailbox; returns how many. */
  async backstop(): Promise<number> {
    let count = 0;
    for (const orgId of await this.records.orgIds()) {
      for (const record of await this.records.list(orgId)) {
        this.#enqueue({ kind: 'resync', mailbox: mailboxOf(record), reason: 'backstop' });
        count += 1;
      }
    }
    return count;
  }

  /** Starts the periodic maintenance and backstop passes (the running server; tests call them). */
  start(): void {
    for (const scheduler of this.#schedulers) scheduler.start();
  }

  /** Resolves once every queued notification has been handled. */
  idle(): Promise<void> {
    return this.#queue.idle();
  }

  async close(): Promise<void> {
    await Promise.all(this.#schedulers.map((s) => s.stop()));
    await this.#queue.close();
  }

  #checkDeps() {
    return { store: this.services.store, records: this.records, clientStates: this.clientStates };
  }

  #enqueue(work: Work): void {
    if (!this.#queue.push(work)) {
      this.deps.logger.warn(
        { work: work.kind },
        'notification queue full; the backstop repairs it',
      );
    }
  }

  #report<T>(checked: CheckResult<T>, kind: string, requestId?: string): ReceiveResult {
    for (const rejected of checked.rejected) {
      this.deps.logger.warn(
        { ...rejected, kind, requestId },
        `ignored a ${kind} notification (${rejected.reason}): not verified as from Graph`,
      );
    }
    return { accepted: checked.accepted.length, ignored: checked.rejected.length };
  }

  #noteNotification(record: SubscriptionRecord): void {
    const now = this.deps.clock.now();
    const id = `${record.orgId}\n${record.key}`;
    if (now - (this.#noted.get(id) ?? 0) < 60_000) return;
    this.#noted.set(id, now);
    const at = new Date(now).toISOString();
    void this.records
      .update(record.orgId, record.key, (c) => (c ? { ...c, lastNotificationAt: at } : null))
      .catch(() => undefined);
  }

  async #handle(work: Work): Promise<void> {
    if (work.kind === 'change') {
      const change = { ...work.mailbox, eventId: work.eventId, changeType: work.changeType };
      await this.#each((c) => c.eventChanged(change), work.kind);
      return;
    }
    if (work.kind === 'resync') {
      await this.#resync(work.mailbox, work.reason);
      return;
    }
    const { record, event } = work;
    if (event === 'reauthorizationRequired') {
      await this.manager.reauthorize(record.orgId, record.key);
    } else if (event === 'subscriptionRemoved') {
      await this.manager.recreate(record.orgId, record.key);
      await this.#resync(mailboxOf(record), 'subscriptionRemoved');
    } else {
      await this.#resync(mailboxOf(record), 'missed');
    }
  }

  async #resync(mailbox: MailboxRef, reason: ResyncReason): Promise<void> {
    await this.#each((c) => c.resync(mailbox, reason), `resync:${reason}`);
    const at = new Date(this.deps.clock.now()).toISOString();
    const key = `${mailbox.tenantId}/${mailbox.userId}`.toLowerCase();
    await this.records.update(mailbox.orgId, key, (c) => (c ? { ...c, lastResyncAt: at } : null));
  }

  /** Runs `fn` for every consumer; one consumer failing does not keep the others from the change. */
  async #each(fn: (consumer: ChangeConsumer) => Promise<void>, what: string): Promise<void> {
    for (const consumer of this.consumers.list()) {
      try {
        await fn(consumer);
      } catch (error) {
        this.deps.logger.error(
          { err: error, consumer: consumer.name, what },
          'change consumer failed',
        );
      }
    }
  }
}

const runtimes = new WeakMap<Services, NotificationsRuntime>();

/**
 * The notifications runtime of these app dependencies (created on first use). Creating it hooks
 * the tenant connections: a deleted connection's subscriptions are deleted with it.
 */
export function notificationsRuntime(
  deps: NotificationsDeps,
  options?: NotificationsOptions,
): NotificationsRuntime {
  const services = deps.services;
  if (!services) throw new TypeError('the notifications feature needs AppDeps.services');
  let runtime = runtimes.get(services);
  if (!runtime) {
    const created = new NotificationsRuntime(services, deps, options);
    services.connections.service.hooks.removed.push(async (connection) => {
      const removed = await created.manager.removeTenant(connection.orgId, connection.tenantId);
      if (removed > 0) {
        deps.logger.info(
          { orgId: connection.orgId, connectionId: connection.id, removed },
          'graph subscriptions of a removed connection deleted',
        );
      }
    });
    runtimes.set(services, created);
    runtime = created;
  }
  return runtime;
}

/** The runtime already created for these services (by the webhook routes); a TypeError otherwise. */
export function notificationsOf(services: Services): NotificationsRuntime {
  const runtime = runtimes.get(services);
  if (!runtime) throw new TypeError('the notifications runtime was not created for these services');
  return runtime;
}

/** Closes the runtime of these services, if one was ever created. */
export async function closeNotifications(services: Services): Promise<void> {
  await runtimes.get(services)?.close();
}
