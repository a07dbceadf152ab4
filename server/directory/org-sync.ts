// One sync of an org (the job behind `POST /api/org/sync` and the scheduler): each enabled tenant
// connection's directory (delta, or full), member reconciliation across all of them, then the
// health sweep of every connection's members. Status changes are counted, and the run is audited
// once — never one audit entry per member (DESIGN §3).
import { GraphError, type GraphClient } from '../microsoft/graph/index.js';
import { listTransitiveUsers } from '../microsoft/groups.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { OrgRepository } from '../domain/org-repository.js';
import type { Organization, TenantConnection } from '../domain/types.js';
import type { JobHandle } from '../jobs/job.js';
import type { Store } from '../store/index.js';
import { connectionFailureOf, type ConnectionFailure } from './connection-reason.js';
import type { DirectoryUser } from './directory-user.js';
import { readExclusions } from './exclusions.js';
import { reconcileMembers, type MemberChange } from './reconcile.js';
import type { DirectorySnapshots } from './snapshots.js';
import { sweepConnection, type SweepResult } from './sweep.js';
import { syncDirectory, type DirectorySyncResult } from './sync-directory.js';
import { inChunks } from './yield.js';

/** Members per bulk write: under the store's own chunk, so one write is one event-loop turn. */
const WRITE_CHUNK = 250;

export interface OrgSyncDeps {
  graph: GraphClient;
  orgs: OrgRepository;
  members: MemberRepository;
  store: Store;
  snapshots: DirectorySnapshots;
  now: () => Date;
  /** Minutes until the next scheduled sync: when throttled members are due again. */
  syncIntervalMinutes: number;
}

export interface OrgSyncOptions {
  /** List every directory user instead of asking for changes. */
  full?: boolean;
  /** Probe members after the directory sync (default true). */
  sweep?: boolean;
  requestedBy: string;
}

export interface ConnectionReport {
  connectionId: string;
  tenantId: string;
  enabled: boolean;
  directory?: Omit<DirectorySyncResult, 'deltaLink'>;
  sweep?: Omit<SweepResult, 'failure'>;
  /** A connection-level failure: every member of the connection shows its reason. */
  failure?: ConnectionFailure;
  /** The directory could not be read (e.g. no `User.Read.All`); members keep their links. */
  directoryError?: string;
}

export interface OrgSyncResult {
  connections: ConnectionReport[];
  members: { created: number; linked: number; unlinked: number; removed: number; total: number };
  /** Members whose status reason changed during this run. */
  statusChanges: number;
}

async function setSync(
  deps: OrgSyncDeps,
  connection: Readonly<TenantConnection>,
  patch: Partial<TenantConnection['sync']>,
): Promise<void> {
  try {
    await deps.orgs.updateConnection(connection.orgId, connection.id, (current) => ({
      ...current,
      sync: { ...current.sync, ...patch },
    }));
  } catch {
    // Deleted while the job ran: nothing left to record.
  }
}

async function syncOne(
  deps: OrgSyncDeps,
  connection: Readonly<TenantConnection>,
  options: OrgSyncOptions,
  job: JobHandle,
  report: ConnectionReport,
): Promise<void> {
  try {
    const result = await syncDirectory(deps.graph, deps.snapshots, connection, {
      full: options.full ?? false,
      now: deps.now,
      onProgress: (done) => job.progress('directory', done, 0),
    });
    const { deltaLink, ...rest } = result;
    report.directory = rest;
    const at = deps.now().toISOString();
    await setSync(deps, connection, {
      deltaLink,
      lastDeltaAt: at,
      ...(result.mode === 'full' ? { lastFullAt: at } : {}),
    });
  } catch (error) {
    const failure = connectionFailureOf(error);
    if (failure) report.failure = failure;
    else if (error instanceof GraphError) report.directoryError = `${error.status} ${error.code}`;
    else throw error;
  }
}

/** For `provisioning.mode: group`: membership test over every enabled tenant, or undefined. */
async function groupFilter(
  deps: OrgSyncDeps,
  org: Readonly<Organization>,
  connections: readonly Readonly<TenantConnection>[],
): Promise<((user: DirectoryUser) => boolean) | undefined> {
  const provisioning = org.settings.provisioning;
  if (provisioning.mode !== 'group') return undefined;
  const members = new Set<string>();
  for (const c of connections) {
    if (!c.enabled || !deps.snapshots.get(c.id)) continue;
    try {
      for await (const page of listTransitiveUsers(deps.graph, c.tenantId, provisioning.groupId)) {
        for (const u of page) members.add(`${c.tenantId.toLowerCase()}/${u.id.toLowerCase()}`);
      }
    } catch (error) {
      // The group lives in one tenant; elsewhere it is simply not found.
      if (error instanceof GraphError && error.status === 404) continue;
      return undefined;
    }
  }
  return (user) => members.has(`${user.tenantId}/${user.id}`);
}

