// How a member's org-managed calendar state moves: a probe outcome, a directory-derived reason or a
// connection-level reason becomes the new `calendar`, keeping what the member chose (selected
// calendars, destination, disconnected) and, on transient failures, the last known status.
import { categoryOf } from '../domain/reasons.js';
import type {
  DirectoryLink,
  Member,
  OrgCalendarState,
  StatusReason,
  WorkingHours,
} from '../domain/types.js';
import { applyOrgPrecedence } from './shadowing.js';

/** What one health probe (or a decision without one) says about a member's calendar. */
export type CalendarOutcome =
  | { kind: 'connected'; timeZone: string | null; workingHours: WorkingHours | null }
  | { kind: 'reason'; reason: Exclude<StatusReason, 'connected' | 'throttled'>; requestId?: string }
  /** 429/503/504 (or no answer) after every retry: keep the last known status, try again later. */
  | { kind: 'transient'; retryAt: string };

/** The calendar state of a member never probed (linked to `connectionId`, or to none). */
export function uncheckedCalendar(connectionId: string | null): OrgCalendarState {
  return {
    tenantConnectionId: connectionId,
    status: 'checking',
    reason: 'checking',
    checkedAt: null,
    timeZone: null,
    workingHours: null,
    disconnected: false,
    selectedCalendarIds: [],
    destinationCalendarId: null,
  };
}

function nextCalendar(
  current: OrgCalendarState,
  outcome: CalendarOutcome,
  now: string,
): OrgCalendarState {
  // The member's own choices are never touched by a probe.
  const base: OrgCalendarState = {
    tenantConnectionId: current.tenantConnectionId,
    status: current.status,
    reason: current.reason,
    checkedAt: current.checkedAt,
    timeZone: current.timeZone,
    workingHours: current.workingHours,
    disconnected: current.disconnected,
    selectedCalendarIds: current.selectedCalendarIds,
    destinationCalendarId: current.destinationCalendarId,
  };
  // The member switched the org-managed calendar off: nothing Quorum reads or decides about the
  // mailbox (a probe, the connection being disabled or broken) replaces that until they switch it on.
  if (current.disconnected) {
    return { ...base, status: 'not_connected', reason: 'member_disconnected' };
  }
  switch (outcome.kind) {
    case 'connected':
      return {
        ...base,
        status: 'connected',
        reason: 'connected',
        checkedAt: now,
        timeZone: outcome.timeZone ?? current.timeZone,
        workingHours: outcome.workingHours ?? current.workingHours,
      };
    case 'reason':
      return {
        ...base,
        status: categoryOf(outcome.reason),
        reason: outcome.reason,
        checkedAt: now,
        ...(outcome.requestId === undefined ? {} : { requestId: outcome.requestId }),
      };
    case 'transient': {
      // Nothing known yet: say so. Known: keep it, with the time of the next attempt.
      const unknown = current.reason === 'checking' || current.reason === 'throttled';
      return unknown
        ? { ...base, status: 'checking', reason: 'throttled', retryAt: outcome.retryAt }
        : {
            ...base,
            retryAt: outcome.retryAt,
            ...(current.requestId === undefined ? {} : { requestId: current.requestId }),
          };
    }
  }
}

/** The member after `outcome`, with personal connections re-shadowed. */
export function applyOutcome(member: Member, outcome: CalendarOutcome, now: string): Member {
  return applyOrgPrecedence({ ...member, calendar: nextCalendar(member.calendar, outcome, now) });
}

/** A reason decided without a probe (directory data, connection state). */
export function applyReason(
  member: Member,
  reason: Exclude<StatusReason, 'connected' | 'throttled'>,
  now: string,
): Member {
  return applyOutcome(member, { kind: 'reason', reason }, now);
}

/** True when the status shown to admins differs (for per-sweep change counts). */
export function statusChanged(before: Member, after: Member): boolean {
  return before.calendar.reason !== after.calendar.reason;
}

/** What the directory alone decides, without a probe: disabled accounts and guests. */
export function directoryReason(
  link: DirectoryLink | null,
): 'account_disabled' | 'guest_account' | undefined {
  if (link?.accountEnabled === false) return 'account_disabled';
  if (link?.userType === 'Guest') return 'guest_account';
  return undefined;
}
