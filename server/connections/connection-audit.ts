// Audit entries of connection changes (DESIGN §3 AuditEntry): who, what, which connection.
import type { TenantConnection } from '../domain/types.js';
import type { Store } from '../store/index.js';

/** Who acts, as the audit log names them: `member:<id>`, `tenant-admin:<tid>/<oid>` or `system`. */
export interface Actor {
  readonly id: string;
}

export const SYSTEM: Actor = { id: 'system' };

export async function auditConnection(
  store: Store,
  orgId: string,
  actor: Actor,
  action: string,
  connection: Readonly<TenantConnection>,
  detail: Record<string, unknown>,
): Promise<void> {
  await store.appendAudit(orgId, {
    actor: actor.id,
    action,
    target: `connection:${connection.id}`,
    detail: { displayName: connection.displayName, ...detail },
  });
}

/** `connection.verified` or `connection.verification_failed`, with what the probe found. */
export async function auditVerification(
  store: Store,
  orgId: string,
  actor: Actor,
  before: Readonly<TenantConnection>,
  after: Readonly<TenantConnection>,
  attempts: number,
): Promise<void> {
  const passed = after.health.state === 'healthy';
  await auditConnection(
    store,
    orgId,
    actor,
    passed ? 'connection.verified' : 'connection.verification_failed',
    after,
    {
      state: after.health.state,
      previousState: before.health.state,
      reason: after.health.reason,
      detail: after.health.detail,
      aadsts: after.health.aadsts ?? null,
      requestId: after.health.requestId ?? null,
      tier: after.tier,
      grantedRoles: after.grantedRoles,
      attempts,
    },
  );
}
