// Which mailbox the organization manages for a member, and through which tenant connection: where the
// member's calendars are listed and their choices checked.
import type { Member, TenantConnection } from './types.js';

/** A mailbox, by Entra identity (never by address). */
export interface MailboxRef {
  readonly tenantId: string;
  readonly objectId: string;
}

export interface OrgMailbox {
  readonly mailbox: MailboxRef;
  readonly connection: Readonly<TenantConnection>;
}

/**
 * The member's org-managed mailbox: the directory user they were matched to, else their sign-in
 * identity, whichever lives in a tenant the org reaches through an enabled connection.
 */
export function orgMailboxOf(
  member: Pick<Member, 'directory' | 'tenantId' | 'objectId'>,
  connections: readonly Readonly<TenantConnection>[],
): OrgMailbox | undefined {
  const candidates: MailboxRef[] = [];
  if (member.directory) candidates.push(member.directory);
  if (member.tenantId && member.objectId) {
    candidates.push({ tenantId: member.tenantId, objectId: member.objectId });
  }
  for (const candidate of candidates) {
    const tenantId = candidate.tenantId.toLowerCase();
    const connection = connections.find((c) => c.enabled && c.tenantId.toLowerCase() === tenantId);
    if (connection) {
      return {
        mailbox: { tenantId, objectId: candidate.objectId.toLowerCase() },
        connection,
      };
    }
  }
  return undefined;
}
