// What the caller's own routes return: their org-managed calendar connection (status, reason, the
// plain-language summary and fix) and their personal calendars, as schemas and as builders.
import { shownCalendar } from '../../domain/member-disconnect.js';
import type { OrgMailbox } from '../../domain/org-calendar.js';
import { REASONS } from '../../domain/reasons.js';
import type { Member, Organization, StatusReason } from '../../domain/types.js';
import { z } from '../zod.js';

const REASON_CODES = Object.keys(REASONS) as [StatusReason, ...StatusReason[]];

export const OrgCalendarSchema = z
  .object({
    managed: z.boolean().openapi({
      description: "An enabled tenant connection of the org reaches the member's mailbox.",
    }),
    status: z.enum(['connected', 'needs_attention', 'not_connected', 'checking']),
    reason: z.enum(REASON_CODES),
    summary: z.string(),
    fix: z.string().nullable(),
    timeZone: z
      .string()
      .nullable()
      .openapi({ description: 'IANA time zone from mailbox settings.' }),
    checkedAt: z.string().nullable(),
    requestId: z.string().optional(),
    retryAt: z.string().optional(),
    disconnected: z.boolean(),
    canDisconnect: z.boolean().openapi({
      description: 'The org lets members disconnect and this member has not.',
    }),
    selectedCalendarIds: z.array(z.string()),
    destinationCalendarId: z.string().nullable().openapi({
      description: 'A calendar id, `scheduler` (the Quorum Scheduler calendar), or null (default).',
    }),
  })
  .openapi('OrgCalendarConnection');

export const PersonalCalendarSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    tenantId: z.string(),
    status: z.enum(['connected', 'reauth_required', 'error']),
    connectedAt: z.string(),
    checkedAt: z.string().nullable(),
    shadowedByOrg: z.boolean().openapi({
      description:
        'The org manages the same mailbox; that connection is used and this one is kept.',
    }),
  })
  .openapi('PersonalCalendarConnection');

export type OrgCalendarView = z.infer<typeof OrgCalendarSchema>;
export type PersonalCalendarView = z.infer<typeof PersonalCalendarSchema>;

export function orgCalendarView(
  member: Member,
  org: Readonly<Organization>,
  orgMailbox: OrgMailbox | undefined,
): OrgCalendarView {
  const c = shownCalendar(member.calendar);
  const info = REASONS[c.reason];
  return {
    managed: orgMailbox !== undefined,
    status: c.status,
    reason: c.reason,
    summary: info.summary,
    fix: info.fix,
    timeZone: c.timeZone,
    checkedAt: c.checkedAt,
    ...(c.requestId ? { requestId: c.requestId } : {}),
    ...(c.retryAt ? { retryAt: c.retryAt } : {}),
    disconnected: c.disconnected,
    canDisconnect: org.settings.allowMemberDisconnect && !c.disconnected,
    selectedCalendarIds: [...c.selectedCalendarIds],
    destinationCalendarId: c.destinationCalendarId,
  };
}

/** The member's personal connections; pass the member through `applyOrgPrecedence` first. */
export function personalCalendarViews(member: Member): PersonalCalendarView[] {
  return member.personalCalendars.map((p) => ({
    id: p.id,
    email: p.email,
    displayName: p.displayName,
    tenantId: p.tenantId,
    status: p.status,
    connectedAt: p.connectedAt,
    checkedAt: p.checkedAt,
    shadowedByOrg: p.shadowedByOrg,
  }));
}
