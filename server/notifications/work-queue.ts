// A bounded in-process queue: the webhook answers Graph at once and the work (Graph reads, store
// writes) happens here, a few items at a time. Items waiting under the same key collapse into one
// (ten notifications for one event need one read). Lost on a crash — the backstop repairs that.

export interface WorkQueueOptions<T> {
  readonly handle: (item: T, signal: AbortSignal) => Promise<void>;
  /** Items with the same key that are still waiting are done once. */
  readonly keyOf: (item: T) => string;
  readonly onError: (error: unknown, item: T) => void;
  /** Items handled at once. Default 4. */
  readonly concurrency?: number;
  /** Waiting items beyond this are refused (`push` answers false). Default 10,000. */
  readonly maxPending?: number;
}

export class WorkQueue<T> {
  readonly #waiting = new Map<string, T>();
  readonly #running = new Set<Promise<void>>();
  readonly #abort = new AbortController();
  readonly #concurrency: number;
  readonly #maxPending: number;
  #closed = false;

  constructor(private readonly o: WorkQueueOptions<T>) {
    this.#concurrency = o.concurrency ?? 4;
    this.#maxPending = o.maxPending ?? 10_000;
  }

  /** Queues `item`; false when the queue is closed or full. */
  push(item: T): boolean {
    if (this.#closed) return false;
    const key = this.o.keyOf(item);
    if (!this.#waiting.has(key) && this.#waiting.size >= this.#maxPending) return false;
    // A newer item replaces a waiting one with the same key (it carries the latest change type).
    this.#waiting.delete(key);
    this.#waiting.set(key, item);
    this.#pump();
    return true;
  }

  get size(): number {
    return this.#waiting.size + this.#running.size;
  }

  /** Resolves once nothing is waiting or running. */
  async idle(): Promise<void> {
    while (this.#waiting.size > 0 || this.#running.size > 0) {
      await Promise.allSettled([...this.#running]);
      if (this.#running.size === 0 && this.#waiting.size > 0) this.#pump();
    }
  }

  /** Refuses new items, drops waiting ones, aborts and awaits running ones. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting.clear();
    this.#abort.abort(new Error('shutting down'));
    await Promise.allSettled([...this.#running]);
  }

  #pump(): void {
    while (!this.#closed && this.#running.size < this.#concurrency && this.#waiting.size > 0) {
      const [key, item] = this.#waiting.entries().next().value as [string, T];
      this.#waiting.delete(key);
      const run = this.o
        .handle(item, this.#abort.signal)
        .catch((error: unknown) => {
          if (!this.#abort.signal.aborted) this.o.onError(error, item);
        })
        .finally(() => {
          this.#running.delete(run);
          this.#pump();
        });
      this.#running.add(run);
    }
  }
}
