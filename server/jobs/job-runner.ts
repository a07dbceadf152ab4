// An in-process job runner: runs one job at a time per key (a connection, an org), reports live
// progress, and keeps each job's summary in the store. Asking to start a job whose key is busy
// returns the job already running instead of queueing a second one.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Store } from '../store/index.js';
import type { JobHandle, JobSummary } from './job.js';
import { JobStore } from './job-store.js';

export interface JobRunnerOptions {
  store: Store;
  now: () => Date;
  logger: Logger;
  newId?: () => string;
}

export interface StartJob {
  orgId: string;
  kind: string;
  /** Jobs with the same key never run at once. */
  key: string;
  requestedBy: string;
}

interface Live {
  summary: JobSummary;
  key: string;
  done: Promise<void>;
}

export class JobRunner {
  readonly #live = new Map<string, Live>();
  readonly #byKey = new Map<string, string>();
  readonly #jobs: JobStore;

  constructor(private readonly options: JobRunnerOptions) {
    this.#jobs = new JobStore(options.store);
  }

  /**
   * Starts `run` unless a job holds `spec.key`; resolves once the job's summary is saved, with
   * the job and whether this call started it. `run`'s result becomes the job's result; a throw
   * fails the job with the error's message.
   */
  async start<R>(
    spec: StartJob,
    run: (job: JobHandle) => Promise<R>,
  ): Promise<{ job: JobSummary; started: boolean }> {
    const busy = this.#byKey.get(spec.key);
    const current = busy === undefined ? undefined : this.#live.get(busy);
    if (current) return { job: { ...current.summary }, started: false };

    const summary: JobSummary = {
      id: (this.options.newId ?? randomUUID)(),
      orgId: spec.orgId,
      kind: spec.kind,
      state: 'running',
      requestedBy: spec.requestedBy,
      createdAt: this.options.now().toISOString(),
      finishedAt: null,
      progress: { phase: 'queued', done: 0, total: 0 },
      result: null,
      error: null,
    };
    const saved = (async () => {
      await this.#jobs.prune(spec.orgId);
      await this.#jobs.save(summary);
      // On disk before anyone hears of the job: a process killed while it runs must leave a
      // summary that reads back as `interrupted`, not a job id that was never written.
      await this.options.store.flush();
    })();
    // Until `run` starts, waiting for the job means waiting for its save (an already settled
    // promise here would let `idle()` spin in microtasks while the flush needs the event loop).
    const live: Live = {
      summary,
      key: spec.key,
      done: saved.then(
        () => undefined,
        () => undefined,
      ),
    };
    this.#live.set(summary.id, live);
    this.#byKey.set(spec.key, summary.id);
    try {
      await saved;
    } catch (error) {
      this.#forget(live);
      throw error;
    }
    const handle: JobHandle = {
      id: summary.id,
      orgId: summary.orgId,
      progress: (phase, done, total) => {
        summary.progress = { phase, done, total };
      },
    };
    live.done = this.#run(live, handle, run);
    return { job: { ...summary }, started: true };
  }

  async #run<R>(live: Live, handle: JobHandle, run: (job: JobHandle) => Promise<R>): Promise<void> {
    const { summary } = live;
    try {
      summary.result = (await run(handle)) ?? null;
      summary.state = 'succeeded';
    } catch (error) {
      summary.state = 'failed';
      summary.error = error instanceof Error ? error.message : String(error);
      this.options.logger.error({ err: error, jobId: summary.id }, 'job failed');
    }
    summary.finishedAt = this.options.now().toISOString();
    try {
      await this.#jobs.save(summary);
    } catch (error) {
      this.options.logger.error({ err: error, jobId: summary.id }, 'could not save job summary');
    }
    this.#forget(live);
  }

  #forget(live: Live): void {
    this.#live.delete(live.summary.id);
    if (this.#byKey.get(live.key) === live.summary.id) this.#byKey.delete(live.key);
  }

  /** The job running under `key`, if any. */
  runningFor(key: string): JobSummary | undefined {
    const id = this.#byKey.get(key);
    const live = id === undefined ? undefined : this.#live.get(id);
    return live ? { ...live.summary } : undefined;
  }

  /** Live state for jobs of this process; the stored summary otherwise (unfinished → interrupted). */
  async get(orgId: string, id: string): Promise<JobSummary | undefined> {
    const live = this.#live.get(id);
    if (live) return live.summary.orgId === orgId ? { ...live.summary } : undefined;
    const stored = await this.#jobs.read(orgId, id);
    if (stored?.state === 'running') return { ...stored, state: 'interrupted' };
    return stored;
  }

  /** Resolves when the job has finished (immediately for unknown ids). */
  async wait(id: string): Promise<void> {
    await this.#live.get(id)?.done;
  }

  /** Resolves when every job started so far has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.#live.size > 0) await Promise.all([...this.#live.values()].map((l) => l.done));
  }
}
