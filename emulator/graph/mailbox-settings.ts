// `GET /users/{id}/mailboxSettings` (and its single properties): time zone, working hours,
// language, automatic replies and the mailbox's purpose (graph-facts §2.4).
import type { User } from '../world/types.js';
import { GraphErrors } from './errors.js';
import { odataContext } from './odata.js';
import { Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';

/** A plausible display language per Windows zone; everyone else is en-US. */
const LANGUAGES: Record<string, [string, string]> = {
  'GMT Standard Time': ['en-GB', 'English (United Kingdom)'],
  'W. Europe Standard Time': ['en-GB', 'English (United Kingdom)'],
  'Tokyo Standard Time': ['ja-JP', 'Japanese (Japan)'],
  'AUS Eastern Standard Time': ['en-AU', 'English (Australia)'],
  'India Standard Time': ['en-IN', 'English (India)'],
};

/** The full mailboxSettings object of a user. */
export function mailboxSettings(user: User, nowMs: number): Record<string, unknown> {
  const mb = user.mailbox;
  const [locale, languageName] = LANGUAGES[mb.timeZone] ?? ['en-US', 'English (United States)'];
  const day = new Date(nowMs);
  day.setUTCHours(0, 0, 0, 0);
  const replies = mb.automaticReplies;
  return {
    archiveFolder: `AAMkAGI${Buffer.from(user.id).toString('base64url').slice(0, 40)}AAA=`,
    timeZone: mb.timeZone,
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    dateFormat: locale === 'en-US' ? 'M/d/yyyy' : 'dd/MM/yyyy',
    timeFormat: locale === 'en-US' ? 'h:mm tt' : 'HH:mm',
    userPurpose: { value: mb.kind === 'none' ? 'user' : mb.kind },
    automaticRepliesSetting: {
      status: replies?.status ?? 'disabled',
      externalAudience: replies?.externalAudience ?? 'all',
      internalReplyMessage: replies?.internalReplyMessage ?? '',
      externalReplyMessage: replies?.externalReplyMessage ?? '',
      scheduledStartDateTime: {
        dateTime: replies?.scheduledStartDateTime ?? `${day.toISOString().slice(0, 19)}.0000000`,
        timeZone: 'UTC',
      },
      scheduledEndDateTime: {
        dateTime:
          replies?.scheduledEndDateTime ??
          `${new Date(day.getTime() + 86_400_000).toISOString().slice(0, 19)}.0000000`,
        timeZone: 'UTC',
      },
    },
    language: { locale, displayName: languageName },
    workingHours: {
      daysOfWeek: [...mb.workingHours.daysOfWeek],
      startTime: mb.workingHours.startTime,
      endTime: mb.workingHours.endTime,
      timeZone: { name: mb.workingHours.timeZone },
    },
  };
}

/** `GET /users/{id}/mailboxSettings` */
function getSettings(call: Call): GraphResponse {
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, `users('${call.params.user}')/mailboxSettings`),
      ...mailboxSettings(call.user, call.ctx.now()),
    },
  };
}

/** `GET /users/{id}/mailboxSettings/{property}` — a primitive comes back as `{ value }`. */
function getSetting(call: Call): GraphResponse {
  const settings = mailboxSettings(call.user, call.ctx.now());
  const name = Object.keys(settings).find(
    (k) => k.toLowerCase() === (call.params.property ?? '').toLowerCase(),
  );
  if (!name) throw GraphErrors.segmentNotFound(call.params.property ?? '');
  const value = settings[name];
  const context = odataContext(call, `users('${call.params.user}')/mailboxSettings/${name}`);
  return {
    status: 200,
    body:
      typeof value === 'object' && value !== null
        ? { '@odata.context': context, ...value }
        : { '@odata.context': context, value },
  };
}

const access = { family: 'outlook', anyOf: Permissions.settingsRead } as const;
const mailbox = { param: 'user', need: 'settings' } as const;

export const mailboxSettingsRoutes: RouteDef[] = [
  { method: 'GET', pattern: '/users/:user/mailboxSettings', access, mailbox, handler: getSettings },
  {
    method: 'GET',
    pattern: '/users/:user/mailboxSettings/:property',
    access,
    mailbox,
    handler: getSetting,
  },
];
