// Coalesces writes: dirty files are written once per window, one JSON serialization per event-loop turn.

/** Something with pending state to persist; `flush()` returns once everything marked so far is on disk. */
export interface Flushable {
  flush(): Promise<void>;
}

export interface WriteSchedulerOptions {
  /** How long changes gather before a write starts. */
  coalesceMs: number;
  /** Files written in parallel (their I/O overlaps; their serialization never does). */
  concurrency: number;
  /** Delay before retrying after a failed background write. */
  retryMs: number;
  /** Told about background write failures; `flush()` rethrows them. */
  onError?: ((error: unknown) => void) | undefined;
}

export class WriteScheduler {
  readonly #options: WriteSchedulerOptions;
  /** Dirty targets and when each is due (its first change since its last write + its window). */
  readonly #dirty = new Map<Flushable, number>();
  #timer: NodeJS.Timeout | undefined;
  #timerAt = 0;
  #background: Promise<void> | undefined;
  readonly #serialQueue: Array<() => void> = [];
  #draining = false;
  #writes = 0;

  constructor(options: WriteSchedulerOptions) {
    this.#options = options;
  }

  /** Files written since the scheduler was created (for stats and tests of coalescing). */
  get writes(): number {
    return this.#writes;
  }

  get pending(): number {
    return this.#dirty.size;
  }

  noteWrite(): void {
    this.#writes += 1;
  }

  /**
   * Marks `target` dirty; it is written within `windowMs` (default: the coalescing window) of this
   * change — or sooner, if an earlier change asked for less — or by the next `flushAll()`.
   */
  schedule(target: Flushable, windowMs = this.#options.coalesceMs): void {
    const due = Date.now() + windowMs;
    const current = this.#dirty.get(target);
    if (current === undefined || due < current) this.#dirty.set(target, due);
    this.#kick(this.#untilDue());
  }

  /** Forgets a target that no longer exists (its org was deleted). */
  cancel(target: Flushable): void {
    this.#dirty.delete(target);
  }

  /**
   * Runs `serialize` alone in its own event-loop turn, so that writing many files never stacks their
   * synchronous `JSON.stringify` calls into one long block.
   */
  serialize<R>(serialize: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#serialQueue.push(() => {
        try {
          resolve(serialize());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      if (!this.#draining) {
        this.#draining = true;
        setImmediate(this.#drainOne);
      }
    });
  }

  /** Writes everything dirty now and waits for it; rejects with the first write error. */
  async flushAll(): Promise<void> {
    this.#clearTimer();
    if (this.#background) await this.#background;
    this.#clearTimer();
    for (;;) {
      const errors = await this.#pass(true);
      if (errors.length > 0) {
        this.#kick(this.#options.retryMs);
        throw errors[0];
      }
      if (this.#dirty.size === 0) return;
    }
  }

  /** Stops background writes; pending targets stay pending until `flushAll()`. */
  stop(): void {
    this.#clearTimer();
  }

  readonly #drainOne = (): void => {
    this.#serialQueue.shift()?.();
    if (this.#serialQueue.length > 0) setImmediate(this.#drainOne);
    else this.#draining = false;
  };

  #kick(delayMs: number): void {
    if (this.#background) return;
    const at = Date.now() + delayMs;
    // A timer already set for later (a slow member shard) must not hold back a sooner write.
    if (this.#timer) {
      if (this.#timerAt <= at) return;
      this.#clearTimer();
    }
    this.#timerAt = at;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#background = this.#pass(false).then((errors) => {
        this.#background = undefined;
        if (errors.length > 0) {
          this.#options.onError?.(errors[0]);
          this.#kick(this.#options.retryMs);
        } else if (this.#dirty.size > 0) {
          this.#kick(Math.max(this.#options.coalesceMs, this.#untilDue()));
        }
      });
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Milliseconds until the first dirty target is due (0 if one is overdue). */
  #untilDue(): number {
    let first = Infinity;
    for (const due of this.#dirty.values()) first = Math.min(first, due);
    return first === Infinity ? this.#options.coalesceMs : Math.max(0, first - Date.now());
  }

  /**
   * One pass over the targets dirty right now (`all`) or due now; failures are put back and
   * returned, never thrown.
   */
  async #pass(all: boolean): Promise<unknown[]> {
    const now = Date.now();
    const batch: Flushable[] = [];
    for (const [target, due] of this.#dirty) {
      if (all || due <= now) batch.push(target);
    }
    for (const target of batch) this.#dirty.delete(target);
    const errors: unknown[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batch.length) {
        const target = batch[next++]!;
        try {
          await target.flush();
        } catch (error) {
          errors.push(error);
          if (!this.#dirty.has(target)) this.#dirty.set(target, Date.now());
        }
      }
    };
    const workers = Math.max(1, Math.min(this.#options.concurrency, batch.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return errors;
  }
}
