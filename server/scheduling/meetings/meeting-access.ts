// Who may do what with meetings (DESIGN §9 "App-only writes are bound to the caller"): a member books
// only on their own org-managed mailbox, through a connection that may write calendars; a meeting
// is seen by its organizer and by the org members it invites, and changed only by its organizer.
// Anyone else — another org included — is told it does not exist.
import type { Membership } from '../../domain/membership.js';
import { orgMailboxOf, type OrgMailbox } from '../../domain/org-calendar.js';
import type { OrgRepository } from '../../domain/org-repository.js';
import type { Member, PermissionTier } from '../../domain/types.js';
import { AppError } from '../../http/errors.js';
import type { Meeting } from './meeting.js';

const BOOKING_TIERS: ReadonlySet<PermissionTier> = new Set(['booking', 'orgEvents', 'attendance']);

/** Every address of the member's own mailbox, lower-cased. */
export function memberAddresses(member: Member): Set<string> {
  const addresses = new Set<string>([member.email.toLowerCase()]);
  const link = member.directory;
  if (link) {
    if (link.mail) addresses.add(link.mail.toLowerCase());
    addresses.add(link.userPrincipalName.toLowerCase());
    for (const p of link.proxyAddresses) {
      if (/^smtp:/i.test(p)) addresses.add(p.slice(5).toLowerCase());
    }
  }
  addresses.delete('');
  return addresses;
}

/**
 * The caller's own mailbox, where Quorum may book for them. The connection's tier must reach
 * booking — unless its token carried no roles at all (Exchange RBAC for Applications grants
 * Calendars.ReadWrite per mailbox, and Graph's answer then decides).
 */
export async function bookingMailbox(
  orgs: OrgRepository,
  { org, member }: Membership,
): Promise<OrgMailbox> {
  if (member.calendar.disconnected) throw new AppError('ERR_CALENDAR_DISCONNECTED');
  const own = orgMailboxOf(member, await orgs.listConnections(org.id));
  if (!own) throw new AppError('ERR_CALENDAR_NOT_MANAGED');
  const { tier, grantedRoles } = own.connection;
  if (!BOOKING_TIERS.has(tier) && grantedRoles.length > 0) {
    throw new AppError('ERR_BOOKING_NOT_GRANTED', {
      detail: `The organization's connection to your tenant has the ${tier} tier: booking needs Calendars.ReadWrite. An org admin adds it by consenting again (activation link); availability keeps working meanwhile.`,
    });
  }
  return own;
}

export type MeetingRole = 'organizer' | 'attendee';

/** The caller's part in the meeting, or `ERR_NOT_FOUND` when they have none (no existence leak). */
export function roleIn(
  meeting: Readonly<Meeting> | undefined,
  { org, member }: Membership,
): MeetingRole {
  if (meeting && meeting.orgId === org.id) {
    if (meeting.organizerMemberId === member.id) return 'organizer';
    const mine = memberAddresses(member);
    if (
      meeting.state !== 'failed' &&
      meeting.attendees.some((a) => mine.has(a.email.toLowerCase()))
    ) {
      return 'attendee';
    }
  }
  throw new AppError('ERR_NOT_FOUND', { detail: 'No such meeting.' });
}

/** `ERR_NOT_FOUND` unless visible, then `ERR_MEETING_NOT_ORGANIZER` unless the caller organized it. */
export function requireOrganizer(
  meeting: Readonly<Meeting> | undefined,
  membership: Membership,
): void {
  if (roleIn(meeting, membership) !== 'organizer') throw new AppError('ERR_MEETING_NOT_ORGANIZER');
}
