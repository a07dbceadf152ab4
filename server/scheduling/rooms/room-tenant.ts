// Whose rooms a member sees: their own tenant's (where their org-managed mailbox, or else their
// sign-in, lives), read through the org's connection to it. Rooms of another tenant — even one of
// the same org — would be booked across tenants, which room mailboxes refuse by default.
import { ConnectionUnavailableError } from '../../connections/errors.js';
import { orgMailboxOf } from '../../domain/org-calendar.js';
import type { Member, TenantConnection } from '../../domain/types.js';

/** The tenant whose rooms `member` books; throws `ConnectionUnavailableError` when none is reachable. */
export function roomTenantOf(
  member: Member,
  callerTenantId: string,
  connections: readonly Readonly<TenantConnection>[],
): string {
  const managed = orgMailboxOf(member, connections);
  if (managed) return managed.mailbox.tenantId;
  const tid = callerTenantId.toLowerCase();
  const connection = connections.find((c) => c.tenantId.toLowerCase() === tid);
  if (!connection) throw new ConnectionUnavailableError('ERR_CONNECTION_MISSING', tid);
  if (!connection.enabled) {
    throw new ConnectionUnavailableError('ERR_CONNECTION_DISABLED', tid, connection.id);
  }
  return tid;
}
