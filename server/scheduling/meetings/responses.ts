// Reading a meeting back from the organizer's copy of its event: who answered what and when (Exchange
// tallies attendees' and rooms' answers there), and what the organizer changed in Outlook.
import type { Attendee, GraphEvent, ResponseType } from '../../microsoft/graph-types.js';
import type {
  AttendeeAnswer,
  Meeting,
  MeetingAttendee,
  MeetingRoom,
  RoomAnswer,
} from './meeting.js';
import { fromGraphTime } from './meeting-time.js';

function answerOf(response: ResponseType | undefined): AttendeeAnswer {
  switch (response) {
    case 'accepted':
    case 'tentativelyAccepted':
    case 'declined':
      return response;
    default:
      return 'none';
  }
}

/** A room's answer: a delegate-approval room stays unanswered (or tentative) until approved. */
export function roomAnswerOf(response: ResponseType | undefined): RoomAnswer {
  if (response === 'accepted') return 'accepted';
  if (response === 'declined') return 'declined';
  return 'pending';
}

/** Graph's "no answer yet" time is year 0001. */
function timeOf(attendee: Attendee): string | null {
  const time = attendee.status?.time;
  if (time === undefined || time.startsWith('0001-')) return null;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The answers on the organizer's copy, in the meeting's terms. */
export function answersFrom(
  event: Pick<GraphEvent, 'attendees'>,
  current: Pick<MeetingRoom, 'email' | 'name'> | null,
): { attendees: MeetingAttendee[]; room: MeetingRoom | null } {
  const room = current?.email.toLowerCase() ?? null;
  const attendees: MeetingAttendee[] = [];
  let roomAnswer: MeetingRoom | null = null;
  for (const a of event.attendees ?? []) {
    const address = a.emailAddress.address;
    if (room !== null && address.toLowerCase() === room) {
      roomAnswer = {
        email: current?.email ?? address,
        name: current?.name ?? null,
        response: roomAnswerOf(a.status?.response),
        respondedAt:
          a.status?.response === 'accepted' || a.status?.response === 'declined' ? timeOf(a) : null,
      };
      continue;
    }
    // Other resources (equipment added in Outlook) are not people.
    if (a.type === 'resource') continue;
    const response = answerOf(a.status?.response);
    attendees.push({
      email: address,
      type: a.type === 'optional' ? 'optional' : 'required',
      response,
      respondedAt: response === 'none' ? null : timeOf(a),
    });
  }
  if (current !== null && roomAnswer === null) {
    roomAnswer = {
      email: current.email,
      name: current.name,
      response: 'pending',
      respondedAt: null,
    };
  }
  return { attendees, room: roomAnswer };
}

/** The meeting as its organizer copy now stands (answers, time, subject, Teams link, cancellation). */
export function refreshedFrom(meeting: Readonly<Meeting>, event: GraphEvent, at: string): Meeting {
  const { attendees, room } = answersFrom(event, meeting.room);
  const start = fromGraphTime(event.start) ?? meeting.start;
  const end = fromGraphTime(event.end) ?? meeting.end;
  const joinUrl = event.onlineMeeting?.joinUrl ?? meeting.joinUrl;
  const cancelled = event.isCancelled === true;
  return {
    ...meeting,
    subject: event.subject ?? meeting.subject,
    start,
    end,
    attendees,
    room,
    joinUrl,
    webLink: event.webLink ?? meeting.webLink,
    state: cancelled ? 'cancelled' : meeting.state,
    cancelledAt: cancelled ? (meeting.cancelledAt ?? at) : meeting.cancelledAt,
    responsesCheckedAt: at,
    updatedAt: at,
  };
}
