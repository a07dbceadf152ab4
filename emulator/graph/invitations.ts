// What Exchange does after a meeting is sent: attendee copies (same iCalUId) in every invitee's
// calendar, room mailboxes answering by booking policy, responses tallied on the organizer's copy,
// and cancellations reaching every copy.
import type { Tenant, User } from '../world/types.js';
import type { World } from '../world/world.js';
import {
  NO_RESPONSE_TIME,
  type EventAttendee,
  type ResponseType,
  type StoredEvent,
} from './event-model.js';
import { newChangeKey, newItemId } from './ids.js';
import { noteEventChanged } from './mailbox-store.js';
import { hasCloudMailbox } from './permissions.js';
import { instancesIn } from './recurrence.js';
import type { GraphState } from './state.js';

/** How far ahead a room checks a recurring series for conflicts. [U] Exchange's horizon varies. */
const ROOM_HORIZON_MS = 365 * 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function touch(ev: StoredEvent, now: number): void {
  ev.changeKey = newChangeKey();
  ev.lastModifiedDateTime = new Date(now).toISOString().replace(/Z$/, '0000Z');
  noteEventChanged(ev);
}

function isResourceMailbox(user: User): boolean {
  return user.mailbox.kind === 'room' || user.mailbox.kind === 'equipment';
}

/** Records an attendee's answer on the organizer's copy (the tally Quorum reads). */
export function updateTally(
  state: GraphState,
  organizerEvent: StoredEvent,
  address: string,
  response: ResponseType,
  now: number,
): void {
  const attendee = organizerEvent.attendees.find(
    (a) => a.emailAddress.address.toLowerCase() === address.toLowerCase(),
  );
  if (!attendee) return;
  attendee.status = { response, time: response === 'none' ? NO_RESPONSE_TIME : iso(now) };
  touch(organizerEvent, now);
  for (const copy of state.store.copiesOf(organizerEvent.iCalUId)) {
    if (copy === organizerEvent) continue;
    const mirrored = copy.attendees.find(
      (a) => a.emailAddress.address.toLowerCase() === address.toLowerCase(),
    );
    if (mirrored) mirrored.status = { ...attendee.status };
  }
}

function makeCopy(
  state: GraphState,
  organizerEvent: StoredEvent,
  tenant: Tenant,
  user: User,
  now: number,
): StoredEvent {
  const box = state.store.open(tenant, user);
  const copy: StoredEvent = {
    ...structuredClone(organizerEvent),
    id: newItemId(),
    owner: { tenantId: tenant.id, userId: user.id },
    calendarId: state.store.defaultCalendar(box).id,
    isOrganizer: false,
    responseStatus: { response: 'none', time: NO_RESPONSE_TIME },
    // Exchange places an unanswered invitation on the calendar as tentative.
    showAs: organizerEvent.showAs === 'free' ? 'free' : 'tentative',
    transactionId: undefined,
    singleValueExtendedProperties: [],
    organizerEvent: { ...organizerEvent.owner, eventId: organizerEvent.id },
  };
  touch(copy, now);
  state.store.put(box, copy);
  return copy;
}

/** Whether a room's calendar has anything blocking during any instance of the meeting. */
function roomIsFree(state: GraphState, tenant: Tenant, room: User, ev: StoredEvent): boolean {
  const box = state.store.open(tenant, room);
  const horizon = ev.startUtc + ROOM_HORIZON_MS;
  const wanted = instancesIn(ev, ev.startUtc, horizon);
  for (const other of box.events.values()) {
    if (other.iCalUId === ev.iCalUId || other.isCancelled || other.showAs === 'free') continue;
    for (const slot of wanted) {
      if (instancesIn(other, slot.startUtc, slot.endUtc).length > 0) return false;
    }
  }
  return true;
}

function organizerAllowed(organizer: User | undefined, room: User, address: string): boolean {
  const allowed = (room.mailbox.room?.allowedBookers ?? []).map((a) => a.toLowerCase());
  const candidates = [address, organizer?.userPrincipalName, organizer?.mail]
    .filter((x): x is string => typeof x === 'string')
    .map((x) => x.toLowerCase());
  return candidates.some((c) => allowed.includes(c));
}

