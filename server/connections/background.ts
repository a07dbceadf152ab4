// Work that outlives the request that started it (verification while consent replicates, alert
// deliveries): tracked so shutdown can abort it and tests can wait for it.

/** Why waiting background work ended early: the server is shutting down (nothing to report). */
export class ShutdownError extends Error {
  override readonly name = 'ShutdownError';
  constructor() {
    super('shutting down');
  }
}

export class BackgroundTasks {
  readonly #tasks = new Set<Promise<unknown>>();
  readonly #abort = new AbortController();

  /** Starts `work`; its rejection is the caller's to handle on the returned promise. */
  run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const task = work(this.#abort.signal);
    this.#tasks.add(task);
    const forget = () => this.#tasks.delete(task);
    task.then(forget, forget);
    return task;
  }

  /** Resolves once nothing is running (including work started meanwhile). */
  async idle(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  /** Aborts waiting work and waits for everything to settle. */
  async close(): Promise<void> {
    this.#abort.abort(new ShutdownError());
    await this.idle();
  }
}
