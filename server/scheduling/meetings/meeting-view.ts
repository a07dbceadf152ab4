// What the API shows of a meeting: never the transactionId, the idempotency key or the mailbox ids.
import type {
  Meeting,
  MeetingAttendee,
  MeetingDestination,
  MeetingFailure,
  MeetingState,
  MeetingTeams,
  RoomAnswer,
  RoomOption,
} from './meeting.js';

export interface MeetingView {
  id: string;
  state: MeetingState;
  subject: string;
  start: string;
  end: string;
  timeZone: string;
  organizer: { email: string };
  /** The caller organized it (may change and cancel it) or is invited. */
  role: 'organizer' | 'attendee';
  attendees: MeetingAttendee[];
  room: {
    email: string;
    /** The room's display name from the tenant's places (cached); null when places do not list it. */
    displayName: string | null;
    /** The same as `displayName` (kept for clients written before it). */
    name: string | null;
    response: RoomAnswer;
    respondedAt: string | null;
    /** Free rooms for the same slot, best fit first, when this one declined. */
    alternatives?: RoomOption[];
  } | null;
  teams: MeetingTeams;
  joinUrl: string | null;
  webLink: string | null;
  iCalUId: string | null;
  destination: MeetingDestination;
  failure: MeetingFailure | null;
  createdAt: string;
  updatedAt: string;
  responsesCheckedAt: string | null;
  cancelledAt: string | null;
}

export function meetingView(
  meeting: Readonly<Meeting>,
  role: 'organizer' | 'attendee',
  alternatives?: RoomOption[],
): MeetingView {
  const { room } = meeting;
  return {
    id: meeting.id,
    state: meeting.state,
    subject: meeting.subject,
    start: meeting.start,
    end: meeting.end,
    timeZone: meeting.timeZone,
    organizer: { email: meeting.organizerEmail },
    role,
    attendees: meeting.attendees.map((a) => ({ ...a })),
    room: room
      ? {
          email: room.email,
          displayName: room.name,
          name: room.name,
          response: room.response,
          respondedAt: room.respondedAt,
          ...(alternatives === undefined ? {} : { alternatives }),
        }
      : null,
    teams: { ...meeting.teams },
    joinUrl: meeting.joinUrl,
    // Outlook on the web's link to the organizer's own copy.
    webLink: role === 'organizer' ? meeting.webLink : null,
    iCalUId: meeting.iCalUId,
    destination: { ...meeting.destination },
    // The organizer's own business: an attendee does not see why a booking failed.
    failure: role === 'organizer' ? meeting.failure : null,
    createdAt: meeting.createdAt,
    updatedAt: meeting.updatedAt,
    responsesCheckedAt: meeting.responsesCheckedAt,
    cancelledAt: meeting.cancelledAt,
  };
}
