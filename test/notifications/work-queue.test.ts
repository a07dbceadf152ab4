// The webhook's work queue: bounded, a few items at a time, waiting duplicates collapsed, errors
// reported without stopping the queue, and a close that aborts and waits.
import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../server/notifications/work-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WorkQueue', () => {
  it('runs at most `concurrency` items at once', async () => {
    let running = 0;
    let peak = 0;
    const queue = new WorkQueue<number>({
      concurrency: 2,
      keyOf: String,
      onError: () => undefined,
      handle: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
      },
    });
    for (let i = 0; i < 10; i += 1) queue.push(i);
    await queue.idle();
    expect(peak).toBe(2);
  });

  it('collapses waiting items with the same key into the newest', async () => {
    const gate = deferred();
    const seen: string[] = [];
    const queue = new WorkQueue<{ key: string; v: string }>({
      concurrency: 1,
      keyOf: (i) => i.key,
      onError: () => undefined,
      handle: async (item) => {
        seen.push(item.v);
        if (item.v === 'first') await gate.promise;
      },
    });
    queue.push({ key: 'a', v: 'first' });
    queue.push({ key: 'a', v: 'second' });
    queue.push({ key: 'a', v: 'third' });
    gate.resolve();
    await queue.idle();
    // The running item is not merged: a change during its work is handled again, once.
    expect(seen).toEqual(['first', 'third']);
  });

  it('refuses items beyond maxPending and after close', async () => {
    const gate = deferred();
    const queue = new WorkQueue<number>({
      concurrency: 1,
      maxPending: 2,
      keyOf: String,
      onError: () => undefined,
      handle: () => gate.promise,
    });
    expect([1, 2, 3, 4].map((i) => queue.push(i))).toEqual([true, true, true, false]);
    const closing = queue.close();
    gate.resolve();
    await closing;
    expect(queue.push(5)).toBe(false);
  });

  it('reports a failing item and goes on with the next', async () => {
    const errors: unknown[] = [];
    const done: number[] = [];
    const queue = new WorkQueue<number>({
      concurrency: 1,
      keyOf: String,
      onError: (error) => errors.push(error),
      handle: (i) => {
        if (i === 1) return Promise.reject(new Error('boom'));
        done.push(i);
        return Promise.resolve();
      },
    });
    queue.push(1);
    queue.push(2);
    await queue.idle();
    expect(errors).toHaveLength(1);
    expect(done).toEqual([2]);
  });

  it('aborts running work on close and does not report the abort', async () => {
    const errors: unknown[] = [];
    const queue = new WorkQueue<number>({
      keyOf: String,
      onError: (error) => errors.push(error),
      handle: (_i, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(signal.reason)),
        ),
    });
    queue.push(1);
    await queue.close();
    expect(errors).toEqual([]);
  });
});
