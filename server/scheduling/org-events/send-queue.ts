// The service mailbox's outbox (DESIGN J5): every invitation, update and cancellation of an org
// event part waits here (persisted, so a restart resumes it) and goes out in order, one message at a
// time, as soon as Exchange's sending limits allow — the same plan that tells the admin when the
// queue will be done. A crash between a create and its store write is safe: the part's
// transactionId makes Graph return the first event again.
import type { ServiceLogger } from '../../connections/connection-service.js';
import { newId } from '../../domain/ids.js';
import { GraphError } from '../../microsoft/graph/index.js';
import type { Store } from '../../store/index.js';
import {
  EXCHANGE_SENDING_LIMITS,
  nextSlot,
  planSends,
  pruneLedger,
  type LedgerEntry,
  type SendingLimits,
} from './sending-limits.js';

export const OUTBOX_DOC = 'org-event-outbox';
export const LEDGER_DOC = 'org-event-ledger';

export interface SendOp {
  id: string;
  eventId: string;
  partIndex: number;
  kind: 'create' | 'update' | 'cancel';
  /** Recipients the message reaches (the part's). */
  recipients: number;
  /** `tenantId/userId` of the sending mailbox. */
  mailbox: string;
  queuedAt: string;
  attempts: number;
}

/** What performing an op came to. */
export type SendOutcome =
  /** A message went out (counted against the limits). */
  | { kind: 'sent' }
  /** Nothing needed sending (already up to date, or the part was never sent). */
  | { kind: 'skipped' }
  /** Graph refused it for good; the op is dropped. */
  | { kind: 'failed'; code: string; message: string }
  /** Transient: try again after `ms`. */
  | { kind: 'retry'; ms: number };

export interface SendQueueOptions {
  readonly store: Store;
  readonly now: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly logger: ServiceLogger;
  /** Does the op against Graph. */
  readonly perform: (orgId: string, op: SendOp, signal: AbortSignal) => Promise<SendOutcome>;
  /** Told after an op was dropped for good. */
  readonly onFailed?: (orgId: string, op: SendOp, code: string, message: string) => Promise<void>;
  readonly limits?: SendingLimits;
}

type Ledgers = Record<string, LedgerEntry[]>;

/** Ops refused transiently this many times are given up. */
const MAX_ATTEMPTS = 8;

/** How long a transient failure waits: 30 s doubling, at most 15 minutes (or Graph's Retry-After). */
export function retryDelayMs(attempts: number, error: unknown): number {
  const graphWait =
    error instanceof GraphError && error.retryAfterSeconds !== undefined
      ? error.retryAfterSeconds * 1000
      : 0;
  return Math.max(graphWait, Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000));
}

export class SendQueue {
  readonly #workers = new Map<string, Promise<void>>();
  readonly #abort = new AbortController();
  readonly #limits: SendingLimits;

  constructor(private readonly o: SendQueueOptions) {
    this.#limits = o.limits ?? EXCHANGE_SENDING_LIMITS;
  }

  /** Queues ops (in order) and starts their mailbox's worker. */
  async enqueue(orgId: string, ops: Omit<SendOp, 'id' | 'queuedAt' | 'attempts'>[]): Promise<void> {
    if (ops.length === 0) return;
    const queuedAt = new Date(this.o.now()).toISOString();
    await this.o.store.updateOrgDoc<SendOp[]>(orgId, OUTBOX_DOC, (current) => [
      ...(current ?? []),
      ...ops.map((op) => ({ ...op, id: newId(), queuedAt, attempts: 0 })),
    ]);
    for (const mailbox of new Set(ops.map((op) => op.mailbox))) this.#kick(orgId, mailbox);
  }

  /** Drops queued ops the predicate selects (e.g. a cancelled event's pending invitations). */
  async drop(orgId: string, which: (op: SendOp) => boolean): Promise<SendOp[]> {
    let dropped: SendOp[] = [];
    await this.o.store.updateOrgDoc<SendOp[]>(orgId, OUTBOX_DOC, (current) => {
      dropped = (current ?? []).filter(which);
      return (current ?? []).filter((op) => !which(op));
    });
    return dropped;
  }

  async pending(orgId: string): Promise<SendOp[]> {
    return [...((await this.o.store.getOrgDoc<SendOp[]>(orgId, OUTBOX_DOC)) ?? [])];
  }

