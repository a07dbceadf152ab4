// Org admin endpoints for watching members: status overview, the paged member list, re-checks,
// syncs and their jobs, and the signed CSV export link.
import type { ApiClient } from './client.js';
import type { Role } from './me.js';
import type { StatusCategory, StatusReason } from './status-types.js';

export interface OrgStatus {
  members: {
    total: number;
    byCategory: Partial<Record<StatusCategory, number>>;
    byReason: Partial<Record<StatusReason, number>>;
  };
  sync: {
    running: boolean;
    jobId: string | null;
    progress: { phase: string; done: number; total: number } | null;
  };
  connections: {
    id: string;
    tenantId: string;
    displayName: string;
    enabled: boolean;
    health: {
      state: 'unverified' | 'verifying' | 'healthy' | 'broken';
      reason: StatusReason | null;
      checkedAt: string | null;
    };
    credential: { kind: 'platform' | 'secret' | 'certificate'; expiresAt: string | null };
    members: number;
    sync: {
      running: boolean;
      lastFullAt: string | null;
      lastDeltaAt: string | null;
      lastSweepAt: string | null;
    };
  }[];
  alerts: {
    kind: string;
    severity: 'info' | 'warning' | 'critical';
    message: string;
    connectionId: string | null;
    at: string;
  }[];
}

export interface Member {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  source: 'directory' | 'sso' | 'invite';
  status: StatusCategory;
  reason: StatusReason;
  summary: string;
  fix: string | null;
  checkedAt: string | null;
  retryAt: string | null;
  requestId: string | null;
  timeZone: string | null;
}

export interface MemberPage {
  total: number;
  offset: number;
  limit: number;
  items: Member[];
}

export interface MemberFilter {
  status?: StatusCategory | undefined;
  reason?: StatusReason | undefined;
  q?: string | undefined;
}

export interface Job {
  id: string;
  kind: string;
  state: 'running' | 'succeeded' | 'failed' | 'interrupted';
  createdAt: string;
  finishedAt: string | null;
  progress: { phase: string; done: number; total: number };
  error: string | null;
}

/** `GET /api/org/status` */
export const getOrgStatus = (api: ApiClient) => api.get<OrgStatus>('/api/org/status');

/** `GET /api/org/members?status=&reason=&q=&offset=&limit=` */
export const listMembers = (
  api: ApiClient,
  filter: MemberFilter,
  offset: number,
  limit: number,
  signal?: AbortSignal,
) =>
  api.get<MemberPage>('/api/org/members', {
    query: { ...filter, offset, limit },
    ...(signal ? { signal } : {}),
  });

/** `POST /api/org/members/{id}/recheck` */
export const recheckMember = (api: ApiClient, id: string) =>
  api.post<Member>(`/api/org/members/${encodeURIComponent(id)}/recheck`);

/** `POST /api/org/sync` — a directory sync and health sweep (a job). */
export const startSync = (api: ApiClient, options: { full?: boolean } = {}) =>
  api.post<{ jobId: string; started: boolean }>('/api/org/sync', options);

/** `GET /api/org/jobs/{id}` */
export const getJob = (api: ApiClient, id: string) =>
  api.get<Job>(`/api/org/jobs/${encodeURIComponent(id)}`);

/** `POST /api/org/exports/members` — a short-lived signed CSV link (a link cannot carry a bearer). */
export const createMemberExport = (api: ApiClient, filter: MemberFilter) =>
  api.post<{ url: string; expiresAt: string }>('/api/org/exports/members', filter);
