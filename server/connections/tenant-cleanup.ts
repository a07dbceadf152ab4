// What leaves with a connection: the directory data and mailbox settings copied from its tenant,
// its credential (secret and msal instance), and — when a tenant moves to another org — the
// tenant link itself. Other features hook in (subscriptions, directory snapshots, member states).
import type { MemberRepository } from '../domain/member-repository.js';
import type { OrgRepository } from '../domain/org-repository.js';
import { categoryOf } from '../domain/reasons.js';
import type { Member, StatusReason, TenantConnection } from '../domain/types.js';
import type { AppCredential, Identity } from '../microsoft/identity/index.js';
import type { Store } from '../store/index.js';
import type { CredentialResolver } from './credential-resolver.js';
import { appCredentialOf, deleteCredentialSecret } from './credentials.js';

type Hook = (connection: Readonly<TenantConnection>) => Promise<unknown>;

/** Where other features react to a connection's lifecycle; each list runs in order, awaited. */
export interface ConnectionHooks {
  /** Before a connection is deleted or its tenant moves to another org (subscriptions, sync state). */
  readonly removed: Hook[];
  /** After a connection stopped giving access (disabled, or rotated while enabled). */
  readonly disabled: Hook[];
  /** After a connection started giving access (enabled, or connected by consent). */
  readonly enabled: Hook[];
}

export function emptyHooks(): ConnectionHooks {
  return { removed: [], disabled: [], enabled: [] };
}

export interface CleanupDeps {
  store: Store;
  orgs: OrgRepository;
  members: MemberRepository;
  identity: Identity;
  platformCredential: AppCredential;
  resolver: CredentialResolver;
  hooks: ConnectionHooks;
  now(): number;
}

export async function runHooks(hooks: readonly Hook[], connection: Readonly<TenantConnection>) {
  for (const hook of hooks) await hook(connection);
}

/**
 * Removes a connection and what came from its tenant: removal hooks, members' directory copy and
 * mailbox settings (their calendar choices stay), the credential's secret and msal instance.
 */
export async function purgeConnection(
  deps: CleanupDeps,
  orgId: string,
  connection: Readonly<TenantConnection>,
): Promise<void> {
  await runHooks(deps.hooks.removed, connection);
  const at = new Date(deps.now()).toISOString();
  const affected = (await deps.members.all(orgId))
    .filter(
      (m) =>
        m.directory?.tenantId === connection.tenantId ||
        m.calendar.tenantConnectionId === connection.id,
    )
    .map((m): Member => ({
      ...m,
      directory: null,
      calendar: {
        ...m.calendar,
        tenantConnectionId: null,
        status: categoryOf('not_in_directory'),
        reason: 'not_in_directory',
        checkedAt: at,
        timeZone: null,
        workingHours: null,
      },
    }));
  await deps.members.putMany(orgId, affected);
  await forgetCredential(deps, orgId, connection);
  await deps.orgs.deleteConnection(orgId, connection.id, false);
  deps.resolver.forget(connection.tenantId);
}

/** Moves a tenant out of `fromOrgId` after a proven transfer: purge, unlink, audit there. */
export async function releaseTenant(
  deps: CleanupDeps,
  args: { fromOrgId: string; toOrgId: string; tenantId: string; actorId: string },
): Promise<void> {
  const { fromOrgId, tenantId } = args;
  const connections = (await deps.orgs.listConnections(fromOrgId)).filter(
    (c) => c.tenantId === tenantId,
  );
  for (const connection of connections) await purgeConnection(deps, fromOrgId, connection);
  await deps.store.unlinkTenant(tenantId, fromOrgId);
  await deps.store.appendAudit(fromOrgId, {
    actor: args.actorId,
    action: 'tenant.transferred_out',
    target: `tenant:${tenantId}`,
    detail: { tenantId, toOrgId: args.toOrgId, connectionIds: connections.map((c) => c.id) },
  });
}

/** Drops the msal instance (cached tokens) of the connection's credential, then its secret. */
export async function forgetCredential(
  deps: CleanupDeps,
  orgId: string,
  connection: Readonly<TenantConnection>,
): Promise<void> {
  if (connection.credential.kind === 'platform') return;
  try {
    const credential = await appCredentialOf(
      deps.store,
      orgId,
      connection.credential,
      deps.platformCredential,
    );
    deps.identity.forgetCredential(credential);
  } catch {
    // Secret already gone: there is no msal instance left to forget either.
  }
  await deleteCredentialSecret(deps.store, orgId, connection.credential);
}

/** Sets the calendar reason of the connection's members that `which` selects (one bulk write). */
export async function setMembersReason(
  deps: CleanupDeps,
  orgId: string,
  connectionId: string,
  reason: StatusReason,
  which: (member: Member) => boolean = () => true,
): Promise<void> {
  const at = new Date(deps.now()).toISOString();
  const changed = (await deps.members.all(orgId))
    .filter((m) => m.calendar.tenantConnectionId === connectionId && which(m))
    .map((m): Member => ({
      ...m,
      calendar: { ...m.calendar, status: categoryOf(reason), reason, checkedAt: at },
    }));
  await deps.members.putMany(orgId, changed);
}

const TOMBSTONES_DOC = 'connection-tombstones';

/**
 * Tenants whose connection the org deleted: discovery on sign-in leaves them alone until an admin
 * connects them again on purpose (activation link, bring-your-own).
 */
export const tombstones = {
  async has(store: Store, orgId: string, tenantId: string): Promise<boolean> {
    const doc = await store.getOrgDoc<Record<string, string>>(orgId, TOMBSTONES_DOC);
    return doc?.[tenantId.toLowerCase()] !== undefined;
  },
  async add(store: Store, orgId: string, tenantId: string, at: string): Promise<void> {
    await store.updateOrgDoc<Record<string, string>>(orgId, TOMBSTONES_DOC, (current) => ({
      ...current,
      [tenantId.toLowerCase()]: at,
    }));
  },
  async clear(store: Store, orgId: string, tenantId: string): Promise<void> {
    if (!(await tombstones.has(store, orgId, tenantId))) return;
    await store.updateOrgDoc<Record<string, string>>(orgId, TOMBSTONES_DOC, (current) => {
      const next = { ...current };
      delete next[tenantId.toLowerCase()];
      return next;
    });
  },
};
