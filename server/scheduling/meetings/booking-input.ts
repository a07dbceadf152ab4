// What a booking or a change asks for, checked beyond its JSON shape: times in a known zone, in the
// future and of sane length; attendees distinct, not the room, and within Exchange's 500.
import { createHash } from 'node:crypto';
import { AppError, type FieldIssue } from '../../http/errors.js';
import type { AttendeeKind } from './meeting.js';
import { parseMeetingTime, resolveTimeZone } from './meeting-time.js';

/** Exchange's limit on attendees of one event (graph-facts §3.5), the room included. */
export const MAX_ATTENDEES = 500;
export const MAX_DURATION_MS = 7 * 86_400_000;
/** How far ahead a booking may start. */
export const MAX_LEAD_MS = 2 * 366 * 86_400_000;

export interface AttendeeInput {
  email: string;
  type: AttendeeKind;
}

/** The body of `POST /api/meetings`, as validated by its schema. */
export interface BookingInput {
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  attendees: AttendeeInput[];
  room?: string | undefined;
  teams: boolean;
  body?: string | undefined;
  destination?: string | undefined;
}

export interface NormalizedTimes {
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** IANA. */
  timeZone: string;
}

export interface NormalizedBooking extends NormalizedTimes {
  subject: string;
  attendees: AttendeeInput[];
  room: string | null;
  teams: boolean;
  body: string | null;
  destination: string | undefined;
}

export function validationError(issues: FieldIssue[]): AppError {
  return new AppError('ERR_VALIDATION', {
    detail: `${issues.length} field${issues.length === 1 ? '' : 's'} failed validation.`,
    errors: issues,
  });
}

const issue = (path: string, message: string): FieldIssue => ({ in: 'body', path, message });

/** Start, end and zone as instants; pushes an issue for each problem. */
export function normalizeTimes(
  input: { start: string; end: string; timeZone: string },
  now: number,
  issues: FieldIssue[],
): NormalizedTimes | undefined {
  const zone = resolveTimeZone(input.timeZone);
  if (!zone) {
    issues.push(issue('timeZone', 'Not a known IANA or Windows time zone.'));
    return undefined;
  }
  const start = parseMeetingTime(input.start, zone);
  const end = parseMeetingTime(input.end, zone);
  const shape =
    'Use 2026-03-10T09:00 (in timeZone) or an instant with an offset such as 2026-03-10T17:00:00Z.';
  if (start === undefined) issues.push(issue('start', shape));
  if (end === undefined) issues.push(issue('end', shape));
  if (start === undefined || end === undefined) return undefined;
  const before = issues.length;
  if (end <= start) issues.push(issue('end', 'Must be after start.'));
  else if (end - start > MAX_DURATION_MS)
    issues.push(issue('end', 'A meeting lasts at most 7 days.'));
  if (end <= now) issues.push(issue('end', 'The meeting would be over already.'));
  if (start - now > MAX_LEAD_MS) issues.push(issue('start', 'At most two years ahead.'));
  if (issues.length > before) return undefined;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString(), timeZone: zone };
}

/**
 * Attendees without the organizer, checked for duplicates, the room, and the limit (counting
 * `alreadyInvited` others).
 */
export function checkAttendees(
  attendees: readonly AttendeeInput[],
  room: string | null,
  organizerAddresses: ReadonlySet<string>,
  issues: FieldIssue[],
  path = 'attendees',
  alreadyInvited = 0,
): AttendeeInput[] {
  const seen = new Set<string>();
  const kept: AttendeeInput[] = [];
  attendees.forEach((a, i) => {
    const email = a.email.toLowerCase();
    if (seen.has(email)) issues.push(issue(`${path}.${i}.email`, 'Listed twice.'));
    else if (room !== null && email === room.toLowerCase()) {
      issues.push(
        issue(`${path}.${i}.email`, 'The room is invited through `room`, not as an attendee.'),
      );
    } else if (!organizerAddresses.has(email)) kept.push({ email, type: a.type });
    seen.add(email);
  });
  if (alreadyInvited + kept.length + (room === null ? 0 : 1) > MAX_ATTENDEES) {
    issues.push(
      issue(path, `At most ${MAX_ATTENDEES} attendees, the room included (an Exchange limit).`),
    );
  }
  return kept;
}

/** The whole booking request, or `ERR_VALIDATION` listing every problem. */
export function normalizeBooking(
  input: BookingInput,
  now: number,
  organizerAddresses: ReadonlySet<string>,
): NormalizedBooking {
  const issues: FieldIssue[] = [];
  const times = normalizeTimes(input, now, issues);
  const room = input.room?.toLowerCase() ?? null;
  if (room !== null && organizerAddresses.has(room)) {
    issues.push(issue('room', 'That is your own mailbox, not a room.'));
  }
  const attendees = checkAttendees(input.attendees, room, organizerAddresses, issues);
  if (!times || issues.length > 0) throw validationError(issues);
  return {
    ...times,
    subject: input.subject,
    attendees,
    room,
    teams: input.teams,
    body: input.body ?? null,
    destination: input.destination,
  };
}

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A digest of the request, to tell a retry from another request reusing its idempotency key. */
export function requestDigest(input: BookingInput): string {
  return createHash('sha256')
    .update(JSON.stringify(stable(input)))
    .digest('base64url');
}
