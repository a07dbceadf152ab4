// `POST /users/{id}/calendar/getSchedule`: free/busy of up to 100 mailboxes in the caller's tenant
// (graph-facts §3.3), and `findMeetingTimes`, which app-only tokens may not call (§3.4).
import { z } from 'zod';
import type { User } from '../world/types.js';
import { instancesInWindow } from './calendar-view.js';
import { GraphErrors, GraphHttpError } from './errors.js';
import type { ShowAs } from './event-model.js';
import { preferenceApplied } from './event-shape.js';
import { odataContext } from './odata.js';
import { hasCloudMailbox, Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { fromDateTimeTimeZone, preferredTimeZone, toDateTimeTimeZone } from './time-zones.js';

const MAX_SCHEDULES = 100;
const MAX_WINDOW_MS = 62 * 86_400_000;

const bodySchema = z.looseObject({
  schedules: z.array(z.string()).min(1),
  startTime: z.looseObject({ dateTime: z.string(), timeZone: z.string().optional() }),
  endTime: z.looseObject({ dateTime: z.string(), timeZone: z.string().optional() }),
  availabilityViewInterval: z.number().int().nullable().optional(),
});

const CODES: Record<ShowAs, string> = {
  free: '0',
  // "Working elsewhere is set to 0 instead of 4 for backward compatibility."
  workingElsewhere: '0',
  tentative: '1',
  busy: '2',
  oof: '3',
  unknown: '2',
};

function scheduleError(scheduleId: string, message: string, responseCode: string) {
  return { scheduleId, error: { message, responseCode } };
}

function scheduleFor(
  call: Call,
  address: string,
  start: number,
  end: number,
  interval: number,
  zone: string,
) {
  // Decision [U]: addresses are resolved in the caller's tenant only; another tenant's people are
  // as unknown as a typo (error 5009), which keeps tenants isolated.
  const user: User | undefined = call.ctx.world.findUserByAddress(call.caller.tenant, address);
  if (!user) {
    return scheduleError(
      address,
      `Unable to resolve e-mail address ${address} to an Active Directory object.`,
      '5009',
    );
  }
  if (!hasCloudMailbox(user)) {
    // [U] Microsoft's per-schedule code for a directory object without a cloud mailbox.
    return scheduleError(
      address,
      `The mailbox of ${address} was not found.`,
      'ErrorMailRecipientNotFound',
    );
  }
  if (user.mailbox.access !== 'full') {
    // [U] Fail closed: a mailbox outside the app's calendar scope yields no free/busy.
    return scheduleError(address, 'Access to OData is disabled.', 'ErrorAccessDenied');
  }
  const box = call.state.store.open(call.caller.tenant, user);
  const calendar = call.state.store.defaultCalendar(box);
  const instances = instancesInWindow(
    [...box.events.values()].filter((e) => e.calendarId === calendar.id && !e.isCancelled),
    start,
    end,
  );
  const slots = Math.ceil((end - start) / (interval * 60_000));
  let view = '';
  for (let i = 0; i < slots; i += 1) {
    const s = start + i * interval * 60_000;
    const e = Math.min(end, s + interval * 60_000);
    let code = '0';
    for (const { event, occurrence } of instances) {
      if (occurrence.startUtc < e && occurrence.endUtc > s) {
        const c = CODES[event.showAs];
        if (c > code) code = c;
      }
    }
    view += code;
  }
  const wh = user.mailbox.workingHours;
  return {
    scheduleId: address,
    availabilityView: view,
    // App-only callers see no subjects or locations.
    scheduleItems: instances.map(({ event, occurrence }) => ({
      isPrivate: event.sensitivity === 'private',
      status: event.showAs,
      start: toDateTimeTimeZone(occurrence.startUtc, zone),
      end: toDateTimeTimeZone(occurrence.endUtc, zone),
    })),
    workingHours: {
      daysOfWeek: [...wh.daysOfWeek],
      startTime: wh.startTime,
      endTime: wh.endTime,
      timeZone: { name: wh.timeZone },
    },
  };
}

function getSchedule(call: Call): GraphResponse {
  const parsed = bodySchema.safeParse(call.req.body ?? {});
  if (!parsed.success) {
    throw new GraphHttpError(
      400,
      'ErrorInvalidRequest',
      'The request body is invalid: schedules, startTime and endTime are required.',
    );
  }
  const body = parsed.data;
  if (body.availabilityViewInterval === null) {
    // Observed: an explicit null interval makes the service fail (graph-facts §3.3).
    throw new GraphHttpError(
      500,
      'ErrorInternalServerError',
      'An internal server error occurred. The operation failed.',
    );
  }
  if (body.schedules.length > MAX_SCHEDULES) {
    throw new GraphHttpError(
      400,
      'ErrorMailboxDataArrayTooBig',
      `There are too many target users in the EmailAddress array. The allowed size = ${MAX_SCHEDULES}; the actual size = ${body.schedules.length}.`,
    );
  }
  const interval = body.availabilityViewInterval ?? 30;
  if (interval < 5 || interval > 1440) {
    // [U] code and wording: Exchange availability's own code for the merged free/busy interval.
    throw new GraphHttpError(
      400,
      'ErrorInvalidMergedFreeBusyInterval',
      'The availabilityViewInterval must be between 5 and 1440 minutes.',
    );
  }
  const start = fromDateTimeTimeZone(body.startTime);
  const end = fromDateTimeTimeZone(body.endTime);
  if (end <= start)
    throw GraphErrors.invalidParameter('The end time must be later than the start time.');
  if (end - start >= MAX_WINDOW_MS) {
    // [U] code and wording: Exchange availability's code for a window of 62 days or more.
    throw new GraphHttpError(
      400,
      'ErrorTimeIntervalTooBig',
      'The time interval of the request is too large. It must be less than 62 days.',
    );
  }
  const zone = preferredTimeZone(call.req.headers.prefer) ?? 'UTC';
  return {
    status: 200,
    headers: preferenceApplied(call),
    body: {
      '@odata.context': odataContext(call, 'Collection(microsoft.graph.scheduleInformation)'),
      value: body.schedules.map((address) =>
        scheduleFor(call, address, start, end, interval, zone),
      ),
    },
  };
}

/** Decision [U]: refused for every caller with Outlook's generic 403 (app-only is unsupported). */
function findMeetingTimes(): GraphResponse {
  throw GraphErrors.outlookDenied();
}

const read = { family: 'outlook', anyOf: Permissions.calendarRead } as const;
const mailbox = { param: 'user', need: 'calendar' } as const;

export const scheduleRoutes: RouteDef[] = [
  {
    method: 'POST',
    pattern: '/users/:user/calendar/getSchedule',
    access: read,
    mailbox,
    handler: getSchedule,
  },
  { method: 'POST', pattern: '/users/:user/findMeetingTimes', handler: findMeetingTimes },
];
