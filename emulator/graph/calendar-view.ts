// `GET /users/{id}/calendarView` (and per calendar): every instance in a required window, series
// expanded, 10 per page by default with `$top`/`$skip` nextLinks, times in `Prefer` zone or UTC.
import { GraphErrors, GraphHttpError } from './errors.js';
import type { StoredEvent } from './event-model.js';
import { preferenceApplied, readShape, shapeEvent } from './event-shape.js';
import { absoluteLink, odataContext, option, outlookTop, queryWithout, skip } from './odata.js';
import { Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { instancesIn, type Occurrence } from './recurrence.js';
import { parseInstant } from './time-zones.js';

const WINDOW_REQUIRED =
  'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.';

/** The query window of a calendarView request; missing or unparsable → Outlook's 400. */
export function viewWindow(query: URLSearchParams): { start: number; end: number } {
  const find = (name: string) => {
    for (const [k, v] of query) if (k.toLowerCase() === name) return v;
    return undefined;
  };
  const startText = find('startdatetime');
  const endText = find('enddatetime');
  if (startText === undefined || endText === undefined)
    throw GraphErrors.invalidParameter(WINDOW_REQUIRED);
  const start = parseInstant(startText);
  const end = parseInstant(endText);
  if (start === undefined || end === undefined) {
    throw GraphErrors.invalidParameter(
      `The value '${start === undefined ? startText : endText}' of parameter '${start === undefined ? 'StartDateTime' : 'EndDateTime'}' is invalid.`,
    );
  }
  return { start, end };
}

/** Every (event, occurrence) in the window, sorted by start. */
export function instancesInWindow(
  events: Iterable<StoredEvent>,
  start: number,
  end: number,
): { event: StoredEvent; occurrence: Occurrence }[] {
  const out: { event: StoredEvent; occurrence: Occurrence }[] = [];
  for (const event of events) {
    for (const occurrence of instancesIn(event, start, end)) out.push({ event, occurrence });
  }
  return out.sort((a, b) => a.occurrence.startUtc - b.occurrence.startUtc);
}

function calendarView(call: Call): GraphResponse {
  const { start, end } = viewWindow(call.req.query);
  const box = call.state.store.open(call.caller.tenant, call.user);
  const calendarId =
    call.params.calendar === undefined
      ? call.state.store.defaultCalendar(box).id
      : box.calendars.find((c) => c.id === call.params.calendar)?.id;
  if (!calendarId) throw GraphErrors.itemNotFound();
  const top = outlookTop(call.req.query, 10);
  const offset = skip(call.req.query);
  if (option(call.req.query, 'filter') !== undefined) {
    // Not emulated: rejected loudly rather than ignored, so a client relying on it notices.
    throw new GraphHttpError(
      400,
      'ErrorInvalidUrlQueryFilter',
      'The query filter contains one or more invalid nodes.',
    );
  }
  const events = [...box.events.values()].filter((e) => e.calendarId === calendarId);
  const all = instancesInWindow(events, start, end);
  const options = readShape(call);
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(call, `users('${call.params.user}')/calendarView`),
  };
  body.value = all
    .slice(offset, offset + top)
    .map(({ event, occurrence }) =>
      shapeEvent(event, options, event.recurrence ? occurrence : undefined),
    );
  if (offset + top < all.length) {
    const params = queryWithout(call.req.query, 'skip');
    params.set('$skip', String(offset + top));
    body['@odata.nextLink'] = absoluteLink(call, call.req.path, params);
  }
  return { status: 200, headers: preferenceApplied(call), body };
}

const access = { family: 'outlook', anyOf: Permissions.calendarRead } as const;
const mailbox = { param: 'user', need: 'calendar' } as const;

export const calendarViewRoutes: RouteDef[] = [
  { method: 'GET', pattern: '/users/:user/calendarView', access, mailbox, handler: calendarView },
  {
    method: 'GET',
    pattern: '/users/:user/calendar/calendarView',
    access,
    mailbox,
    handler: calendarView,
  },
  {
    method: 'GET',
    pattern: '/users/:user/calendars/:calendar/calendarView',
    access,
    mailbox,
    handler: calendarView,
  },
];
