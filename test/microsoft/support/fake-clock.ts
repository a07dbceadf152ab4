// A clock whose sleeps return at once and are recorded, so Retry-After is asserted, not waited for.

import type { Clock } from '../../../server/microsoft/graph/index.js';

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  #now: number;

  constructor(start = Date.parse('2025-03-03T09:00:00Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.#now += ms;
    await Promise.resolve();
  }
}