  /**
   * When each queued op of the mailbox is expected to go out, by op id, under the sending limits
   * and after what the mailbox already sent.
   */
  async plan(orgId: string, mailbox: string): Promise<Map<string, number>> {
    const ops = (await this.pending(orgId)).filter((op) => op.mailbox === mailbox);
    const now = this.o.now();
    const times = planSends(
      await this.#ledger(orgId, mailbox),
      ops.map((op) => op.recipients),
      now,
      this.#limits,
    );
    return new Map(ops.map((op, i) => [op.id, times[i] ?? now]));
  }

  /** Starts the workers of every org's queued ops (after a restart). */
  async resume(): Promise<void> {
    for (const orgId of await this.o.store.listOrgIds()) {
      for (const mailbox of new Set((await this.pending(orgId)).map((op) => op.mailbox))) {
        this.#kick(orgId, mailbox);
      }
    }
  }

  /** Resolves once no worker runs (every queue empty). */
  async idle(): Promise<void> {
    while (this.#workers.size > 0) await Promise.allSettled([...this.#workers.values()]);
  }

  async close(): Promise<void> {
    this.#abort.abort(new Error('shutting down'));
    await Promise.allSettled([...this.#workers.values()]);
  }

  async #ledger(orgId: string, mailbox: string): Promise<LedgerEntry[]> {
    const ledgers = await this.o.store.getOrgDoc<Ledgers>(orgId, LEDGER_DOC);
    return pruneLedger(ledgers?.[mailbox] ?? [], this.o.now());
  }

  #kick(orgId: string, mailbox: string): void {
    if (this.#abort.signal.aborted) return;
    const key = `${orgId}\n${mailbox}`;
    if (this.#workers.has(key)) return;
    const worker = this.#work(orgId, mailbox)
      .catch((error: unknown) => {
        if (!this.#abort.signal.aborted) {
          this.o.logger.error({ err: error, orgId, mailbox }, 'org event send queue stopped');
        }
      })
      .finally(() => {
        this.#workers.delete(key);
        // Ops queued while the worker was finishing get a new one.
        void this.pending(orgId).then(
          (ops) => {
            if (ops.some((op) => op.mailbox === mailbox)) this.#kick(orgId, mailbox);
          },
          () => undefined,
        );
      });
    this.#workers.set(key, worker);
  }

  async #work(orgId: string, mailbox: string): Promise<void> {
    const signal = this.#abort.signal;
    for (;;) {
      if (signal.aborted) return;
      const op = (await this.pending(orgId)).find((o) => o.mailbox === mailbox);
      if (!op) return;
      const now = this.o.now();
      const slot = nextSlot(await this.#ledger(orgId, mailbox), op.recipients, now, this.#limits);
      if (slot > now) {
        await this.o.sleep(slot - now, signal);
        continue;
      }
      let outcome: SendOutcome;
      try {
        outcome = await this.o.perform(orgId, op, signal);
      } catch (error) {
        if (signal.aborted) return;
        this.o.logger.warn({ err: error, orgId, eventId: op.eventId }, 'org event message failed');
        outcome = { kind: 'retry', ms: retryDelayMs(op.attempts + 1, error) };
      }
      if (outcome.kind === 'retry') {
        const attempts = op.attempts + 1;
        if (attempts < MAX_ATTEMPTS) {
          await this.#replace(orgId, op.id, (o) => ({ ...o, attempts }));
          await this.o.sleep(outcome.ms, signal);
          continue;
        }
        await this.#finish(orgId, op, {
          kind: 'failed',
          code: 'RetriesExhausted',
          message: `gave up after ${attempts} transient failures`,
        });
        continue;
      }
      await this.#finish(orgId, op, outcome);
    }
  }

  async #finish(orgId: string, op: SendOp, outcome: SendOutcome): Promise<void> {
    if (outcome.kind === 'sent') {
      const at = this.o.now();
      await this.o.store.updateOrgDoc<Ledgers>(orgId, LEDGER_DOC, (current) => ({
        ...current,
        [op.mailbox]: [
          ...pruneLedger(current?.[op.mailbox] ?? [], at),
          { at, recipients: op.recipients },
        ],
      }));
    }
    await this.drop(orgId, (o) => o.id === op.id);
    if (outcome.kind === 'failed') {
      this.o.logger.warn(
        { orgId, eventId: op.eventId, part: op.partIndex, kind: op.kind, code: outcome.code },
        'org event message not sent',
      );
      await this.o.onFailed?.(orgId, op, outcome.code, outcome.message);
    }
  }

  async #replace(orgId: string, id: string, fn: (op: SendOp) => SendOp): Promise<void> {
    await this.o.store.updateOrgDoc<SendOp[]>(orgId, OUTBOX_DOC, (current) =>
      (current ?? []).map((op) => (op.id === id ? fn(op) : op)),
    );
  }
}
