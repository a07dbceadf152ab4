// A change to a scheduled meeting (`PATCH /api/meetings/:id`): new time, subject, attendees added or
// removed, the room swapped or dropped — checked like a booking, then turned into the Graph PATCH.
// Attendees keep their answers unless they are new; a new room starts out pending.
import type { FieldIssue } from '../../http/errors.js';
import type { EventUpdate } from '../../microsoft/events.js';
import {
  checkAttendees,
  normalizeTimes,
  validationError,
  type AttendeeInput,
} from './booking-input.js';
import type { Meeting, MeetingAttendee } from './meeting.js';
import { parseMeetingTime, resolveTimeZone, toGraphTime } from './meeting-time.js';

export interface MeetingPatchInput {
  subject?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
  timeZone?: string | undefined;
  attendees?: { add: AttendeeInput[]; remove: string[] } | undefined;
  /** A room address to swap in, or null to drop the room. */
  room?: string | null | undefined;
}

export interface PlannedChange {
  /** Empty when the patch changes nothing. */
  update: EventUpdate;
  /** The meeting as it will be once Graph accepts the update. */
  next: Meeting;
  roomChanged: boolean;
}

const issue = (path: string, message: string): FieldIssue => ({ in: 'body', path, message });

function plannedTimes(
  meeting: Readonly<Meeting>,
  patch: MeetingPatchInput,
  now: number,
  issues: FieldIssue[],
) {
  if (patch.start === undefined && patch.end === undefined && patch.timeZone === undefined) {
    return { start: meeting.start, end: meeting.end, timeZone: meeting.timeZone };
  }
  const zone = resolveTimeZone(patch.timeZone ?? meeting.timeZone) ?? meeting.timeZone;
  const start = patch.start ?? meeting.start;
  let end = patch.end ?? (patch.start === undefined ? meeting.end : undefined);
  if (end === undefined) {
    // A new start alone moves the meeting, keeping its length.
    const from = parseMeetingTime(start, zone);
    const length = Date.parse(meeting.end) - Date.parse(meeting.start);
    end = from === undefined ? start : new Date(from + length).toISOString();
  }
  return normalizeTimes({ start, end, timeZone: patch.timeZone ?? meeting.timeZone }, now, issues);
}

/** What the patch does, or `ERR_VALIDATION` listing every problem. */
export function planChange(
  meeting: Readonly<Meeting>,
  patch: MeetingPatchInput,
  now: number,
  organizerAddresses: ReadonlySet<string>,
  /** Display names of rooms by lower-cased address, for a swapped-in room. */
  roomNames: ReadonlyMap<string, string> = new Map(),
): PlannedChange {
  const issues: FieldIssue[] = [];
  const times = plannedTimes(meeting, patch, now, issues);

  const roomEmail =
    patch.room === undefined ? (meeting.room?.email ?? null) : (patch.room?.toLowerCase() ?? null);
  const roomChanged = roomEmail?.toLowerCase() !== meeting.room?.email.toLowerCase();
  if (roomEmail !== null && organizerAddresses.has(roomEmail.toLowerCase())) {
    issues.push(issue('room', 'That is your own mailbox, not a room.'));
  }

  let attendees: MeetingAttendee[] = meeting.attendees.map((a) => ({ ...a }));
  if (patch.attendees) {
    const invited = new Set(attendees.map((a) => a.email.toLowerCase()));
    const removed = new Set<string>();
    patch.attendees.remove.forEach((email, i) => {
      const lower = email.toLowerCase();
      if (!invited.has(lower)) issues.push(issue(`attendees.remove.${i}`, 'Not invited.'));
      removed.add(lower);
    });
    attendees = attendees.filter((a) => !removed.has(a.email.toLowerCase()));
    patch.attendees.add.forEach((a, i) => {
      const lower = a.email.toLowerCase();
      if (invited.has(lower) && !removed.has(lower)) {
        issues.push(issue(`attendees.add.${i}.email`, 'Already invited.'));
      }
    });
    const added = checkAttendees(
      patch.attendees.add,
      roomEmail,
      organizerAddresses,
      issues,
      'attendees.add',
      attendees.length,
    );
    attendees.push(...added.map((a) => ({ ...a, response: 'none' as const, respondedAt: null })));
  }
  if (
    roomEmail !== null &&
    attendees.some((a) => a.email.toLowerCase() === roomEmail.toLowerCase())
  ) {
    issues.push(issue('room', 'Already invited as an attendee.'));
  }
  if (!times || issues.length > 0) throw validationError(issues);

  const update: EventUpdate = {};
  const subject = patch.subject ?? meeting.subject;
  if (subject !== meeting.subject) update.subject = subject;
  const timesChanged =
    times.start !== meeting.start ||
    times.end !== meeting.end ||
    times.timeZone !== meeting.timeZone;
  if (timesChanged) {
    update.start = toGraphTime(times.start, times.timeZone);
    update.end = toGraphTime(times.end, times.timeZone);
  }
  const attendeesChanged =
    patch.attendees !== undefined &&
    (patch.attendees.add.length > 0 || patch.attendees.remove.length > 0);
  if (attendeesChanged || roomChanged) {
    update.attendees = [
      ...attendees.map((a) => ({ address: a.email, type: a.type })),
      ...(roomEmail === null ? [] : [{ address: roomEmail, type: 'resource' as const }]),
    ];
  }
  const roomName = roomEmail === null ? null : (roomNames.get(roomEmail.toLowerCase()) ?? null);
  if (roomChanged) {
    update.location =
      roomEmail === null
        ? { displayName: '' }
        : { displayName: roomName ?? roomEmail, locationEmailAddress: roomEmail };
  }
  const room =
    roomEmail === null
      ? null
      : roomChanged
        ? { email: roomEmail, name: roomName, response: 'pending' as const, respondedAt: null }
        : meeting.room;
  return {
    update,
    roomChanged,
    next: { ...meeting, subject, ...times, attendees, room: room ? { ...room } : null },
  };
}
