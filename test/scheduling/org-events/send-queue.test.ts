// The service mailbox's send queue on a virtual clock: messages in order, each waiting for its slot
// under the sending limits, transient refusals retried, final ones dropped and reported, nothing
// counted that was not sent, and a new process resuming what the last one left queued.
import { afterEach, describe, expect, it } from 'vitest';
import {
  LEDGER_DOC,
  SendQueue,
  type SendOp,
  type SendOutcome,
} from '../../../server/scheduling/org-events/send-queue.js';
import type { LedgerEntry } from '../../../server/scheduling/org-events/sending-limits.js';
import { tempStore, type TempStore } from '../../connections/temp-store.js';

const T = Date.parse('2031-05-06T12:00:00Z');
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

let temp: TempStore | undefined;
afterEach(async () => {
  await temp?.close();
  temp = undefined;
});

function op(eventId: string, recipients = 1) {
  return { eventId, partIndex: 0, kind: 'create' as const, recipients, mailbox: 't/u' };
}

async function queue(
  perform: (op: SendOp) => SendOutcome,
  clock = { now: T },
): Promise<{
  q: SendQueue;
  done: string[];
  waits: number[];
  failed: string[];
  clock: { now: number };
}> {
  temp ??= await tempStore(() => clock.now);
  const done: string[] = [];
  const waits: number[] = [];
  const failed: string[] = [];
  const q = new SendQueue({
    store: temp.store,
    now: () => clock.now,
    sleep: (ms) => {
      waits.push(ms);
      clock.now += ms;
      return Promise.resolve();
    },
    logger: silent,
    limits: { messagesPerMinute: 2, recipientsPerDay: 10 },
    perform: (_orgId, o) => {
      const outcome = perform(o);
      if (outcome.kind === 'sent') done.push(`${o.eventId}@${clock.now - T}`);
      return Promise.resolve(outcome);
    },
    onFailed: (_orgId, o, code) => {
      failed.push(`${o.eventId}:${code}`);
      return Promise.resolve();
    },
  });
  return { q, done, waits, failed, clock };
}

describe('SendQueue', () => {
  it('sends in order, waiting for a slot when the minute is full', async () => {
    const { q, done } = await queue(() => ({ kind: 'sent' }));
    await q.enqueue('org', [op('a'), op('b'), op('c')]);
    await q.idle();
    expect(done).toEqual(['a@0', 'b@0', 'c@60000']);
  });

  it('plans the expected time of every queued message', async () => {
    const { q } = await queue(() => ({ kind: 'sent' }));
    await temp!.store.putOrgDoc<Record<string, LedgerEntry[]>>('org', LEDGER_DOC, {
      't/u': [{ at: T - 1_000, recipients: 8 }],
    });
    await temp!.store.putOrgDoc('org', 'org-event-outbox', [
      { ...op('a', 2), id: '1', queuedAt: '', attempts: 0 },
      { ...op('b', 2), id: '2', queuedAt: '', attempts: 0 },
    ]);
    const plan = await q.plan('org', 't/u');
    // 8 of 10 recipients used today: the first fits now, the second once those 8 leave the window.
    expect(plan.get('1')).toBe(T);
    expect(plan.get('2')).toBe(T - 1_000 + 86_400_000);
  });

  it('retries a transient refusal after the wait it asks for, then sends', async () => {
    let refusals = 2;
    const { q, done, waits } = await queue(() =>
      refusals-- > 0 ? { kind: 'retry', ms: 30_000 } : { kind: 'sent' },
    );
    await q.enqueue('org', [op('a')]);
    await q.idle();
    expect(waits).toEqual([30_000, 30_000]);
    expect(done).toEqual(['a@60000']);
  });

  it('drops a final refusal, reports it, and counts nothing against the limits', async () => {
    const { q, failed } = await queue((o) =>
      o.eventId === 'bad'
        ? { kind: 'failed', code: 'ErrorAccessDenied', message: 'no' }
        : { kind: 'sent' },
    );
    await q.enqueue('org', [op('bad', 5), op('good', 5)]);
    await q.idle();
    expect(failed).toEqual(['bad:ErrorAccessDenied']);
    const ledger = await temp!.store.getOrgDoc<Record<string, LedgerEntry[]>>('org', LEDGER_DOC);
    expect(ledger!['t/u']!.map((e) => e.recipients)).toEqual([5]);
    expect(await q.pending('org')).toEqual([]);
  });

  it('resumes the ops a stopped process left queued', async () => {
    const clock = { now: T };
    const first = await queue(() => ({ kind: 'sent' }), clock);
    await temp!.store.putOrgDoc('org', 'org-event-outbox', [
      { ...op('left-behind'), id: '1', queuedAt: '', attempts: 0 },
    ]);
    await first.q.close();
    const second = await queue(() => ({ kind: 'sent' }), clock);
    await second.q.resume();
    await second.q.idle();
    expect(second.done).toEqual(['left-behind@0']);
  });
});
