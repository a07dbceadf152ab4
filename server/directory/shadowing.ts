// The org-managed calendar wins over a member's manual connection to the same mailbox (DESIGN J3):
// while Quorum reaches the mailbox through the tenant connection, a personal connection to that
// same mailbox is kept but marked `shadowedByOrg` (unused); once the org connection stops reaching
// it (disabled, deleted, mailbox gone), the personal one is used again.
import type { Member, PersonalCalendarConnection } from '../domain/types.js';
import { addressKey } from './matching.js';

/** Every address of the member's org-managed mailbox, as matching keys. */
function orgMailboxAddresses(member: Member): Set<string> {
  const keys = new Set<string>();
  const add = (address: string | null | undefined) => {
    if (address && address.includes('@')) keys.add(addressKey(address));
  };
  add(member.email);
  const link = member.directory;
  if (link) {
    add(link.mail);
    add(link.userPrincipalName);
    for (const proxy of link.proxyAddresses) if (/^smtp:/i.test(proxy)) add(proxy.slice(5));
  }
  return keys;
}

/** Whether a personal connection reaches the same mailbox as the member's org-managed calendar. */
export function isSameMailbox(member: Member, personal: PersonalCalendarConnection): boolean {
  if (
    member.tenantId &&
    member.objectId &&
    personal.tenantId.toLowerCase() === member.tenantId.toLowerCase() &&
    personal.objectId.toLowerCase() === member.objectId.toLowerCase()
  ) {
    return true;
  }
  return orgMailboxAddresses(member).has(addressKey(personal.email));
}

/** Whether the org-managed calendar is in use for the member right now. */
export function orgCalendarActive(member: Member): boolean {
  const calendar = member.calendar;
  return (
    calendar.tenantConnectionId !== null &&
    calendar.status === 'connected' &&
    !calendar.disconnected
  );
}

/**
 * Marks personal connections to the org-managed mailbox `shadowedByOrg` while the org-managed
 * calendar is active, and clears the mark otherwise. Returns the same object when nothing changes.
 * Called by the health sweep and by the self-service routes whenever either side changes.
 */
export function applyOrgPrecedence(member: Member): Member {
  const active = orgCalendarActive(member);
  let changed = false;
  const personalCalendars = member.personalCalendars.map((personal) => {
    const shadowed = active && isSameMailbox(member, personal);
    if (personal.shadowedByOrg === shadowed) return personal;
    changed = true;
    return { ...personal, shadowedByOrg: shadowed };
  });
  return changed ? { ...member, personalCalendars } : member;
}
