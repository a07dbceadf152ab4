// Calendar folders of a mailbox: `GET /calendars`, `POST /calendars` (e.g. "Quorum Scheduler"),
// `GET /calendar` and `GET /calendars/{id}`, with `$select`.
import { z } from 'zod';
import type { User } from '../world/types.js';
import { GraphErrors, GraphHttpError } from './errors.js';
import type { CalendarFolder } from './event-model.js';
import { newChangeKey, newFolderId } from './ids.js';
import { odataContext, selectList } from './odata.js';
import { Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { allowedProviders } from './teams.js';

function shapeCalendar(
  user: User,
  c: CalendarFolder,
  select: string[] | undefined,
): Record<string, unknown> {
  const providers = allowedProviders(user);
  const full: Record<string, unknown> = {
    id: c.id,
    name: c.name,
    color: c.color,
    hexColor: c.hexColor,
    isDefaultCalendar: c.isDefaultCalendar,
    changeKey: c.changeKey,
    canShare: true,
    canViewPrivateItems: true,
    canEdit: true,
    allowedOnlineMeetingProviders: providers,
    defaultOnlineMeetingProvider: providers[0] ?? 'none',
    isTallyingResponses: true,
    isRemovable: !c.isDefaultCalendar,
    owner: { name: user.displayName, address: user.mail ?? user.userPrincipalName },
  };
  if (!select) return full;
  const out: Record<string, unknown> = { id: c.id };
  for (const name of select) {
    const key = Object.keys(full).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key) out[key] = full[key];
  }
  return out;
}

function box(call: Call) {
  return call.state.store.open(call.caller.tenant, call.user);
}

function listCalendars(call: Call): GraphResponse {
  const select = selectList(call.req.query);
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, `users('${call.params.user}')/calendars`),
      value: box(call).calendars.map((c) => shapeCalendar(call.user, c, select)),
    },
  };
}

function getCalendar(call: Call): GraphResponse {
  const b = box(call);
  const calendar =
    call.params.calendar === undefined
      ? call.state.store.defaultCalendar(b)
      : b.calendars.find((c) => c.id === call.params.calendar);
  if (!calendar) throw GraphErrors.itemNotFound();
  const select = selectList(call.req.query);
  const suffix = select ? `(${select.join(',')})` : '';
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(
        call,
        `users('${call.params.user}')/calendars${suffix}/$entity`,
      ),
      ...shapeCalendar(call.user, calendar, select),
    },
  };
}

const createSchema = z.looseObject({
  name: z.string().min(1),
  color: z.string().optional(),
  hexColor: z.string().optional(),
});

function createCalendar(call: Call): GraphResponse {
  const parsed = createSchema.safeParse(call.req.body ?? {});
  if (!parsed.success) {
    throw new GraphHttpError(
      400,
      'ErrorInvalidParameter',
      "The value of the parameter 'name' is empty.",
    );
  }
  const b = box(call);
  if (b.calendars.some((c) => c.name.toLowerCase() === parsed.data.name.toLowerCase())) {
    throw new GraphHttpError(
      409,
      'ErrorFolderExists',
      'A folder with the specified name already exists.',
    );
  }
  const calendar: CalendarFolder = {
    id: newFolderId(),
    name: parsed.data.name,
    color: parsed.data.color ?? 'auto',
    hexColor: parsed.data.hexColor ?? '',
    changeKey: newChangeKey(),
    isDefaultCalendar: false,
  };
  b.calendars.push(calendar);
  return {
    status: 201,
    body: {
      '@odata.context': odataContext(call, `users('${call.params.user}')/calendars/$entity`),
      ...shapeCalendar(call.user, calendar, undefined),
    },
  };
}

const read = { family: 'outlook', anyOf: Permissions.calendarRead } as const;
const write = { family: 'outlook', anyOf: Permissions.calendarWrite } as const;
const mailbox = { param: 'user', need: 'calendar' } as const;

export const calendarRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/users/:user/calendars',
    access: read,
    mailbox,
    handler: listCalendars,
  },
  {
    method: 'POST',
    pattern: '/users/:user/calendars',
    access: write,
    mailbox,
    handler: createCalendar,
  },
  { method: 'GET', pattern: '/users/:user/calendar', access: read, mailbox, handler: getCalendar },
  {
    method: 'GET',
    pattern: '/users/:user/calendars/:calendar',
    access: read,
    mailbox,
    handler: getCalendar,
  },
];
