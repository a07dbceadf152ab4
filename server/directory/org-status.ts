// `GET /api/org/status`: the admin overview — member counts per tile (category) and per reason,
// the running sync's progress, and per tenant connection its health, credential expiry and the
// last sync and sweep times. Other features add alerts through `StatusExtension`s.
import type { MemberRepository } from '../domain/member-repository.js';
import type { OrgRepository } from '../domain/org-repository.js';
import type {
  ConnectionHealth,
  CredentialKind,
  Member,
  StatusCategory,
  StatusReason,
} from '../domain/types.js';
import type { JobProgress } from '../jobs/job.js';
import type { JobRunner } from '../jobs/job-runner.js';

export interface OrgAlert {
  /** Stable kind, e.g. `connection_broken`, `credential_expiring`. */
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  message: string;
  connectionId: string | null;
  at: string;
}

export interface ConnectionStatus {
  id: string;
  tenantId: string;
  displayName: string;
  enabled: boolean;
  health: Pick<ConnectionHealth, 'state' | 'reason' | 'checkedAt'>;
  credential: { kind: CredentialKind; expiresAt: string | null };
  /** Members linked to this connection. */
  members: number;
  sync: {
    running: boolean;
    lastFullAt: string | null;
    lastDeltaAt: string | null;
    lastSweepAt: string | null;
  };
}

export interface OrgStatus {
  members: {
    total: number;
    byCategory: Record<StatusCategory, number>;
    byReason: Partial<Record<StatusReason, number>>;
  };
  sync: { running: boolean; jobId: string | null; progress: JobProgress | null };
  connections: ConnectionStatus[];
  /** Filled by status extensions (tenant connections: broken connections, expiring credentials). */
  alerts: OrgAlert[];
}

/** Adds to an org's status (alerts, extra connection facts); registered at startup. */
export type StatusExtension = (orgId: string, status: OrgStatus) => Promise<void> | void;

export interface OrgStatusDeps {
  orgs: OrgRepository;
  members: MemberRepository;
  jobs: JobRunner;
  extensions: readonly StatusExtension[];
}

interface Counts {
  version: number;
  total: number;
  byCategory: Record<StatusCategory, number>;
  byReason: Partial<Record<StatusReason, number>>;
  byConnection: Map<string, number>;
}

const countsCache = new WeakMap<MemberRepository, Map<string, Counts>>();

/** Member counts, recomputed only when the org's members changed. */
async function countMembers(members: MemberRepository, orgId: string): Promise<Counts> {
  let perOrg = countsCache.get(members);
  if (!perOrg) countsCache.set(members, (perOrg = new Map()));
  const version = members.version(orgId);
  const cached = perOrg.get(orgId);
  if (cached?.version === version) return cached;
  const all: readonly Member[] = await members.all(orgId);
  const counts: Counts = {
    version,
    total: all.length,
    byCategory: { connected: 0, needs_attention: 0, not_connected: 0, checking: 0 },
    byReason: {},
    byConnection: new Map(),
  };
  for (const { calendar } of all) {
    counts.byCategory[calendar.status] += 1;
    counts.byReason[calendar.reason] = (counts.byReason[calendar.reason] ?? 0) + 1;
    if (calendar.tenantConnectionId) {
      const id = calendar.tenantConnectionId;
      counts.byConnection.set(id, (counts.byConnection.get(id) ?? 0) + 1);
    }
  }
  perOrg.set(orgId, counts);
  return counts;
}

/** The org's status, as `GET /api/org/status` answers it. */
export async function buildOrgStatus(deps: OrgStatusDeps, orgId: string): Promise<OrgStatus> {
  const counts = await countMembers(deps.members, orgId);
  const running = deps.jobs.runningFor(`org:${orgId}`);
  const connections = (await deps.orgs.listConnections(orgId)).map<ConnectionStatus>((c) => ({
    id: c.id,
    tenantId: c.tenantId,
    displayName: c.displayName,
    enabled: c.enabled,
    health: { state: c.health.state, reason: c.health.reason, checkedAt: c.health.checkedAt },
    credential: { kind: c.credential.kind, expiresAt: c.credential.expiresAt ?? null },
    members: counts.byConnection.get(c.id) ?? 0,
    sync: {
      // A job id left behind by a process that stopped mid-sync is not a running sync.
      running: running !== undefined && c.sync.running === running.id,
      lastFullAt: c.sync.lastFullAt,
      lastDeltaAt: c.sync.lastDeltaAt,
      lastSweepAt: c.sync.lastSweepAt ?? null,
    },
  }));
  const status: OrgStatus = {
    members: {
      total: counts.total,
      byCategory: { ...counts.byCategory },
      byReason: { ...counts.byReason },
    },
    sync: {
      running: running !== undefined,
      jobId: running?.id ?? null,
      progress: running?.progress ?? null,
    },
    connections,
    alerts: [],
  };
  for (const extend of deps.extensions) await extend(orgId, status);
  return status;
}
