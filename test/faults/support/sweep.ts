// What the fault tests need around a sync + health sweep, through Quorum's HTTP API only (so the
// same helpers drive an in-process server and a child process): start a sync and follow its job,
// read every member's status, and compare two readings.
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobSummary } from '../../../server/jobs/job.js';
import type { ListedMember } from '../../directory/support.js';

export type Who = { tenant: string; upn: string };

/** Quorum's API as some caller: status and parsed JSON body. */
export type Api = <T = unknown>(
  as: Who,
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: T }>;

export interface SyncResult {
  connections: {
    failure?: { reason: string; detail: string };
    directoryError?: string;
    sweep?: { total: number; probed: number; changed: number };
  }[];
  statusChanges: number;
}

export type SyncJob = JobSummary<SyncResult>;

export interface FollowOptions {
  /** Called on every poll while the job runs (inject a fault once the sweep is under way). */
  whileRunning?: (job: SyncJob) => Promise<void> | void;
  /** Give up (throw) after this long. Default 60 s. */
  deadlineMs?: number;
  pollMs?: number;
}

/** Starts a sync (`POST /api/org/sync`) and returns its job id. */
export async function startSync(api: Api, owner: Who, body: object = {}): Promise<string> {
  const started = await api<{ jobId: string }>(owner, 'POST', '/api/org/sync', body);
  if (started.status !== 202) {
    throw new Error(`sync refused: ${started.status} ${JSON.stringify(started.body)}`);
  }
  return started.body.jobId;
}

/** Polls `GET /api/org/jobs/:id` until the job is no longer running. */
export async function followJob(
  api: Api,
  owner: Who,
  jobId: string,
  options: FollowOptions = {},
): Promise<SyncJob> {
  const deadline = Date.now() + (options.deadlineMs ?? 60_000);
  for (;;) {
    const { status, body } = await api<SyncJob>(owner, 'GET', `/api/org/jobs/${jobId}`);
    if (status !== 200) throw new Error(`job ${jobId}: ${status} ${JSON.stringify(body)}`);
    if (body.state !== 'running') return body;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} still running: ${JSON.stringify(body)}`);
    await options.whileRunning?.(body);
    await sleep(options.pollMs ?? 25);
  }
}

/** A sync run to its end. */
export async function syncToEnd(api: Api, owner: Who, options: FollowOptions = {}) {
  return followJob(api, owner, await startSync(api, owner), options);
}

/** Every member of the owner's org by email (pages of 500). */
export async function readMembers(api: Api, owner: Who): Promise<Map<string, ListedMember>> {
  const out = new Map<string, ListedMember>();
  for (let offset = 0; ; offset += 500) {
    const { status, body } = await api<{ total: number; items: ListedMember[] }>(
      owner,
      'GET',
      `/api/org/members?offset=${offset}&limit=500`,
    );
    if (status !== 200) throw new Error(`members: ${status} ${JSON.stringify(body)}`);
    for (const m of body.items) out.set(m.email.toLowerCase(), m);
    if (out.size >= body.total || body.items.length === 0) return out;
  }
}

export interface Comparison {
  /** Connected before, not connected after. */
  flipped: string[];
  /** Any other change of reason. */
  changed: string[];
  /** Not checked since `since` (a sweep that did not reach them). */
  stale: string[];
  /** In one reading only. */
  missing: string[];
}

/** How `after` differs from `before`; `since` is when the faulted run began. */
export function compareMembers(
  before: ReadonlyMap<string, ListedMember>,
  after: ReadonlyMap<string, ListedMember>,
  since: number,
): Comparison {
  const result: Comparison = { flipped: [], changed: [], stale: [], missing: [] };
  for (const [email, b] of before) {
    const a = after.get(email);
    if (!a) {
      result.missing.push(email);
      continue;
    }
    if (b.status === 'connected' && a.status !== 'connected') result.flipped.push(email);
    else if (a.reason !== b.reason) result.changed.push(email);
    if (a.checkedAt === null || Date.parse(a.checkedAt) < since) result.stale.push(email);
  }
  for (const email of after.keys()) if (!before.has(email)) result.missing.push(email);
  return result;
}

/** Members by status, e.g. `{ connected: 31, not_connected: 9 }` (for notes and messages). */
export function countBy(
  members: ReadonlyMap<string, ListedMember>,
  key: 'status' | 'reason',
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of members.values()) counts[m[key]] = (counts[m[key]] ?? 0) + 1;
  return counts;
}
