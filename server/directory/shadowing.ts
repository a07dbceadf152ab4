// The org-managed calendar wins over a member's manual connection to the same mailbox (DESIGN J3):
// while an enabled tenant connection reaches the mailbox, a personal connection to that same
// mailbox (same tenant and object id) is kept but marked `shadowedByOrg` (unused); once the
// connection is disabled or deleted, or the member leaves its directory, the personal one is used
// again. Probe outcomes do not move the mark, so it does not flap while Graph throttles — the same
// rule as `domain/org-calendar.ts` applies from the connection list on the self-service side.
import type { Member, PersonalCalendarConnection } from '../domain/types.js';

/** Whether a personal connection reaches the member's org-managed mailbox (by Entra identity). */
export function isSameMailbox(member: Member, personal: PersonalCalendarConnection): boolean {
  const tenantId = member.directory?.tenantId ?? member.tenantId;
  const objectId = member.directory?.objectId ?? member.objectId;
  return (
    !!tenantId &&
    !!objectId &&
    personal.tenantId.toLowerCase() === tenantId.toLowerCase() &&
    personal.objectId.toLowerCase() === objectId.toLowerCase()
  );
}

/** Whether an enabled tenant connection manages the member's calendar right now. */
export function orgCalendarActive(member: Member): boolean {
  const calendar = member.calendar;
  return (
    calendar.tenantConnectionId !== null &&
    calendar.reason !== 'connection_disabled' &&
    calendar.reason !== 'not_in_directory' &&
    !calendar.disconnected
  );
}

/**
 * Marks personal connections to the org-managed mailbox `shadowedByOrg` while an enabled
 * connection manages it, and clears the mark otherwise. Returns the same object when nothing changes.
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