/** The room's resource booking attendant answers the invitation. */
function bookRoom(
  state: GraphState,
  world: World,
  organizerEvent: StoredEvent,
  tenant: Tenant,
  room: User,
  address: string,
  now: number,
): void {
  const policy = room.mailbox.room?.bookingPolicy ?? 'autoAccept';
  const organizerTenant = world.tenants.get(organizerEvent.owner.tenantId);
  const organizer = organizerTenant?.users.find((u) => u.id === organizerEvent.owner.userId);
  const decline = () => updateTally(state, organizerEvent, address, 'declined', now);
  if (
    policy === 'restricted' &&
    !organizerAllowed(organizer, room, organizerEvent.organizer.emailAddress.address)
  ) {
    decline();
    return;
  }
  if (!roomIsFree(state, tenant, room, organizerEvent)) {
    decline();
    return;
  }
  const copy = makeCopy(state, organizerEvent, tenant, room, now);
  if (policy === 'delegateApproval') {
    // Held as tentative until a delegate answers through the control API.
    copy.showAs = 'tentative';
    return;
  }
  copy.showAs = organizerEvent.showAs;
  copy.responseStatus = { response: 'accepted', time: iso(now) };
  updateTally(state, organizerEvent, address, 'accepted', now);
}

/** Delivers the meeting to these attendees (all of them on create, the added ones on update). */
export function sendInvitations(
  state: GraphState,
  world: World,
  organizerEvent: StoredEvent,
  attendees: EventAttendee[],
  now: number,
): void {
  for (const attendee of attendees) {
    const address = attendee.emailAddress.address;
    // Invitations cross organisations by mail, so any tenant's mailbox receives them.
    const found = world.findUserAnywhere(address);
    if (!found || !hasCloudMailbox(found.user)) continue;
    if (found.user.id === organizerEvent.owner.userId) continue;
    const existing = state.store
      .copiesOf(organizerEvent.iCalUId)
      .find((c) => c.owner.userId === found.user.id);
    if (existing) continue;
    if (isResourceMailbox(found.user))
      bookRoom(state, world, organizerEvent, found.tenant, found.user, address, now);
    else makeCopy(state, organizerEvent, found.tenant, found.user, now);
  }
}

/**
 * The meeting moved: every room it invites must answer the new time, so their answers on the
 * organizer's copy go back to `none` (as a new invitation's do). Returns the rooms' addresses.
 */
export function clearRoomAnswers(state: GraphState, organizerEvent: StoredEvent): string[] {
  const rooms: string[] = [];
  for (const attendee of organizerEvent.attendees) {
    const found = state.ctx.world.findUserAnywhere(attendee.emailAddress.address);
    if (!found || !isResourceMailbox(found.user)) continue;
    attendee.status = { response: 'none', time: NO_RESPONSE_TIME };
    rooms.push(attendee.emailAddress.address);
  }
  return rooms;
}

/**
 * Each room's booking attendant processes the updated request as Exchange's does for a moved
 * meeting: its hold on the old time goes, then it accepts if the room is free at the new time,
 * declines if it is busy (or the organizer may not book it), or holds it for a delegate's approval.
 */
export function answerRoomsAgain(
  state: GraphState,
  organizerEvent: StoredEvent,
  addresses: readonly string[],
  now: number,
): void {
  const world = state.ctx.world;
  for (const address of addresses) {
    const found = world.findUserAnywhere(address);
    if (!found || !isResourceMailbox(found.user)) continue;
    const held = state.store
      .copiesOf(organizerEvent.iCalUId)
      .find((c) => c !== organizerEvent && c.owner.userId === found.user.id);
    if (held) state.store.remove(held);
    bookRoom(state, world, organizerEvent, found.tenant, found.user, address, now);
  }
}

