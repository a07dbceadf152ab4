// Events on a member's (or the service mailbox's) calendar (graph-facts §3.5–§3.7). Bookings are
// replay-safe: every create carries a `transactionId`, which Exchange uses to drop a duplicate
// POST, and a Quorum extended property, by which a booking interrupted between the store write
// and the POST is found again on restart.

import type { GraphClient } from './graph/index.js';
import type {
  Attendee,
  AttendeeType,
  DateTimeTimeZone,
  GraphEvent,
  ResponseType,
} from './graph-types.js';
import { segment, userPath } from './paths.js';

/** The MAPI named property holding Quorum's meeting id (a fixed GUID for Quorum, per Outlook's rules). */
export const QUORUM_MEETING_PROPERTY =
  'String {29c1f745-19fb-44f6-8971-c6fb860273f3} Name QuorumMeetingId';

export interface NewEvent {
  /** Client-generated, stored before the POST; lets Graph deduplicate a replayed create. */
  transactionId: string;
  /** Quorum's meeting id, written to `QUORUM_MEETING_PROPERTY`. */
  quorumMeetingId: string;
  subject: string;
  body?: { contentType: 'text' | 'html'; content: string };
  start: DateTimeTimeZone;
  end: DateTimeTimeZone;
  attendees?: { address: string; name?: string; type: AttendeeType }[];
  location?: { displayName: string; locationEmailAddress?: string };
  /** Adds a Teams meeting when the calendar allows `teamsForBusiness`. */
  teamsMeeting?: boolean;
  hideAttendees?: boolean;
  allowNewTimeProposals?: boolean;
}

export type EventUpdate = Partial<
  Pick<NewEvent, 'subject' | 'body' | 'start' | 'end' | 'attendees' | 'location' | 'hideAttendees'>
>;

export const EVENT_SELECT =
  'id,iCalUId,subject,start,end,isAllDay,isCancelled,showAs,type,organizer,attendees,responseStatus,location,isOnlineMeeting,onlineMeetingProvider,onlineMeeting,transactionId,webLink';

/**
 * `POST /users/{id}/events` (or `/users/{id}/calendars/{calendarId}/events`) — creates the event
 * and sends the invitations. Retried on 429/503/504 because the `transactionId` makes a replay
 * return the first event instead of a second one.
 */
export async function createEvent(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  event: NewEvent,
  options: { calendarId?: string } = {},
): Promise<GraphEvent> {
  const path =
    options.calendarId === undefined
      ? `${userPath(userId)}/events`
      : `${userPath(userId)}/calendars/${segment(options.calendarId)}/events`;
  return graph.post<GraphEvent>(
    tenantId,
    path,
    {
      ...toGraphFields(event),
      transactionId: event.transactionId,
      ...(event.teamsMeeting
        ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' }
        : {}),
      ...(event.allowNewTimeProposals === undefined
        ? {}
        : { allowNewTimeProposals: event.allowNewTimeProposals }),
      singleValueExtendedProperties: [
        { id: QUORUM_MEETING_PROPERTY, value: event.quorumMeetingId },
      ],
    },
    { idempotent: true },
  );
}

/** `GET /users/{id}/events/{eventId}` — one event with Quorum's fields; 404 `ErrorItemNotFound` if gone. */
export async function getEvent(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  eventId: string,
): Promise<GraphEvent> {
  return graph.get<GraphEvent>(tenantId, `${userPath(userId)}/events/${segment(eventId)}`, {
    query: { $select: EVENT_SELECT },
  });
}

/**
 * `GET /users/{id}/events?$filter=singleValueExtendedProperties/any(…)` (or
 * `/users/{id}/calendars/{calendarId}/events?…` for an event created in that calendar) — the events
 * carrying a Quorum meeting id: how an outbox entry whose POST outcome is unknown is resolved after
 * a crash.
 */
export async function findEventsByQuorumId(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  quorumMeetingId: string,
  options: { calendarId?: string } = {},
): Promise<GraphEvent[]> {
  const quoted = quorumMeetingId.replace(/'/g, "''");
  const found: GraphEvent[] = [];
  for await (const page of graph.pages<GraphEvent>({
    tenantId,
    path:
      options.calendarId === undefined
        ? `${userPath(userId)}/events`
        : `${userPath(userId)}/calendars/${segment(options.calendarId)}/events`,
    query: {
      $filter: `singleValueExtendedProperties/any(ep: ep/id eq '${QUORUM_MEETING_PROPERTY}' and ep/value eq '${quoted}')`,
      $select: EVENT_SELECT,
    },
  })) {
    found.push(...page.value);
  }
  return found;
}

/** `PATCH /users/{id}/events/{eventId}` — changes the event; attendees get an update (200 + event). */
export async function updateEvent(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  eventId: string,
  update: EventUpdate,
): Promise<GraphEvent> {
  return graph.patch<GraphEvent>(
    tenantId,
    `${userPath(userId)}/events/${segment(eventId)}`,
    toGraphFields(update),
  );
}

/**
 * `POST /users/{id}/events/{eventId}/cancel` — organizer-only; attendees get the cancellation with
 * `comment` (202, no body).
 */
export async function cancelEvent(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  eventId: string,
  comment?: string,
): Promise<void> {
  await graph.post(
    tenantId,
    `${userPath(userId)}/events/${segment(eventId)}/cancel`,
    comment === undefined ? {} : { comment },
  );
}

/** `DELETE /users/{id}/events/{eventId}` — removes the event (204); for a meeting, attendees are told. */
export async function deleteEvent(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  eventId: string,
): Promise<void> {
  await graph.delete(tenantId, `${userPath(userId)}/events/${segment(eventId)}`);
}

export interface AttendeeResponse {
  address: string;
  type: AttendeeType;
  response: ResponseType;
  /** UTC ISO instant, undefined while nobody answered (Graph sends year 0001). */
  respondedAt: string | undefined;
}

/** `GET /users/{id}/events/{eventId}?$select=attendees` — each attendee's answer, rooms included. */
export async function getAttendeeResponses(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  eventId: string,
): Promise<AttendeeResponse[]> {
  const { attendees } = await graph.get<{ attendees?: Attendee[] }>(
    tenantId,
    `${userPath(userId)}/events/${segment(eventId)}`,
    { query: { $select: 'attendees' } },
  );
  return (attendees ?? []).map((a) => {
    const time = a.status?.time;
    return {
      address: a.emailAddress.address,
      type: a.type,
      response: a.status?.response ?? 'none',
      respondedAt: time === undefined || time.startsWith('0001-') ? undefined : time,
    };
  });
}

function toGraphFields(e: EventUpdate): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.subject !== undefined) out['subject'] = e.subject;
  if (e.body !== undefined) out['body'] = e.body;
  if (e.start !== undefined) out['start'] = e.start;
  if (e.end !== undefined) out['end'] = e.end;
  if (e.hideAttendees !== undefined) out['hideAttendees'] = e.hideAttendees;
  if (e.location !== undefined) out['location'] = e.location;
  if (e.attendees !== undefined) {
    out['attendees'] = e.attendees.map((a) => ({
      emailAddress:
        a.name === undefined ? { address: a.address } : { address: a.address, name: a.name },
      type: a.type,
    }));
  }
  return out;
}
