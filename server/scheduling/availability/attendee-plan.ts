// What to read for one member (DESIGN §1, availability semantics): the org-managed mailbox through
// its tenant's connection (getSchedule for the default calendar, calendarView for the calendars the
// member chose and the one Quorum books into), plus every connected personal calendar that the
// org-managed one does not shadow — or, when none of that can be read, why they are unknown.
import { orgMailboxOf, type MailboxRef } from '../../domain/org-calendar.js';
import type {
  Member,
  PersonalCalendarConnection,
  StatusReason,
  TenantConnection,
} from '../../domain/types.js';
import { SCHEDULER_DESTINATION } from '../../http/routes/me-calendars.js';
import type { UnknownReason } from './unknown-reasons.js';

export interface OrgMailboxPlan {
  readonly tenantId: string;
  readonly objectId: string;
  /** The address getSchedule is asked for (its primary SMTP address). */
  readonly address: string;
  /** Calendars beyond the default one that count for conflicts (ids). */
  readonly extraCalendarIds: readonly string[];
  /** The member books into the Quorum Scheduler calendar, which counts too (found by name). */
  readonly schedulerCalendar: boolean;
}

export type AttendeePlan =
  | {
      readonly kind: 'read';
      readonly org: OrgMailboxPlan | undefined;
      readonly personal: readonly PersonalCalendarConnection[];
    }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason };

/** Reasons that say the directory user behind the member has no calendar of its own to read. */
const NO_ORG_CALENDAR: ReadonlySet<StatusReason> = new Set(['not_in_directory', 'guest_account']);

/** How to read `member`'s availability, given the org's tenant connections. */
export function planAttendee(
  member: Member,
  connections: readonly Readonly<TenantConnection>[],
): AttendeePlan {
  const calendar = member.calendar;
  if (calendar.disconnected) return { kind: 'unknown', reason: 'disconnected' };
  if (calendar.reason === 'account_disabled')
    return { kind: 'unknown', reason: 'account_disabled' };
  const personal = member.personalCalendars.filter((p) => !p.shadowedByOrg);
  const broken = personal.some((p) => p.status !== 'connected');
  const managed = NO_ORG_CALENDAR.has(calendar.reason)
    ? undefined
    : orgMailboxOf(member, connections);

  if (managed) {
    if (broken) return { kind: 'unknown', reason: 'personal_calendar_unavailable' };
    return { kind: 'read', org: orgPlan(member, managed.mailbox), personal };
  }
  // A directory user in a tenant the org no longer reaches (connection disabled or deleted): the
  // member's work calendar exists but cannot be read, whatever personal calendars say.
  if (member.directory && !NO_ORG_CALENDAR.has(calendar.reason)) {
    return { kind: 'unknown', reason: unreachableReason(calendar.reason) };
  }
  // No org-managed calendar at all (a guest, an invited outsider): their personal calendars are it.
  if (personal.length > 0) {
    if (broken) return { kind: 'unknown', reason: 'personal_calendar_unavailable' };
    return { kind: 'read', org: undefined, personal };
  }
  return { kind: 'unknown', reason: unreachableReason(calendar.reason) };
}

function unreachableReason(reason: StatusReason): UnknownReason {
  // `connected` left over from before the connection went away.
  return reason === 'connected' ? 'connection_disabled' : reason;
}

function orgPlan(member: Member, mailbox: MailboxRef): OrgMailboxPlan {
  const { selectedCalendarIds, destinationCalendarId } = member.calendar;
  const extra = new Set(selectedCalendarIds);
  if (destinationCalendarId !== null && destinationCalendarId !== SCHEDULER_DESTINATION) {
    extra.add(destinationCalendarId);
  }
  const link = member.directory;
  const sameUser =
    link !== null &&
    link.tenantId.toLowerCase() === mailbox.tenantId &&
    link.objectId.toLowerCase() === mailbox.objectId;
  return {
    tenantId: mailbox.tenantId,
    objectId: mailbox.objectId,
    address: (
      (sameUser ? (link.mail ?? link.userPrincipalName) : null) ?? member.email
    ).toLowerCase(),
    extraCalendarIds: [...extra],
    schedulerCalendar: destinationCalendarId === SCHEDULER_DESTINATION,
  };
}
