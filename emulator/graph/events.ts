// Outlook events of a mailbox: create (201, transactionId de-duplication), list, get, update,
// cancel (organizer only), delete, and the attendee answers accept / tentativelyAccept / decline.
import { z } from 'zod';
import { GraphErrors, GraphHttpError } from './errors.js';
import type { StoredEvent } from './event-model.js';
import { parseEventInput } from './event-input.js';
import { preferenceApplied, readShape, shapeEvent, type EventShapeOptions } from './event-shape.js';
import { respondToMeeting } from './invitations.js';
import type { MailboxData } from './mailbox-store.js';
import { createEvent, deliverMeeting, removeEvent, updateEvent } from './meetings.js';
import { absoluteLink, odataContext, option, outlookTop, queryWithout, skip } from './odata.js';
import { Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { expandSeries } from './recurrence.js';
import { parseDate } from './time-zones.js';

function mailboxOf(call: Call): MailboxData {
  return call.state.store.open(call.caller.tenant, call.user);
}

function calendarIdFor(call: Call, box: MailboxData): string {
  const id = call.params.calendar;
  if (id === undefined) return call.state.store.defaultCalendar(box).id;
  const calendar = box.calendars.find((c) => c.id === id);
  if (!calendar) throw GraphErrors.itemNotFound();
  return calendar.id;
}

/** Finds an event (or an occurrence `masterId~YYYYMMDD`) in the mailbox; 404 otherwise. */
export function findEvent(
  box: MailboxData,
  id: string,
): { event: StoredEvent; occurrenceDate?: string } {
  const direct = box.events.get(id);
  if (direct) return { event: direct };
  const [masterId, date] = id.split('~');
  const master = masterId ? box.events.get(masterId) : undefined;
  if (master?.recurrence && date && /^\d{8}$/.test(date)) {
    return {
      event: master,
      occurrenceDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`,
    };
  }
  throw GraphErrors.itemNotFound();
}

function shapeFound(found: ReturnType<typeof findEvent>, options: EventShapeOptions) {
  if (!found.occurrenceDate) return shapeEvent(found.event, options);
  const day = parseDate(found.occurrenceDate);
  const dayStart = day ? Date.UTC(day.year, day.month - 1, day.day) - 86_400_000 : 0;
  const occ = expandSeries(found.event, dayStart, dayStart + 3 * 86_400_000).find(
    (o) =>
      `${o.date.year}-${String(o.date.month).padStart(2, '0')}-${String(o.date.day).padStart(2, '0')}` ===
      found.occurrenceDate,
  );
  if (!occ) throw GraphErrors.itemNotFound();
  return shapeEvent(found.event, options, occ);
}

function context(call: Call, suffix: string): string {
  return odataContext(call, `users('${call.params.user}')/${suffix}`);
}

/** `POST /users/{id}/events` (also `/calendar/events`, `/calendars/{id}/events`) */
function create(call: Call): GraphResponse {
  const input = parseEventInput(call.req.body);
  const box = mailboxOf(call);
  const calendarId = calendarIdFor(call, box);
  const { event, created } = createEvent(
    call.state,
    call.caller.tenant,
    call.user,
    box,
    calendarId,
    input,
  );
  const options = { ...readShape(call, 'original'), basic: false };
  const body = { '@odata.context': context(call, 'events/$entity'), ...shapeEvent(event, options) };
  // Exchange processes invitations after the item is saved: the 201 shows every attendee as
  // `none`, a later GET shows the rooms' answers.
  if (created) deliverMeeting(call.state, event);
  // Decision [U]: a repeated transactionId answers 201 with the original event, no second copy.
  return { status: 201, headers: preferenceApplied(call), body };
}

const filterUnsupported = () =>
  new GraphHttpError(
    400,
    'ErrorInvalidUrlQueryFilter',
    'The query filter contains one or more invalid nodes.',
  );

function compileEventFilter(filter: string | undefined): (ev: StoredEvent) => boolean {
  if (!filter) return () => true;
  const ext =
    /^singleValueExtendedProperties\/any\(\s*(\w+)\s*:\s*\1\/id\s+eq\s+'([^']+)'\s+and\s+\1\/value\s+eq\s+'([^']*)'\s*\)$/i.exec(
      filter.trim(),
    );
  if (ext) {
    const [, , id = '', value = ''] = ext;
    return (ev) =>
      ev.singleValueExtendedProperties.some(
        (p) => p.id.toLowerCase() === id.toLowerCase() && p.value === value,
      );
  }
  const eq = /^(iCalUId|subject|transactionId)\s+eq\s+'([^']*)'$/i.exec(filter.trim());
  if (eq) {
    const [, prop = '', value = ''] = eq;
    const key = prop.toLowerCase();
    return (ev) =>
      (key === 'icaluid' ? ev.iCalUId : key === 'subject' ? ev.subject : ev.transactionId) ===
      value;
  }
  throw filterUnsupported();
}

/** `GET /users/{id}/events` — series masters and single events, 10 per page, `$skip` nextLinks. */
function list(call: Call): GraphResponse {
  const box = mailboxOf(call);
  const calendarId = call.params.calendar !== undefined ? calendarIdFor(call, box) : undefined;
  const top = outlookTop(call.req.query, 10);
  const offset = skip(call.req.query);
  const predicate = compileEventFilter(option(call.req.query, 'filter'));
  const events = [...box.events.values()].filter(
    (e) => (calendarId === undefined || e.calendarId === calendarId) && predicate(e),
  );
  const options = readShape(call);
  const body: Record<string, unknown> = { '@odata.context': context(call, 'events') };
  body.value = events.slice(offset, offset + top).map((e) => shapeEvent(e, options));
  if (offset + top < events.length) {
    const params = queryWithout(call.req.query, 'skip');
    params.set('$skip', String(offset + top));
    body['@odata.nextLink'] = absoluteLink(call, call.req.path, params);
  }
  return { status: 200, headers: preferenceApplied(call), body };
}

function get(call: Call): GraphResponse {
  const found = findEvent(mailboxOf(call), call.params.event ?? '');
  return {
    status: 200,
    headers: preferenceApplied(call),
    body: {
      '@odata.context': context(call, 'events/$entity'),
      ...shapeFound(found, readShape(call)),
    },
  };
}

function patch(call: Call): GraphResponse {
  const box = mailboxOf(call);
  const { event, occurrenceDate } = findEvent(box, call.params.event ?? '');
  if (occurrenceDate) throw GraphErrors.itemNotFound();
  const updated = updateEvent(
    call.state,
    call.caller.tenant,
    call.user,
    event,
    parseEventInput(call.req.body),
  );
  const body = {
    '@odata.context': context(call, 'events/$entity'),
    ...shapeEvent(event, { ...readShape(call, 'original'), basic: false }),
  };
  // As on create: the rooms of a moved meeting answer after the item is saved.
  updated.afterResponse();
  return { status: 200, headers: preferenceApplied(call), body };
}

function remove(call: Call): GraphResponse {
  const { event, occurrenceDate } = findEvent(mailboxOf(call), call.params.event ?? '');
  if (occurrenceDate) throw GraphErrors.itemNotFound();
  removeEvent(call.state, event);
  return { status: 204 };
}

const commentBody = z.looseObject({
  comment: z.string().optional(),
  sendResponse: z.boolean().optional(),
});

function cancel(call: Call): GraphResponse {
  const { event, occurrenceDate } = findEvent(mailboxOf(call), call.params.event ?? '');
  if (occurrenceDate) throw GraphErrors.itemNotFound();
  commentBody.parse(call.req.body ?? {});
  if (!event.isOrganizer) {
    // [U] code: the documented message is Outlook's; the code is Outlook's generic one.
    throw new GraphHttpError(
      400,
      'ErrorInvalidRequest',
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
  }
  removeEvent(call.state, event);
  return { status: 202 };
}

function answer(response: 'accepted' | 'tentativelyAccepted' | 'declined') {
  return (call: Call): GraphResponse => {
    const { event, occurrenceDate } = findEvent(mailboxOf(call), call.params.event ?? '');
    if (occurrenceDate) throw GraphErrors.itemNotFound();
    const parsed = commentBody.safeParse(call.req.body ?? {});
    if (!parsed.success) throw GraphErrors.badJson();
    if (event.isOrganizer) {
      // [U] wording; Exchange refuses responses from the organizer.
      throw new GraphHttpError(
        400,
        'ErrorInvalidRequest',
        "Your request can't be completed. You can't respond to a meeting you organized.",
      );
    }
    if (event.isCancelled) {
      throw new GraphHttpError(
        400,
        'ErrorInvalidRequest',
        "Your request can't be completed. The meeting was cancelled.",
      );
    }
    respondToMeeting(call.state, event, response, parsed.data.sendResponse ?? true, call.ctx.now());
    return { status: 202 };
  };
}

const read = { family: 'outlook', anyOf: Permissions.calendarRead } as const;
const write = { family: 'outlook', anyOf: Permissions.calendarWrite } as const;
const mailbox = { param: 'user', need: 'calendar' } as const;

const collections = [
  '/users/:user/events',
  '/users/:user/calendar/events',
  '/users/:user/calendars/:calendar/events',
];

export const eventRoutes: RouteDef[] = [
  ...collections.flatMap((base): RouteDef[] => [
    { method: 'POST', pattern: base, access: write, mailbox, handler: create },
    { method: 'GET', pattern: base, access: read, mailbox, handler: list },
    { method: 'GET', pattern: `${base}/:event`, access: read, mailbox, handler: get },
    { method: 'PATCH', pattern: `${base}/:event`, access: write, mailbox, handler: patch },
    { method: 'DELETE', pattern: `${base}/:event`, access: write, mailbox, handler: remove },
    { method: 'POST', pattern: `${base}/:event/cancel`, access: write, mailbox, handler: cancel },
    {
      method: 'POST',
      pattern: `${base}/:event/accept`,
      access: write,
      mailbox,
      handler: answer('accepted'),
    },
    {
      method: 'POST',
      pattern: `${base}/:event/decline`,
      access: write,
      mailbox,
      handler: answer('declined'),
    },
    {
      method: 'POST',
      pattern: `${base}/:event/tentativelyAccept`,
      access: write,
      mailbox,
      handler: answer('tentativelyAccepted'),
    },
  ]),
];
