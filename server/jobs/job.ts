// What a background job looks like from outside: its state, progress and result, as
// `GET /api/org/jobs/:id` shows it and as the store keeps its summary.

export type JobState = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface JobProgress {
  /** What the job is doing now, e.g. `directory`, `matching`, `sweep`. */
  phase: string;
  done: number;
  /** 0 while unknown. */
  total: number;
}

export interface JobSummary<R = unknown> {
  id: string;
  orgId: string;
  kind: string;
  state: JobState;
  /** Member id of the admin who asked, or `system` for the scheduler. */
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
  progress: JobProgress;
  result: R | null;
  /** For `failed`: what went wrong, safe to show (no secrets, no tokens). */
  error: string | null;
}

/** What a running job may do: report progress. */
export interface JobHandle {
  readonly id: string;
  readonly orgId: string;
  progress(phase: string, done: number, total: number): void;
}
