// One attendee's (or room's) availability from what the reads gave: getSchedule for the org
// mailbox, calendarViews for the other calendars that count, working hours (fresh from getSchedule,
// else as the last sweep stored them) — or unknown, with the most telling reason available.
import type { Member, StatusReason } from '../../domain/types.js';
import type { FreeBusyPolicy } from '../free-busy-policy.js';
import type { WeeklyHours } from '../working-hours.js';
import { isTimeZone } from '../zoned-time.js';
import type { AttendeePlan } from './attendee-plan.js';
import { toBusyIntervals, type BusyInterval } from './busy-intervals.js';
import type { BusyItem } from './calendar-reader.js';
import type { ScheduleOutcome } from './schedule-reader.js';
import type { Unknown } from './unknown-reasons.js';

export interface AttendeeAvailability {
  /** The address as asked, lower-cased. */
  readonly email: string;
  readonly member: { readonly id: string; readonly displayName: string } | null;
  readonly known: boolean;
  readonly unknown: Unknown | null;
  /** IANA zone of the attendee's mailbox, when Quorum knows it. */
  readonly timeZone: string | null;
  readonly workingHours: WeeklyHours | null;
  readonly busy: readonly BusyInterval[];
}

export interface RoomAvailability {
  readonly email: string;
  readonly known: boolean;
  readonly unknown: Unknown | null;
  readonly busy: readonly BusyInterval[];
}

/** An attendee address as resolved in the caller's org, and what to read for it. */
export interface Resolved {
  readonly email: string;
  readonly member: Member | null;
  readonly plan: AttendeePlan;
}

/** What a calendarView read (chosen, scheduler or personal calendar) gave. */
export type Extra = { ok: true; items: BusyItem[] } | { ok: false; unknown: Unknown };

/** Status reasons that already say why a mailbox cannot be read (kept over a vaguer Graph error). */
const SETTLED_PROBLEMS: ReadonlySet<StatusReason> = new Set([
  'no_mailbox',
  'outside_access_scope',
  'not_in_directory',
  'consent_missing',
  'credential_invalid',
  'credential_expired',
]);

/** A room read through getSchedule: known and busy, or unknown (never free). */
export function assembleRoom(
  room: { email: string; tenantId: string },
  schedules: ReadonlyMap<string, ScheduleOutcome>,
  policy: FreeBusyPolicy,
  start: number,
  end: number,
): RoomAvailability {
  const email = room.email.toLowerCase();
  const outcome = schedules.get(`${room.tenantId.toLowerCase()}|${email}`);
  if (!outcome || !outcome.ok) {
    return {
      email,
      known: false,
      unknown: outcome?.ok === false ? outcome.unknown : { reason: 'error' },
      busy: [],
    };
  }
  return {
    email,
    known: true,
    unknown: null,
    busy: toBusyIntervals(scheduleItems(outcome), policy, start, end),
  };
}

/** An attendee from the getSchedule outcomes (keyed `tenant|address`) and their other reads. */
export function assembleAttendee(
  r: Resolved,
  schedules: ReadonlyMap<string, ScheduleOutcome>,
  extras: readonly Extra[],
  policy: FreeBusyPolicy,
  start: number,
  end: number,
): AttendeeAvailability {
  const member = r.member;
  const base = {
    email: r.email,
    member: member ? { id: member.id, displayName: member.displayName } : null,
    timeZone: member?.calendar.timeZone ?? null,
  };
  const stored = storedHours(member);
  const unknown = (why: Unknown): AttendeeAvailability => ({
    ...base,
    known: false,
    unknown: why,
    workingHours: stored,
    busy: [],
  });
  if (r.plan.kind === 'unknown') return unknown({ reason: r.plan.reason });
  const items: BusyItem[] = [];
  let hours = stored;
  const orgPlan = r.plan.org;
  if (orgPlan) {
    const outcome = schedules.get(`${orgPlan.tenantId}|${orgPlan.address}`);
    if (!outcome) return unknown({ reason: 'error' });
    if (!outcome.ok) {
      const reason = member?.calendar.reason;
      return unknown(
        reason !== undefined && reason !== 'connected' && SETTLED_PROBLEMS.has(reason)
          ? { reason }
          : outcome.unknown,
      );
    }
    items.push(...scheduleItems(outcome));
    const fresh = outcome.workingHours;
    const zone = fresh?.timeZone ?? member?.calendar.timeZone ?? stored?.timeZone;
    if (fresh && zone && isTimeZone(zone)) {
      hours = {
        daysOfWeek: fresh.daysOfWeek,
        startTime: fresh.startTime.slice(0, 5),
        endTime: fresh.endTime.slice(0, 5),
        timeZone: zone,
      };
    }
  }
  for (const extra of extras) {
    if (!extra.ok) return unknown(extra.unknown);
    items.push(...extra.items);
  }
  return {
    ...base,
    timeZone: base.timeZone ?? hours?.timeZone ?? null,
    known: true,
    unknown: null,
    workingHours: hours,
    busy: toBusyIntervals(items, policy, start, end),
  };
}

function storedHours(member: Member | null): WeeklyHours | null {
  const hours = member?.calendar.workingHours;
  if (!hours || !isTimeZone(hours.timeZone)) return null;
  return {
    daysOfWeek: hours.daysOfWeek,
    startTime: hours.startTime.slice(0, 5),
    endTime: hours.endTime.slice(0, 5),
    timeZone: hours.timeZone,
  };
}

function scheduleItems(outcome: Extract<ScheduleOutcome, { ok: true }>): BusyItem[] {
  return outcome.items.map((item) => ({
    start: Date.parse(item.start),
    end: Date.parse(item.end),
    status: item.status,
  }));
}
