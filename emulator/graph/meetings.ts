// Creating and updating events in a mailbox: times and zones, Teams meetings, transactionId
// de-duplication, then invitations to attendees and rooms.
import type { Tenant, User } from '../world/types.js';
import { GraphHttpError } from './errors.js';
import {
  NO_RESPONSE_TIME,
  type EventAttendee,
  type EventLocation,
  type StoredEvent,
} from './event-model.js';
import type { EventInput } from './event-input.js';
import { newChangeKey, newICalUId, newItemId } from './ids.js';
import {
  answerRoomsAgain,
  cancelCopies,
  clearRoomAnswers,
  sendInvitations,
  touch,
  uninvite,
} from './invitations.js';
import type { MailboxData } from './mailbox-store.js';
import type { GraphState } from './state.js';
import { newTeamsMeeting, teamsBodyBlob } from './teams.js';
import {
  fromDateTimeTimeZone,
  parseLocalDateTime,
  requireIana,
  wallClockToUtc,
} from './time-zones.js';

function toLocation(input: NonNullable<EventInput['location']>): EventLocation {
  return {
    displayName: input.displayName ?? '',
    locationType: input.locationType ?? 'default',
    uniqueId: input.uniqueId ?? input.displayName,
    uniqueIdType: input.uniqueIdType ?? (input.displayName ? 'private' : 'unknown'),
    ...(input.locationEmailAddress ? { locationEmailAddress: input.locationEmailAddress } : {}),
    ...(input.address ? { address: input.address } : {}),
  };
}

const EMPTY_LOCATION: EventLocation = {
  displayName: '',
  locationType: 'default',
  uniqueIdType: 'unknown',
};

function toAttendees(input: EventInput['attendees']): EventAttendee[] {
  return (input ?? []).map((a) => ({
    type: a.type,
    emailAddress: {
      name: a.emailAddress.name ?? a.emailAddress.address,
      address: a.emailAddress.address,
    },
    status: { response: 'none', time: NO_RESPONSE_TIME },
  }));
}

/** Start/end instants; all-day events are pinned to midnight of their dates in their zone. */
function times(input: EventInput, isAllDay: boolean) {
  if (!input.start || !input.end) {
    // [U] Outlook's wording for a missing start/end is not documented.
    throw new GraphHttpError(
      400,
      'ErrorInvalidRequest',
      "Your request can't be completed. Start and End must be specified.",
    );
  }
  const startZone = input.start.timeZone ?? 'UTC';
  const endZone = input.end.timeZone ?? startZone;
  let startUtc: number;
  let endUtc: number;
  if (isAllDay) {
    const s = parseLocalDateTime(input.start.dateTime);
    const e = parseLocalDateTime(input.end.dateTime);
    if (!s || !e)
      throw new GraphHttpError(400, 'ErrorInvalidRequest', 'Invalid all-day event dates.');
    startUtc = wallClockToUtc({ ...s, hour: 0, minute: 0, second: 0 }, requireIana(startZone));
    endUtc = wallClockToUtc({ ...e, hour: 0, minute: 0, second: 0 }, requireIana(endZone));
  } else {
    startUtc = fromDateTimeTimeZone({ dateTime: input.start.dateTime, timeZone: startZone });
    endUtc = fromDateTimeTimeZone({ dateTime: input.end.dateTime, timeZone: endZone });
  }
  if (endUtc < startUtc) {
    throw new GraphHttpError(
      400,
      'ErrorInvalidRequest',
      'The end time must be later than the start time.',
    );
  }
  return { startUtc, endUtc, startZone, endZone };
}

