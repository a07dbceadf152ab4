// A periodic runner with injectable timers: calls `tick` every `intervalMs`, never two ticks at
// once (the next one is scheduled when the previous has finished), and stops cleanly.

/** The timer functions the scheduler uses; the global ones by default, fakes in tests. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending sync must not keep a stopping process alive.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerOptions {
  intervalMs: number;
  /** Delay before the first tick; default `intervalMs`. */
  initialDelayMs?: number;
  tick: () => Promise<void>;
  onError: (error: unknown) => void;
  timers?: Timers;
}

export interface Scheduler {
  start(): void;
  /** Cancels the next tick and waits for a running one to end. */
  stop(): Promise<void>;
  readonly running: boolean;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const timers = options.timers ?? systemTimers;
  let handle: unknown;
  let started = false;
  let inFlight: Promise<void> | undefined;

  const schedule = (ms: number) => {
    handle = timers.setTimeout(() => {
      handle = undefined;
      inFlight = options
        .tick()
        .catch(options.onError)
        .finally(() => {
          inFlight = undefined;
          if (started) schedule(options.intervalMs);
        });
    }, ms);
  };

  return {
    start() {
      if (started) return;
      started = true;
      schedule(options.initialDelayMs ?? options.intervalMs);
    },
    async stop() {
      started = false;
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
      await inFlight;
    },
    get running() {
      return started;
    },
  };
}
