// The JSON of an event as Graph returns it (graph-facts §3.5): times in the requested zone,
// occurrences of series, extended properties only when `$expand`ed, and no body for ReadBasic.
import type { StoredEvent } from './event-model.js';
import { option } from './odata.js';
import type { Call } from './pipeline.js';
import type { Occurrence } from './recurrence.js';
import {
  formatDate,
  preferredTimeZone,
  toDateTimeTimeZone,
  toIana,
  wallClockOf,
} from './time-zones.js';

export interface EventShapeOptions {
  /** Zone for start/end; `original` echoes the zone the event was written with. */
  timeZone: string;
  /** Extended property ids to include (from `$expand`); undefined → none, empty set → all. */
  extendedProperties?: Set<string>;
  select?: string[];
  /** Calendars.ReadBasic hides bodies and extended properties. */
  basic: boolean;
}

/** Reads `$expand=singleValueExtendedProperties($filter=id eq '…')`. */
export function expandedProperties(query: URLSearchParams): Set<string> | undefined {
  const expand = option(query, 'expand');
  if (!expand || !/singleValueExtendedProperties/i.test(expand)) return undefined;
  const ids = new Set<string>();
  for (const m of expand.matchAll(/id\s+eq\s+'([^']+)'/gi)) if (m[1]) ids.add(m[1].toLowerCase());
  return ids;
}

/** Shape options for a read request: `Prefer: outlook.timezone` or UTC. */
export function readShape(call: Call, defaultZone = 'UTC'): EventShapeOptions {
  const select = option(call.req.query, 'select');
  return {
    timeZone: preferredTimeZone(call.req.headers.prefer) ?? defaultZone,
    extendedProperties: expandedProperties(call.req.query),
    select: select ? select.split(',').map((s) => s.trim()) : undefined,
    basic: ![
      'Calendars.Read',
      'Calendars.ReadWrite',
      'Calendars.Read.Shared',
      'Calendars.ReadWrite.Shared',
    ].some((p) => call.caller.permissions.has(p)),
  };
}

/** `Preference-Applied` when the client asked for a zone. */
export function preferenceApplied(call: Call): Record<string, string> {
  const tz = preferredTimeZone(call.req.headers.prefer);
  return tz ? { 'Preference-Applied': `outlook.timezone="${tz}"` } : {};
}

function allDayValue(utcMs: number, eventZone: string, zone: string) {
  const w = wallClockOf(utcMs, toIana(eventZone) ?? 'UTC');
  // All-day events float: midnight of their dates in whichever zone the client reads them.
  return { dateTime: `${formatDate(w)}T00:00:00.0000000`, timeZone: zone };
}

function preview(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255);
}

/** The occurrence id of a series instance: the master id and the occurrence's date. */
export function occurrenceId(masterId: string, occ: Occurrence): string {
  return `${masterId}~${formatDate(occ.date).replace(/-/g, '')}`;
}

export function shapeEvent(
  ev: StoredEvent,
  options: EventShapeOptions,
  occurrence?: Occurrence,
): Record<string, unknown> {
  const zone = options.timeZone === 'original' ? ev.startTimeZone : options.timeZone;
  const endZone = options.timeZone === 'original' ? ev.endTimeZone : options.timeZone;
  const startUtc = occurrence?.startUtc ?? ev.startUtc;
  const endUtc = occurrence?.endUtc ?? ev.endUtc;
  const id = occurrence ? occurrenceId(ev.id, occurrence) : ev.id;
  const full: Record<string, unknown> = {
    '@odata.etag': `W/"${ev.changeKey}"`,
    id,
    createdDateTime: ev.createdDateTime,
    lastModifiedDateTime: ev.lastModifiedDateTime,
    changeKey: ev.changeKey,
    categories: [...ev.categories],
    ...(ev.transactionId ? { transactionId: ev.transactionId } : {}),
    originalStartTimeZone: ev.startTimeZone,
    originalEndTimeZone: ev.endTimeZone,
    iCalUId: ev.iCalUId,
    reminderMinutesBeforeStart: ev.reminderMinutesBeforeStart,
    isReminderOn: ev.isReminderOn,
    hasAttachments: false,
    subject: ev.subject,
    bodyPreview: preview(ev.body.content),
    importance: ev.importance,
    sensitivity: ev.sensitivity,
    isAllDay: ev.isAllDay,
    isCancelled: ev.isCancelled,
    isOrganizer: ev.isOrganizer,
    responseRequested: ev.responseRequested,
    seriesMasterId: occurrence ? ev.id : null,
    showAs: ev.showAs,
    type: occurrence ? 'occurrence' : ev.recurrence ? 'seriesMaster' : 'singleInstance',
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: ev.isOnlineMeeting,
    onlineMeetingProvider: ev.onlineMeetingProvider,
    allowNewTimeProposals: ev.allowNewTimeProposals,
    isDraft: false,
    hideAttendees: ev.hideAttendees,
    responseStatus: { ...ev.responseStatus },
    body: { ...ev.body },
    start: ev.isAllDay
      ? allDayValue(startUtc, ev.startTimeZone, zone)
      : toDateTimeTimeZone(startUtc, zone),
    end: ev.isAllDay
      ? allDayValue(endUtc, ev.endTimeZone, endZone)
      : toDateTimeTimeZone(endUtc, endZone),
    location: structuredClone(ev.location),
    locations: structuredClone(ev.locations),
    recurrence: occurrence ? null : structuredClone(ev.recurrence),
    attendees: ev.attendees.map((a) => structuredClone(a)),
    organizer: structuredClone(ev.organizer),
    onlineMeeting: ev.onlineMeeting ? structuredClone(ev.onlineMeeting) : null,
  };
  if (options.basic) {
    delete full.body;
    delete full.bodyPreview;
  }
  if (options.extendedProperties && !options.basic) {
    const wanted = options.extendedProperties;
    full.singleValueExtendedProperties = ev.singleValueExtendedProperties
      .filter((p) => wanted.size === 0 || wanted.has(p.id.toLowerCase()))
      .map((p) => ({ ...p }));
  }
  if (!options.select) return full;
  const out: Record<string, unknown> = { '@odata.etag': full['@odata.etag'], id };
  for (const name of options.select) {
    const key = Object.keys(full).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key) out[key] = full[key];
  }
  if (full.singleValueExtendedProperties)
    out.singleValueExtendedProperties = full.singleValueExtendedProperties;
  return out;
}
