// Teams-admin-center consent (DESIGN J1.2): no callback reaches Quorum, so the first signed-in user
// of a tenant no org holds triggers a probe with Quorum's own credential. A pass creates the org
// (named after the tenant) and its connection. When the probe fails, a tenant admin still gets an
// org — linked to their tenant, without a connection — from which to send the activation link or
// bring their own app; later sign-ins connect it once consent appears. Failures are remembered
// briefly so sign-ins do not hammer Entra ID.
import type { Organization } from '../domain/types.js';
import type { OrgRepository } from '../domain/org-repository.js';
import type { Caller } from '../http/auth/caller.js';
import { canGrantTenantConsent } from '../domain/membership.js';
import type { AppCredential } from '../microsoft/identity/index.js';
import { TenantTakenError, type Store } from '../store/index.js';
import type { ConnectionService, ServiceLogger } from './connection-service.js';
import type { ProbeInput, ProbeResult } from './probe.js';

export interface DiscoveryOptions {
  store: Store;
  orgs: OrgRepository;
  service: ConnectionService;
  platformCredential: AppCredential;
  probe(input: ProbeInput): Promise<ProbeResult>;
  now(): number;
  logger: ServiceLogger;
  /** How long a failed probe is remembered per tenant. Default 5 minutes. */
  negativeTtlMs?: number;
}

export interface TenantDiscovery {
  /** For `MembershipDeps.discoverTenant`: the org now holding the caller's tenant, if any. */
  discoverTenant(caller: Caller): Promise<Readonly<Organization> | undefined>;
  /** For `MembershipDeps.ensureTenantConnection`: connects an org's tenant once consent appears. */
  ensureTenantConnection(caller: Caller, org: Readonly<Organization>): Promise<void>;
}

/** `Global Administrator` etc. are not a name; the caller's mail domain is the best fallback. */
function fallbackName(caller: Caller): string {
  const domain = caller.preferredUsername?.split('@')[1];
  return domain ? domain.toLowerCase() : 'My organization';
}

function actorOf(caller: Caller): { id: string } {
  return { id: `tenant-user:${caller.tenantId.toLowerCase()}/${caller.objectId.toLowerCase()}` };
}

export function createTenantDiscovery(options: DiscoveryOptions): TenantDiscovery {
  const negativeTtl = options.negativeTtlMs ?? 5 * 60_000;
  /** tenant → until when a failed probe stands. */
  const failedUntil = new Map<string, number>();
  /** Tenants known to have a connection in the org holding them (nothing to do on sign-in). */
  const settled = new Set<string>();
  const inflight = new Map<string, Promise<Readonly<Organization> | undefined>>();

  const recentlyFailed = (tid: string) => (failedUntil.get(tid) ?? 0) > options.now();
  const rememberFailure = (tid: string) => failedUntil.set(tid, options.now() + negativeTtl);

  function probe(caller: Caller): Promise<ProbeResult> {
    return options.probe({
      tenantId: caller.tenantId,
      credential: options.platformCredential,
      mailbox: caller.objectId,
    });
  }

  async function discover(caller: Caller): Promise<Readonly<Organization> | undefined> {
    const tid = caller.tenantId.toLowerCase();
    const admin = canGrantTenantConsent(caller);
    if (recentlyFailed(tid) && !admin) return undefined;
    const result = recentlyFailed(tid) ? undefined : await probe(caller);
    if (!result?.ok) {
      if (result) {
        rememberFailure(tid);
        options.logger.info(
          { tenantId: tid, reason: result.failure.reason, detail: result.failure.detail },
          'tenant discovery: not connected',
        );
      }
      if (!admin) return undefined;
    }
    const name = result?.ok
      ? (result.organization?.displayName ?? fallbackName(caller))
      : fallbackName(caller);
    const org = await options.orgs.create(name);
    try {
      await options.store.linkTenant(tid, org.id);
    } catch (error) {
      // Another process claimed it first; the new org stays empty.
      if (error instanceof TenantTakenError) return options.orgs.findByTenant(tid);
      throw error;
    }
    await options.store.appendAudit(org.id, {
      actor: actorOf(caller).id,
      action: 'org.created',
      target: `org:${org.id}`,
      detail: {
        name,
        tenantId: tid,
        via: 'teams_admin_center',
        connected: result?.ok === true,
        ...(result && !result.ok ? { reason: result.failure.reason } : {}),
      },
    });
    if (result?.ok) {
      await options.service.claimTenant({
        orgId: org.id,
        tenantId: tid,
        actor: actorOf(caller),
        proven: false,
        via: 'teams_admin_center',
        result,
        displayName: name,
      });
      settled.add(tid);
    }
    return org;
  }

  return {
    discoverTenant(caller) {
      const tid = caller.tenantId.toLowerCase();
      let pending = inflight.get(tid);
      if (!pending) {
        pending = discover(caller).finally(() => inflight.delete(tid));
        inflight.set(tid, pending);
      }
      return pending;
    },

    async ensureTenantConnection(caller, org) {
      const tid = caller.tenantId.toLowerCase();
      if (settled.has(tid) || recentlyFailed(tid)) return;
      try {
        const connections = await options.orgs.listConnections(org.id);
        if (
          connections.some((c) => c.tenantId === tid) ||
          (await options.service.isTombstoned(org.id, tid))
        ) {
          settled.add(tid);
          return;
        }
        const result = await probe(caller);
        if (!result.ok) {
          rememberFailure(tid);
          return;
        }
        await options.service.claimTenant({
          orgId: org.id,
          tenantId: tid,
          actor: actorOf(caller),
          proven: false,
          via: 'teams_admin_center',
          result,
          displayName: fallbackName(caller),
        });
        settled.add(tid);
      } catch (error) {
        rememberFailure(tid);
        options.logger.warn({ err: error, tenantId: tid }, 'tenant discovery failed');
      }
    },
  };
}
