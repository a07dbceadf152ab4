// The directory feature's long-lived state for one running app: the in-memory directory snapshots,
// the job runner, the member table index and status extensions — one per `Services`, shared by the
// routes, the scheduler (`main.ts`) and the other features that call into it.
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Services } from '../services.js';
import { JobRunner } from '../jobs/job-runner.js';
import type { JobSummary } from '../jobs/job.js';
import { createScheduler, type Scheduler, type Timers } from '../jobs/scheduler.js';
import {
  markConnectionDisabled,
  purgeConnectionDirectory,
  type LifecycleDeps,
} from './connection-lifecycle.js';
import { MemberListIndex } from './member-list.js';
import type { StatusExtension } from './org-status.js';
import { runOrgSync, type OrgSyncDeps, type OrgSyncResult } from './org-sync.js';
import { DirectorySnapshots } from './snapshots.js';

export interface DirectoryRuntimeDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly services?: Services | undefined;
}

export interface SyncRequest {
  requestedBy: string;
  full?: boolean;
  sweep?: boolean;
}

export class DirectoryRuntime {
  readonly snapshots = new DirectorySnapshots();
  readonly jobs: JobRunner;
  readonly memberList: MemberListIndex;
  /** Added to by other features at startup (alerts in `GET /api/org/status`). */
  readonly statusExtensions: StatusExtension[] = [];
  readonly syncDeps: OrgSyncDeps;
  readonly lifecycleDeps: LifecycleDeps;

  constructor(
    readonly services: Services,
    readonly deps: DirectoryRuntimeDeps,
  ) {
    const now = () => new Date(deps.clock.now());
    this.jobs = new JobRunner({ store: services.store, now, logger: deps.logger });
    this.memberList = new MemberListIndex(services.members);
    this.syncDeps = {
      graph: services.graph,
      orgs: services.orgs,
      members: services.members,
      store: services.store,
      snapshots: this.snapshots,
      now,
      syncIntervalMinutes: deps.config.syncIntervalMinutes,
    };
    this.lifecycleDeps = {
      members: services.members,
      store: services.store,
      snapshots: this.snapshots,
      now,
    };
  }

  /** Starts (or joins the running) sync + sweep of the org. */
  async syncOrg(
    orgId: string,
    request: SyncRequest,
  ): Promise<{ job: JobSummary; started: boolean }> {
    return this.jobs.start(
      { orgId, kind: 'sync', key: `org:${orgId}`, requestedBy: request.requestedBy },
      async (job) => {
        const result = await runOrgSync(this.syncDeps, orgId, job, request);
        await this.audit(orgId, request.requestedBy, result);
        return result;
      },
    );
  }

  private async audit(orgId: string, actor: string, result: OrgSyncResult): Promise<void> {
    await this.services.store.appendAudit(orgId, {
      actor,
      action: 'directory.sync',
      target: `org:${orgId}`,
      detail: {
        members: result.members,
        statusChanges: result.statusChanges,
        failures: result.connections
          .filter((c) => c.failure || c.directoryError)
          .map((c) => ({
            connectionId: c.connectionId,
            reason: c.failure?.reason ?? 'error',
            detail: c.failure?.detail ?? c.directoryError,
          })),
      },
    });
  }

  /** The connection was disabled: its members show `connection_disabled` now. */
  connectionDisabled(orgId: string, connectionId: string): Promise<number> {
    return markConnectionDisabled(this.lifecycleDeps, orgId, connectionId);
  }

  /** The connection was deleted: forget its directory data. */
  connectionDeleted(orgId: string, connectionId: string) {
    return purgeConnectionDirectory(this.lifecycleDeps, orgId, connectionId);
  }

  /** Syncs every org with at least one enabled connection, one after another. */
  async syncAllOrgs(): Promise<void> {
    for (const orgId of await this.services.store.listOrgIds()) {
      const connections = await this.services.orgs.listConnections(orgId);
      if (!connections.some((c) => c.enabled)) continue;
      const { job } = await this.syncOrg(orgId, { requestedBy: 'system' });
      await this.jobs.wait(job.id);
    }
  }

  /** A scheduler running `syncAllOrgs` every `syncIntervalMinutes` (not started). */
  scheduler(options: { timers?: Timers; initialDelayMs?: number } = {}): Scheduler {
    return createScheduler({
      intervalMs: this.deps.config.syncIntervalMinutes * 60_000,
      initialDelayMs: options.initialDelayMs ?? 30_000,
      tick: () => this.syncAllOrgs(),
      onError: (error) => this.deps.logger.error({ err: error }, 'scheduled directory sync failed'),
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }
}

const runtimes = new WeakMap<Services, DirectoryRuntime>();

/** The directory runtime of these app dependencies (created on first use). */
export function directoryRuntime(deps: DirectoryRuntimeDeps): DirectoryRuntime {
  const services = deps.services;
  if (!services) throw new TypeError('the directory feature needs AppDeps.services');
  let runtime = runtimes.get(services);
  if (!runtime) {
    runtime = new DirectoryRuntime(services, deps);
    runtimes.set(services, runtime);
  }
  return runtime;
}