/** An attendee (or a room's delegate) answers; the copy changes and the organizer's tally follows. */
export function respondToMeeting(
  state: GraphState,
  copy: StoredEvent,
  response: 'accepted' | 'tentativelyAccepted' | 'declined',
  sendResponse: boolean,
  now: number,
): void {
  const ref = copy.organizerEvent;
  const organizerEvent = ref
    ? state.store.findEvent(ref.tenantId, ref.userId, ref.eventId)
    : undefined;
  copy.responseStatus = { response, time: iso(now) };
  touch(copy, now);
  if (response === 'declined') state.store.remove(copy);
  else copy.showAs = response === 'accepted' ? (organizerEvent?.showAs ?? 'busy') : 'tentative';
  if (sendResponse && organizerEvent) {
    const world = state.ctx.world;
    const owner = world.tenants
      .get(copy.owner.tenantId)
      ?.users.find((u) => u.id === copy.owner.userId);
    const address =
      organizerEvent.attendees.find((a) =>
        [
          owner?.mail,
          owner?.userPrincipalName,
          ...(owner?.proxyAddresses.map((p) => p.slice(5)) ?? []),
        ]
          .filter(Boolean)
          .some((x) => x?.toLowerCase() === a.emailAddress.address.toLowerCase()),
      )?.emailAddress.address ?? owner?.mail;
    if (address) updateTally(state, organizerEvent, address, response, now);
  }
}

/** The organizer cancelled or deleted the meeting: every attendee copy is marked cancelled. */
export function cancelCopies(state: GraphState, organizerEvent: StoredEvent, now: number): void {
  for (const copy of state.store.copiesOf(organizerEvent.iCalUId)) {
    if (copy === organizerEvent) continue;
    const owner = state.ctx.world.tenants
      .get(copy.owner.tenantId)
      ?.users.find((u) => u.id === copy.owner.userId);
    if (owner && isResourceMailbox(owner)) {
      // Resource booking attendants remove cancelled meetings from the room calendar.
      state.store.remove(copy);
      continue;
    }
    copy.isCancelled = true;
    copy.showAs = 'free';
    if (!copy.subject.startsWith('Canceled: ')) copy.subject = `Canceled: ${copy.subject}`;
    touch(copy, now);
  }
}

/** Attendees removed by an update get a cancellation of their copy. */
export function uninvite(
  state: GraphState,
  organizerEvent: StoredEvent,
  removed: string[],
  now: number,
): void {
  const gone = new Set(removed.map((a) => a.toLowerCase()));
  for (const copy of state.store.copiesOf(organizerEvent.iCalUId)) {
    if (copy === organizerEvent) continue;
    const owner = state.ctx.world.tenants
      .get(copy.owner.tenantId)
      ?.users.find((u) => u.id === copy.owner.userId);
    if (!owner) continue;
    const addresses = [
      owner.mail,
      owner.userPrincipalName,
      ...owner.proxyAddresses.map((p) => p.slice(5)),
    ];
    if (!addresses.some((a) => a && gone.has(a.toLowerCase()))) continue;
    if (isResourceMailbox(owner)) state.store.remove(copy);
    else {
      copy.isCancelled = true;
      copy.showAs = 'free';
      touch(copy, now);
    }
  }
}

/**
 * An attendee — or a room's delegate — answers on the organizer's meeting (control API). A room
 * held for approval gets its booking confirmed or released.
 */
export function respondAsAttendee(
  state: GraphState,
  organizerEvent: StoredEvent,
  address: string,
  response: 'accepted' | 'tentativelyAccepted' | 'declined',
): boolean {
  const now = state.ctx.now();
  const attendee = organizerEvent.attendees.find(
    (a) => a.emailAddress.address.toLowerCase() === address.toLowerCase(),
  );
  if (!attendee) return false;
  const found = state.ctx.world.findUserAnywhere(address);
  const copy = found
    ? state.store.copiesOf(organizerEvent.iCalUId).find((c) => c.owner.userId === found.user.id)
    : undefined;
  if (copy && copy !== organizerEvent) {
    respondToMeeting(state, copy, response, false, now);
    if (response === 'accepted' && found && isResourceMailbox(found.user)) {
      copy.showAs = organizerEvent.showAs;
    }
  }
  updateTally(state, organizerEvent, attendee.emailAddress.address, response, now);
  return true;
}
