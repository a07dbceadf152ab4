// A clock tests move by hand.
import type { Clock } from '../../server/clock.js';

export interface FakeClock extends Clock {
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createFakeClock(start = Date.parse('2025-01-06T09:00:00Z')): FakeClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    set: (epochMs) => {
      now = epochMs;
    },
  };
}
