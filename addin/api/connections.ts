// Tenant connections (DESIGN J1, J3): the activation link, bring-your-own app registrations,
// verification, enable/disable, credential rotation, deletion, and the generated public certificate.
import type { ApiClient } from './client.js';

export type PermissionTier = 'none' | 'availability' | 'booking' | 'orgEvents' | 'attendance';

export interface TenantConnection {
  id: string;
  tenantId: string;
  displayName: string;
  verifiedDomains: string[];
  credential: {
    kind: 'platform' | 'secret' | 'certificate';
    clientId: string;
    expiresAt: string | null;
    updatedAt: string | null;
    thumbprintSha256?: string | null;
    generated?: boolean;
    certificateUrl?: string;
  };
  grantedRoles: string[];
  tier: PermissionTier;
  missingFeatures: { feature: string; needs: string[] }[];
  enabled: boolean;
  createdAt: string;
  lastEnabledAt: string | null;
  lastDisabledAt: string | null;
  health: {
    state: 'unverified' | 'verifying' | 'healthy' | 'broken';
    reason: string | null;
    summary: string | null;
    fix: string | null;
    detail: string | null;
    checkedAt: string | null;
    since: string | null;
    aadsts: number | null;
    requestId: string | null;
  };
  sync: {
    lastFullAt: string | null;
    lastDeltaAt: string | null;
    deltaLink: string | null;
    running: string | null;
  };
}

export interface ConnectionAlert {
  id: string;
  kind: 'connection_broken' | 'credential_expiring' | 'credential_expired';
  severity: 'warning' | 'critical';
  connectionId: string;
  tenantId: string;
  displayName: string;
  reason?: string;
  thresholdDays?: number;
  expiresAt?: string;
  daysLeft?: number;
  since: string;
  message: string;
  fix: string | null;
}

export type CredentialInput =
  | { kind: 'secret'; secret: string; expiresAt: string }
  | { kind: 'certificate'; certificatePem: string; privateKeyPem: string }
  | { kind: 'generateCertificate'; validDays?: number };

export interface NewConnection {
  tenantId: string;
  clientId: string;
  displayName?: string;
  credential: CredentialInput;
}

const path = (id: string, rest = '') => `/api/org/connections/${encodeURIComponent(id)}${rest}`;

/** `GET /api/org/connections` */
export const listConnections = (api: ApiClient) =>
  api.get<{ connections: TenantConnection[]; alerts: ConnectionAlert[] }>('/api/org/connections');

/** `POST /api/org/connections/consent-link` — `popup` mode makes the final page report to its opener. */
export const createConsentLink = (api: ApiClient, mode: 'page' | 'popup') =>
  api.post<{ url: string; expiresAt: string }>('/api/org/connections/consent-link', { mode });

/** `POST /api/org/connections` — saved disabled, then verified and enabled by the admin. */
export const createConnection = (api: ApiClient, input: NewConnection) =>
  api.post<TenantConnection>('/api/org/connections', input);

/** `POST /api/org/connections/{id}/verify` — 202 while Microsoft still applies a fresh consent. */
export const verifyConnection = (api: ApiClient, id: string) =>
  api.post<TenantConnection>(path(id, '/verify'));

/** `POST /api/org/connections/{id}/enable` · `/disable` */
export const setConnectionEnabled = (api: ApiClient, id: string, enabled: boolean) =>
  api.post<TenantConnection>(path(id, enabled ? '/enable' : '/disable'));

/** `PUT /api/org/connections/{id}/credential` — the connection turns off until verified again. */
export const rotateCredential = (api: ApiClient, id: string, credential: CredentialInput) =>
  api.put<TenantConnection>(path(id, '/credential'), credential);

/** `DELETE /api/org/connections/{id}` */
export const deleteConnection = (api: ApiClient, id: string) => api.delete(path(id));

/** `GET /api/org/connections/{id}/certificate` — the public certificate (PEM) text. */
export const getPublicCertificate = (api: ApiClient, id: string) =>
  api.get<string>(path(id, '/certificate'));
