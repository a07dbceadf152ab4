// A member's own switch on the org-managed calendar (DESIGN J3, only when the org allows it). While
// it is off, Quorum reads nothing of that calendar, and everyone sees why: the member (`GET /api/me`),
// the admin's member table, its filters and the status counts all show `member_disconnected`.
import type { OrgCalendarState } from './types.js';

/** Drops what a probe left that no longer applies (a failing request's id, a throttle's retry time). */
function withoutProbeDetails(calendar: OrgCalendarState): OrgCalendarState {
  const { requestId: _requestId, retryAt: _retryAt, ...rest } = calendar;
  return rest;
}

/** The calendar once the member disconnects it; calendar choices and destination are kept. */
export function disconnectCalendar(calendar: OrgCalendarState, now: string): OrgCalendarState {
  return {
    ...withoutProbeDetails(calendar),
    disconnected: true,
    status: 'not_connected',
    reason: 'member_disconnected',
    checkedAt: now,
  };
}

/** The calendar once the member reconnects it: unknown until it is checked again. */
export function reconnectCalendar(calendar: OrgCalendarState): OrgCalendarState {
  return {
    ...withoutProbeDetails(calendar),
    disconnected: false,
    status: 'checking',
    reason: 'checking',
  };
}

/**
 * The state to show: a disconnected calendar reads as `member_disconnected`, whatever a later
 * directory change or probe wrote over the record.
 */
export function shownCalendar(calendar: OrgCalendarState): OrgCalendarState {
  if (!calendar.disconnected || calendar.reason === 'member_disconnected') return calendar;
  return {
    ...withoutProbeDetails(calendar),
    status: 'not_connected',
    reason: 'member_disconnected',
  };
}
