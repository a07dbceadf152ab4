import { describe, expect, it } from 'vitest';
import { createScheduler, type Timers } from '../../server/jobs/scheduler.js';

/** Timers fired by hand: `fire()` runs the pending callback. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    delays: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const [id, entry] = [...pending][0] ?? [];
      if (id === undefined || !entry) throw new Error('nothing scheduled');
      pending.delete(id);
      entry.fn();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the scheduler', () => {
  it('waits the initial delay, then the interval after each tick has finished', async () => {
    const clock = manualTimers();
    let ticks = 0;
    let release!: () => void;
    const scheduler = createScheduler({
      intervalMs: 900_000,
      initialDelayMs: 30_000,
      timers: clock.timers,
      tick: () => {
        ticks += 1;
        return new Promise<void>((resolve) => (release = resolve));
      },
      onError: () => undefined,
    });
    scheduler.start();
    expect(clock.delays()).toEqual([30_000]);
    clock.fire();
    expect(ticks).toBe(1);
    // No second tick is scheduled while the first runs.
    expect(clock.delays()).toEqual([]);
    release();
    await settle();
    expect(clock.delays()).toEqual([900_000]);
    await scheduler.stop();
  });

  it('reports a failing tick and keeps going', async () => {
    const clock = manualTimers();
    const errors: unknown[] = [];
    const scheduler = createScheduler({
      intervalMs: 1000,
      timers: clock.timers,
      tick: () => Promise.reject(new Error('boom')),
      onError: (e) => errors.push(e),
    });
    scheduler.start();
    clock.fire();
    await settle();
    expect(errors).toHaveLength(1);
    expect(clock.delays()).toEqual([1000]);
    await scheduler.stop();
  });

  it('stops: cancels the next tick and waits for a running one', async () => {
    const clock = manualTimers();
    let finished = false;
    const scheduler = createScheduler({
      intervalMs: 1000,
      timers: clock.timers,
      tick: async () => {
        await settle();
        finished = true;
      },
      onError: () => undefined,
    });
    scheduler.start();
    clock.fire();
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(clock.delays()).toEqual([]);
    expect(scheduler.running).toBe(false);
  });
});