function applyTeams(
  ev: StoredEvent,
  wanted: boolean | undefined,
  tenant: Tenant,
  organizer: User,
): void {
  if (!wanted) return;
  if (!organizer.mailbox.teamsEnabled) {
    // Outlook still answers 201, without a meeting (graph-facts §3.5).
    ev.isOnlineMeeting = false;
    ev.onlineMeetingProvider = 'unknown';
    return;
  }
  if (ev.onlineMeeting) return;
  ev.isOnlineMeeting = true;
  ev.onlineMeetingProvider = 'teamsForBusiness';
  ev.onlineMeeting = newTeamsMeeting(tenant, organizer);
  ev.body = {
    contentType: 'html',
    content: `${ev.body.contentType === 'html' ? ev.body.content : escapeHtml(ev.body.content)}${teamsBodyBlob(ev.onlineMeeting)}`,
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface CreateResult {
  event: StoredEvent;
  /** False when a retried POST with the same transactionId found the original event. */
  created: boolean;
}

/** Creates an event in `calendarId` of the organizer's mailbox and sends the invitations. */
export function createEvent(
  state: GraphState,
  tenant: Tenant,
  organizer: User,
  box: MailboxData,
  calendarId: string,
  input: EventInput,
): CreateResult {
  if (input.transactionId) {
    const existingId = box.byTransaction.get(input.transactionId);
    const existing = existingId ? box.events.get(existingId) : undefined;
    if (existing) return { event: existing, created: false };
  }
  const now = state.ctx.now();
  const isAllDay = input.isAllDay ?? false;
  const t = times(input, isAllDay);
  const stamp = new Date(now).toISOString().replace(/Z$/, '0000Z');
  const address = organizer.mail ?? organizer.userPrincipalName;
  const ev: StoredEvent = {
    id: newItemId(),
    owner: { tenantId: tenant.id, userId: organizer.id },
    calendarId,
    iCalUId: newICalUId(),
    changeKey: newChangeKey(),
    createdDateTime: stamp,
    lastModifiedDateTime: stamp,
    subject: input.subject ?? '',
    body: {
      contentType: input.body?.contentType.toLowerCase() === 'html' ? 'html' : 'text',
      content: input.body?.content ?? '',
    },
    startUtc: t.startUtc,
    endUtc: t.endUtc,
    startTimeZone: t.startZone,
    endTimeZone: t.endZone,
    isAllDay,
    showAs: input.showAs ?? 'busy',
    sensitivity: input.sensitivity ?? 'normal',
    importance: input.importance ?? 'normal',
    location: input.location ? toLocation(input.location) : { ...EMPTY_LOCATION },
    locations: (input.locations ?? (input.location?.displayName ? [input.location] : [])).map(
      toLocation,
    ),
    attendees: toAttendees(input.attendees),
    organizer: { emailAddress: { name: organizer.displayName, address } },
    isOrganizer: true,
    responseStatus: { response: 'organizer', time: NO_RESPONSE_TIME },
    responseRequested: input.responseRequested ?? true,
    recurrence: input.recurrence
      ? {
          pattern: { ...input.recurrence.pattern },
          range: {
            ...input.recurrence.range,
            recurrenceTimeZone: input.recurrence.range.recurrenceTimeZone || t.startZone,
          },
        }
      : null,
    isCancelled: false,
    isOnlineMeeting: false,
    onlineMeetingProvider: 'unknown',
    onlineMeeting: null,
    transactionId: input.transactionId,
    singleValueExtendedProperties: (input.singleValueExtendedProperties ?? []).map((p) => ({
      ...p,
    })),
    categories: input.categories ?? [],
    reminderMinutesBeforeStart: input.reminderMinutesBeforeStart ?? 15,
    isReminderOn: input.isReminderOn ?? true,
    allowNewTimeProposals: input.allowNewTimeProposals ?? true,
    hideAttendees: input.hideAttendees ?? false,
  };
  applyTeams(ev, input.isOnlineMeeting, tenant, organizer);
  state.store.put(box, ev);
  return { event: ev, created: true };
}

/** Sends a newly created meeting to its attendees (after the 201 body was taken, as Exchange does). */
export function deliverMeeting(state: GraphState, ev: StoredEvent): void {
  sendInvitations(state, state.ctx.world, ev, ev.attendees, state.ctx.now());
}

export interface UpdateResult {
  /**
   * What Exchange does once the update is saved, after the 200 body was taken: the rooms of a
   * moved meeting answer the new time (the 200 shows them as `none`, a later GET their answers).
   */
  afterResponse(): void;
}

/** Applies a PATCH to an event; on the organizer's copy the change reaches every attendee. */
export function updateEvent(
  state: GraphState,
  tenant: Tenant,
  owner: User,
  ev: StoredEvent,
  input: EventInput,
): UpdateResult {
  const now = state.ctx.now();
  if (input.transactionId !== undefined && input.transactionId !== ev.transactionId) {
    throw new GraphHttpError(
      400,
      'ErrorInvalidPropertyUpdateSentViaApi',
      'The transactionId property cannot be updated.',
    );
  }
  const timeChanged =
    input.start !== undefined || input.end !== undefined || input.isAllDay !== undefined;
  if (timeChanged) {
    const merged: EventInput = {
      start: input.start ?? { dateTime: isoLocal(ev.startUtc), timeZone: 'UTC' },
      end: input.end ?? { dateTime: isoLocal(ev.endUtc), timeZone: 'UTC' },
    };
    const isAllDay = input.isAllDay ?? ev.isAllDay;
    const t = times(merged, isAllDay);
    Object.assign(ev, {
      startUtc: t.startUtc,
      endUtc: t.endUtc,
      startTimeZone: input.start?.timeZone ?? ev.startTimeZone,
      endTimeZone: input.end?.timeZone ?? ev.endTimeZone,
      isAllDay,
    });
  }
  if (input.subject !== undefined) ev.subject = input.subject;
  if (input.body) {
    const blob = ev.onlineMeeting ? teamsBodyBlob(ev.onlineMeeting) : '';
    const content = input.body.content.includes(ev.onlineMeeting?.joinUrl ?? '\u0000')
      ? input.body.content
      : `${input.body.content}${blob}`;
    ev.body = {
      contentType: blob || input.body.contentType.toLowerCase() === 'html' ? 'html' : 'text',
      content,
    };
  }
  if (input.location) ev.location = toLocation(input.location);
  if (input.locations) ev.locations = input.locations.map(toLocation);
  if (input.showAs) ev.showAs = input.showAs;
  if (input.sensitivity) ev.sensitivity = input.sensitivity;
  if (input.importance) ev.importance = input.importance;
  if (input.categories) ev.categories = input.categories;
  if (input.reminderMinutesBeforeStart !== undefined)
    ev.reminderMinutesBeforeStart = input.reminderMinutesBeforeStart;
  if (input.isReminderOn !== undefined) ev.isReminderOn = input.isReminderOn;
  if (input.allowNewTimeProposals !== undefined)
    ev.allowNewTimeProposals = input.allowNewTimeProposals;
  if (input.responseRequested !== undefined) ev.responseRequested = input.responseRequested;
  if (input.hideAttendees !== undefined) ev.hideAttendees = input.hideAttendees;
  if (input.recurrence !== undefined)
    ev.recurrence = input.recurrence ? structuredClone(input.recurrence) : null;
  if (input.singleValueExtendedProperties) {
    for (const p of input.singleValueExtendedProperties) {
      const found = ev.singleValueExtendedProperties.find(
        (x) => x.id.toLowerCase() === p.id.toLowerCase(),
      );
      if (found) found.value = p.value;
      else ev.singleValueExtendedProperties.push({ ...p });
    }
  }
  if (input.isOnlineMeeting === false && ev.onlineMeetingProvider === 'teamsForBusiness') {
    // "you cannot … set isOnlineMeeting to false" once a Teams meeting exists; Outlook ignores it.
  } else if (ev.isOrganizer) applyTeams(ev, input.isOnlineMeeting, tenant, owner);
  let added: EventAttendee[] = [];
  let removed: string[] = [];
  if (input.attendees && ev.isOrganizer) {
    const next = toAttendees(input.attendees);
    const before = new Map(ev.attendees.map((a) => [a.emailAddress.address.toLowerCase(), a]));
    const after = new Set(next.map((a) => a.emailAddress.address.toLowerCase()));
    added = next.filter((a) => !before.has(a.emailAddress.address.toLowerCase()));
    removed = [...before.keys()].filter((a) => !after.has(a));
    ev.attendees = next.map((a) => before.get(a.emailAddress.address.toLowerCase()) ?? a);
  }
  const addedNow = new Set(added.map((a) => a.emailAddress.address.toLowerCase()));
  const rooms =
    ev.isOrganizer && (timeChanged || input.recurrence !== undefined)
      ? clearRoomAnswers(state, ev).filter((a) => !addedNow.has(a.toLowerCase()))
      : [];
  touch(ev, now);
  const nothingMore: UpdateResult = { afterResponse: () => undefined };
  if (!ev.isOrganizer) return nothingMore;
  if (removed.length > 0) uninvite(state, ev, removed, now);
  propagate(state, ev, timeChanged, now);
  if (added.length > 0) sendInvitations(state, state.ctx.world, ev, added, now);
  if (rooms.length === 0) return nothingMore;
  return {
    afterResponse: () => {
      // The organizer may have deleted it meanwhile (the same tick in a $batch).
      if (state.store.findEvent(ev.owner.tenantId, ev.owner.userId, ev.id) !== ev) return;
      answerRoomsAgain(state, ev, rooms, state.ctx.now());
    },
  };
}

function isoLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Copies the organizer's meeting details onto every attendee copy. */
function propagate(state: GraphState, ev: StoredEvent, timeChanged: boolean, now: number): void {
  for (const copy of state.store.copiesOf(ev.iCalUId)) {
    if (copy === ev || copy.isCancelled) continue;
    Object.assign(copy, {
      subject: ev.subject,
      body: { ...ev.body },
      startUtc: ev.startUtc,
      endUtc: ev.endUtc,
      startTimeZone: ev.startTimeZone,
      endTimeZone: ev.endTimeZone,
      isAllDay: ev.isAllDay,
      location: structuredClone(ev.location),
      locations: structuredClone(ev.locations),
      recurrence: structuredClone(ev.recurrence),
      attendees: structuredClone(ev.attendees),
      isOnlineMeeting: ev.isOnlineMeeting,
      onlineMeetingProvider: ev.onlineMeetingProvider,
      onlineMeeting: structuredClone(ev.onlineMeeting),
      sensitivity: ev.sensitivity,
    });
    if (timeChanged && copy.responseStatus.response !== 'none') {
      // A new time needs a new answer: the copy goes back to tentative, unanswered.
      copy.responseStatus = { response: 'none', time: NO_RESPONSE_TIME };
      copy.showAs = 'tentative';
    }
    touch(copy, now);
  }
}

/** Removes an event; the organizer's deletion or cancellation cancels every attendee copy. */
export function removeEvent(state: GraphState, ev: StoredEvent): void {
  if (ev.isOrganizer && ev.attendees.length > 0) cancelCopies(state, ev, state.ctx.now());
  state.store.remove(ev);
}
