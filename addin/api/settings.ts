// Org settings, the audit log and the org's admins.
import type { ApiClient } from './client.js';
import type { Role } from './me.js';

export type BusyKind = 'busy' | 'tentative' | 'oof' | 'workingElsewhere';

export interface FreeBusyPolicy {
  blocking: BusyKind[];
  unknownBlocks: boolean;
}

export type Provisioning =
  { mode: 'allPeople' } | { mode: 'group'; groupId: string } | { mode: 'none' };

export interface OrgSettings {
  allowMemberDisconnect: boolean;
  freeBusyPolicy: FreeBusyPolicy;
  alertWebhookUrl: string | null;
  serviceMailbox: string | null;
  provisioning: Provisioning;
}

export interface AuditEntry {
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  target: string;
  detail?: unknown;
}

export interface RoleMember {
  id: string;
  displayName: string;
  email: string;
  role: Role;
}

/** `GET /api/org/settings` */
export const getSettings = (api: ApiClient) => api.get<OrgSettings>('/api/org/settings');

/** `PATCH /api/org/settings` — any subset, validated as a whole. */
export const patchSettings = (api: ApiClient, patch: Partial<OrgSettings>) =>
  api.patch<OrgSettings>('/api/org/settings', patch);

/** `POST /api/org/alert-webhook/signing-secret` — shown once. */
export const createWebhookSigningSecret = (api: ApiClient) =>
  api.post<{ secret: string }>('/api/org/alert-webhook/signing-secret');

/** `GET /api/org/audit?limit=&before=` — newest first; `next` pages further back. */
export const getAuditPage = (api: ApiClient, limit: number, before?: string) =>
  api.get<{ entries: AuditEntry[]; next?: string }>('/api/org/audit', {
    query: { limit, before },
  });

/** `GET /api/org/admins` */
export const listAdmins = (api: ApiClient) => api.get<{ admins: RoleMember[] }>('/api/org/admins');

/** `PUT /api/org/members/{id}/role` — owners only; the last owner cannot be demoted. */
export const setMemberRole = (api: ApiClient, id: string, role: 'admin' | 'member') =>
  api.put<RoleMember>(`/api/org/members/${encodeURIComponent(id)}/role`, { role });
