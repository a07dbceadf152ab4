// Pure changes to a TenantConnection record: a new one, the outcome of a probe, the public view.
import { REASONS } from '../domain/reasons.js';
import { newId } from '../domain/ids.js';
import type { ConnectionCredential, ConnectionHealth, TenantConnection } from '../domain/types.js';
import { permissionTier } from './permission-tier.js';
import type { ProbeResult } from './probe.js';

export interface NewConnectionInput {
  /** Defaults to a new id (pass one when the credential's secret is named after it). */
  id?: string;
  orgId: string;
  tenantId: string;
  /** The admin's name for it, or a stand-in until a probe reads the tenant's; else the tenant id. */
  displayName?: string | undefined;
  credential: ConnectionCredential;
  now: number;
}

/** A connection nobody has verified yet: disabled, health `unverified`. */
export function newConnection(input: NewConnectionInput): TenantConnection {
  const at = new Date(input.now).toISOString();
  const tenantId = input.tenantId.toLowerCase();
  return {
    id: input.id ?? newId(),
    orgId: input.orgId,
    tenantId,
    displayName: input.displayName ?? tenantId,
    verifiedDomains: [],
    credential: input.credential,
    grantedRoles: [],
    tier: 'none',
    missingFeatures: [],
    enabled: false,
    createdAt: at,
    lastEnabledAt: null,
    lastDisabledAt: null,
    health: { state: 'unverified', reason: null, detail: null, checkedAt: null, since: at },
    sync: { lastFullAt: null, lastDeltaAt: null, deltaLink: null, running: null },
  };
}

/** Health `verifying` (consent or a new credential is being checked). */
export function markVerifying(c: Readonly<TenantConnection>, now: number): TenantConnection {
  const at = new Date(now).toISOString();
  return {
    ...c,
    health: {
      state: 'verifying',
      reason: null,
      detail: null,
      checkedAt: c.health.checkedAt,
      since: c.health.state === 'verifying' ? (c.health.since ?? at) : at,
      mailbox: c.health.mailbox ?? null,
    },
  };
}

/**
 * The connection after a probe. A pass makes it healthy and records roles, tier and domains; a
 * failure makes it broken with its reason — except `throttled`, which keeps the last known state
 * (a transient failure never turns a working connection into a broken one).
 */
export function applyProbe(
  c: Readonly<TenantConnection>,
  result: ProbeResult,
  now: number,
): TenantConnection {
  const at = new Date(now).toISOString();
  if (result.ok) {
    const { tier, missingFeatures } = permissionTier({
      roles: result.roles,
      mailboxProbePassed: true,
    });
    const health: ConnectionHealth = {
      state: 'healthy',
      reason: null,
      detail: null,
      checkedAt: at,
      since: c.health.state === 'healthy' ? (c.health.since ?? at) : at,
      mailbox: result.mailbox,
    };
    const org = result.organization;
    return {
      ...c,
      // Platform connections take the tenant's own name; an admin's name for their app stays.
      displayName:
        org && (c.credential.kind === 'platform' || c.displayName === c.tenantId)
          ? org.displayName
          : c.displayName,
      verifiedDomains: org ? org.verifiedDomains : c.verifiedDomains,
      grantedRoles: [...result.roles].sort(),
      tier,
      missingFeatures,
      health,
    };
  }
  const { failure } = result;
  if (failure.reason === 'throttled') {
    const state = c.health.state === 'verifying' ? 'unverified' : c.health.state;
    return { ...c, health: { ...c.health, state, detail: failure.detail } };
  }
  const health: ConnectionHealth = {
    state: 'broken',
    reason: failure.reason,
    detail: failure.detail,
    checkedAt: at,
    since:
      c.health.state === 'broken' && c.health.reason === failure.reason
        ? (c.health.since ?? at)
        : at,
    mailbox: c.health.mailbox ?? null,
    ...(failure.aadsts === undefined ? {} : { aadsts: failure.aadsts }),
    ...(failure.requestId === undefined ? {} : { requestId: failure.requestId }),
  };
  // A token without roles says nothing when the token itself failed; keep what was known.
  return {
    ...c,
    health,
    grantedRoles: result.roles.length > 0 ? [...result.roles].sort() : c.grantedRoles,
  };
}

/** What the API shows of a connection: never a secret, a key or a store secret name. */
export function connectionView(c: Readonly<TenantConnection>) {
  const { credential, health } = c;
  const info = health.reason ? REASONS[health.reason] : undefined;
  return {
    id: c.id,
    tenantId: c.tenantId,
    displayName: c.displayName,
    verifiedDomains: [...c.verifiedDomains],
    credential: {
      kind: credential.kind,
      clientId: credential.clientId,
      expiresAt: credential.expiresAt ?? null,
      updatedAt: credential.updatedAt ?? null,
      ...(credential.kind === 'certificate'
        ? {
            thumbprintSha256: credential.thumbprintSha256 ?? null,
            generated: credential.generated === true,
            certificateUrl: `/api/org/connections/${c.id}/certificate`,
          }
        : {}),
    },
    grantedRoles: [...c.grantedRoles],
    tier: c.tier,
    missingFeatures: (c.missingFeatures ?? []).map((f) => ({ ...f, needs: [...f.needs] })),
    enabled: c.enabled,
    createdAt: c.createdAt,
    lastEnabledAt: c.lastEnabledAt,
    lastDisabledAt: c.lastDisabledAt,
    health: {
      state: health.state,
      reason: health.reason,
      summary: info?.summary ?? null,
      fix: info?.fix ?? null,
      detail: health.detail,
      checkedAt: health.checkedAt,
      since: health.since ?? null,
      aadsts: health.aadsts ?? null,
      requestId: health.requestId ?? null,
    },
    // The delta link is Quorum's bookkeeping with Graph, not something an admin acts on.
    sync: {
      lastFullAt: c.sync.lastFullAt,
      lastDeltaAt: c.sync.lastDeltaAt,
      running: c.sync.running,
    },
  };
}

export type ConnectionView = ReturnType<typeof connectionView>;
