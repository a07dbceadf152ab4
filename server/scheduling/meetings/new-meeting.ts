// A booking as the outbox first writes it: `pending`, with a fresh transactionId fixed before any
// POST, on the organizer's own mailbox and the calendar the destination resolved to.
import { newId } from '../../domain/ids.js';
import type { MailboxRef } from '../../domain/org-calendar.js';
import type { Member, Organization } from '../../domain/types.js';
import type { NormalizedBooking } from './booking-input.js';
import type { ResolvedDestination } from './destination.js';
import type { Meeting } from './meeting.js';
import { NO_TEAMS_ON_CALENDAR } from './outbox.js';

export interface NewMeetingInput {
  org: Readonly<Organization>;
  organizer: Member;
  mailbox: MailboxRef;
  booking: NormalizedBooking;
  target: ResolvedDestination;
  /** The target calendar offers Teams meetings. */
  teamsOffered: boolean;
  roomName: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  at: string;
}

export function newMeeting(input: NewMeetingInput): Meeting {
  const { booking, target, teamsOffered, at } = input;
  return {
    id: newId(),
    orgId: input.org.id,
    organizerMemberId: input.organizer.id,
    organizerEmail: input.organizer.email,
    mailbox: input.mailbox,
    calendarId: target.calendarId,
    destination: target.destination,
    transactionId: newId(),
    idempotencyKey: input.idempotencyKey,
    requestHash: input.requestHash,
    graphEventId: null,
    iCalUId: null,
    joinUrl: null,
    webLink: null,
    subject: booking.subject,
    body: booking.body,
    start: booking.start,
    end: booking.end,
    timeZone: booking.timeZone,
    attendees: booking.attendees.map((a) => ({ ...a, response: 'none', respondedAt: null })),
    room:
      booking.room === null
        ? null
        : { email: booking.room, name: input.roomName, response: 'pending', respondedAt: null },
    teams: {
      requested: booking.teams,
      created: null,
      reason: booking.teams && !teamsOffered ? NO_TEAMS_ON_CALENDAR : null,
    },
    onlineMeeting: booking.teams && teamsOffered,
    state: 'pending',
    failure: null,
    createdAt: at,
    updatedAt: at,
    responsesCheckedAt: null,
    cancelledAt: null,
  };
}