async function applyChanges(
  deps: OrgSyncDeps,
  orgId: string,
  put: readonly MemberChange[],
  deleted: readonly { id: string }[],
): Promise<number> {
  const created = put.filter((c) => c.before === null).map((c) => c.after);
  await inChunks(created, WRITE_CHUNK, (chunk) => deps.members.putMany(orgId, chunk));
  // Changes computed from a value someone has since replaced are dropped: the next sync redoes them.
  const updates = new Map(put.filter((c) => c.before !== null).map((c) => [c.after.id, c]));
  await inChunks([...updates.keys()], WRITE_CHUNK, (ids) =>
    deps.members.updateMany(orgId, ids, (current) => {
      const change = updates.get(current.id)!;
      return current === change.before ? change.after : undefined;
    }),
  );
  let removed = 0;
  for (const { id } of deleted) {
    if (await deps.members.delete(orgId, id)) removed += 1;
  }
  return removed;
}

/** Runs one org sync as `job`. */
export async function runOrgSync(
  deps: OrgSyncDeps,
  orgId: string,
  job: JobHandle,
  options: OrgSyncOptions,
): Promise<OrgSyncResult> {
  const org = await deps.orgs.get(orgId);
  if (!org) throw new Error(`org ${orgId} does not exist`);
  const connections = await deps.orgs.listConnections(orgId);
  const reports = connections.map<ConnectionReport>((c) => ({
    connectionId: c.id,
    tenantId: c.tenantId,
    enabled: c.enabled,
  }));
  for (const c of connections) await setSync(deps, c, { running: job.id });
  try {
    job.progress('directory', 0, 0);
    for (const [i, c] of connections.entries()) {
      if (c.enabled) await syncOne(deps, c, options, job, reports[i]!);
    }
    job.progress('matching', 0, 0);
    const exclusions = new Map<string, Set<string>>();
    for (const c of connections)
      exclusions.set(c.id, await readExclusions(deps.store, orgId, c.id));
    const outcome = await reconcileMembers({
      org,
      connections,
      snapshots: deps.snapshots,
      exclusions,
      inGroup: await groupFilter(deps, org, connections),
      members: await deps.members.all(orgId),
      now: deps.now().toISOString(),
    });
    const removed = await applyChanges(deps, orgId, outcome.put, outcome.deleted);
    const result: OrgSyncResult = {
      connections: reports,
      members: {
        created: outcome.created,
        linked: outcome.linked,
        unlinked: outcome.unlinked,
        removed,
        total: 0,
      },
      statusChanges: outcome.unlinked,
    };
    if (options.sweep !== false) await sweepAll(deps, connections, reports, job, result);
    result.members.total = await deps.members.count(orgId);
    // Bulk member writes gather for seconds (see the store's `bulkMemberCoalesceMs`): what a
    // finished sync reports is on disk before it says so.
    await deps.store.flush();
    return result;
  } finally {
    const at = deps.now().toISOString();
    for (const c of connections) {
      await setSync(deps, c, {
        running: null,
        ...(options.sweep !== false ? { lastSweepAt: at } : {}),
      });
    }
  }
}

async function sweepAll(
  deps: OrgSyncDeps,
  connections: readonly Readonly<TenantConnection>[],
  reports: ConnectionReport[],
  job: JobHandle,
  result: OrgSyncResult,
): Promise<void> {
  const orgId = job.orgId;
  const all = await deps.members.all(orgId);
  const total = all.filter((m) => m.calendar.tenantConnectionId !== null).length;
  const retryAt = new Date(deps.now().getTime() + deps.syncIntervalMinutes * 60_000).toISOString();
  let before = 0;
  job.progress('sweep', 0, total);
  for (const [i, connection] of connections.entries()) {
    const report = reports[i]!;
    const swept = await sweepConnection(deps, connection, {
      failure: report.failure,
      retryAt,
      onProgress: (done) => job.progress('sweep', before + done, total),
    });
    before += swept.total;
    const { failure, ...counts } = swept;
    report.sweep = counts;
    if (failure && !report.failure) report.failure = failure;
    result.statusChanges += swept.changed;
  }
}
