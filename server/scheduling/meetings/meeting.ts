// The Meeting record (DESIGN §3): a booking Quorum made on its organizer's own calendar, written to
// the store as an outbox entry (`pending`, with its `transactionId`) before the Graph POST.
import type { MailboxRef } from '../../domain/org-calendar.js';

export type MeetingState = 'pending' | 'scheduled' | 'cancelled' | 'failed';

/** An attendee's answer as Graph tallies it on the organizer's copy (`notResponded` reads as `none`). */
export type AttendeeAnswer = 'none' | 'accepted' | 'tentativelyAccepted' | 'declined';

/** A room's answer: its booking attendant accepted or declined, or a delegate has yet to approve. */
export type RoomAnswer = 'accepted' | 'declined' | 'pending';

export type AttendeeKind = 'required' | 'optional';

export interface MeetingAttendee {
  email: string;
  type: AttendeeKind;
  response: AttendeeAnswer;
  /** UTC ISO instant of the answer; null while unanswered. */
  respondedAt: string | null;
}

export interface MeetingRoom {
  email: string;
  /** Display name from the tenant's places, for the event's location; null when unknown. */
  name: string | null;
  response: RoomAnswer;
  respondedAt: string | null;
}

/** Where the event went: the default calendar, the Quorum Scheduler calendar, or a chosen one. */
export interface MeetingDestination {
  /** What was asked: `default`, `scheduler` or a calendar id (from the request or the member's choice). */
  requested: string;
  used: 'default' | 'scheduler' | 'calendar';
  /** Why the scheduler calendar was used instead of the requested one; null when it was not. */
  reason: string | null;
}

export interface MeetingTeams {
  requested: boolean;
  /** Null while the booking is pending. */
  created: boolean | null;
  reason: string | null;
}

/** What Graph answered when it refused the booking for good. */
export interface MeetingFailure {
  status: number;
  code: string;
  message: string;
  requestId: string | null;
}

export interface Meeting {
  id: string;
  orgId: string;
  organizerMemberId: string;
  organizerEmail: string;
  /** The organizer's own mailbox, where the event lives (never anyone else's). */
  mailbox: MailboxRef;
  /** Calendar folder of the event; null for the mailbox's default calendar. */
  calendarId: string | null;
  destination: MeetingDestination;
  /** Client-generated, fixed before the first POST; Graph drops a replay carrying it. */
  transactionId: string;
  /** The client's `Idempotency-Key`, and a digest of the request it came with. */
  idempotencyKey: string | null;
  requestHash: string | null;
  graphEventId: string | null;
  iCalUId: string | null;
  joinUrl: string | null;
  webLink: string | null;
  subject: string;
  /** Plain-text body, kept only while the POST may still have to be sent. */
  body: string | null;
  /** UTC ISO instants. */
  start: string;
  end: string;
  /** IANA zone the organizer booked in; the event carries it. */
  timeZone: string;
  attendees: MeetingAttendee[];
  room: MeetingRoom | null;
  teams: MeetingTeams;
  /** Whether the POST asks for a Teams meeting (requested and offered by the calendar). */
  onlineMeeting: boolean;
  state: MeetingState;
  failure: MeetingFailure | null;
  createdAt: string;
  updatedAt: string;
  /** When responses were last read from Graph. */
  responsesCheckedAt: string | null;
  cancelledAt: string | null;
}

/** A free room offered in place of one that declined. */
export interface RoomOption {
  email: string;
  name: string;
  capacity: number | null;
  building: string | null;
  floor: string | null;
}
