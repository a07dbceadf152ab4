// Seeds mailboxes from a scenario's `calendars` section: compact, week-relative patterns expanded
// against the emulator clock in each organizer's own time zone, then created through the same
// code path as `POST /users/{id}/events` (so attendee copies and room answers are real).
//
// Format (all times are wall-clock in the organizer's mailbox time zone):
//   "calendars": {
//     "serviceMailbox": "events",                  // the org's service mailbox (documentation only)
//     "events": [{
//       "who": "adele.vance",                        // organizer: local part or UPN
//       "subject": "Standup",
//       "week": 0,                                   // weeks from the current one (Monday-based); default 0
//       "day": "mon",                                // mon … sun; default mon
//       "start": "09:30", "durationMinutes": 15,     // timed event (default 30 minutes)
//       "allDay": true, "days": 2,                   // or an all-day event spanning `days` (default 1)
//       "showAs": "busy",                            // free | tentative | busy | oof | workingElsewhere
//       "sensitivity": "private",
//       "attendees": ["allan.deyoung", "group:engineering"],
//       "room": "room.rainier",                      // invited as a resource attendee and the location
//       "online": true,                              // Teams meeting
//       "recurrence": { "type": "daily" | "weekly", "interval": 1, "weekdaysOnly": true,
//                       "days": ["mon", "thu"], "weeks": 8, "count": 10 }
//     }]
//   }
// A daily recurrence with `weekdaysOnly` becomes Outlook's weekly Monday–Friday pattern; a series
// ends after `count` occurrences if given, else after `weeks` weeks (default 8).
import { z } from 'zod';
import type { Tenant, User } from '../world/types.js';
import type { EventInput } from './event-input.js';
import { createEvent, deliverMeeting } from './meetings.js';
import type { GraphState } from './state.js';
import { addDays, dayOfWeek, formatDate, requireIana, wallClockOf } from './time-zones.js';

const dayName = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const DAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;
const LONG = {
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
} as const;

const scenarioEvent = z.strictObject({
  who: z.string().min(1),
  subject: z.string(),
  week: z.number().int().default(0),
  day: dayName.default('mon'),
  start: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .optional(),
  durationMinutes: z.number().int().positive().default(30),
  allDay: z.boolean().default(false),
  days: z.number().int().positive().default(1),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere']).default('busy'),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).optional(),
  attendees: z.array(z.string()).default([]),
  room: z.string().optional(),
  online: z.boolean().default(false),
  recurrence: z
    .strictObject({
      type: z.enum(['daily', 'weekly']),
      interval: z.number().int().positive().default(1),
      weekdaysOnly: z.boolean().default(false),
      days: z.array(dayName).optional(),
      weeks: z.number().int().positive().default(8),
      count: z.number().int().positive().optional(),
    })
    .optional(),
});

export const scenarioCalendarsSchema = z.strictObject({
  serviceMailbox: z.string().optional(),
  events: z.array(scenarioEvent).default([]),
});

export type ScenarioEvent = z.infer<typeof scenarioEvent>;

function qualify(name: string, tenant: Tenant): string {
  return name.includes('@') ? name : `${name}@${tenant.defaultDomain}`;
}

function mustFind(state: GraphState, tenant: Tenant, name: string): User {
  const user = state.ctx.world.findUser(tenant, qualify(name, tenant));
  if (!user) throw new Error(`scenario calendars of ${tenant.displayName}: unknown user ${name}`);
  return user;
}

function attendeeAddresses(state: GraphState, tenant: Tenant, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (name.startsWith('group:')) {
      const nick = name.slice(6).toLowerCase();
      const group = tenant.groups.find((g) => g.mail?.split('@')[0] === nick);
      if (!group)
        throw new Error(`scenario calendars of ${tenant.displayName}: unknown group ${name}`);
      for (const id of group.members) {
        const u = tenant.users.find((x) => x.id === id);
        if (u?.mail) out.push(u.mail);
      }
    } else if (name.includes('@')) {
      // A full address may be anyone, inside the tenant or not (guests are invited by address).
      out.push(name.toLowerCase());
    } else {
      const u = mustFind(state, tenant, name);
      out.push(u.mail ?? u.userPrincipalName);
    }
  }
  return [...new Set(out)];
}

/** Turns one compact scenario event into the body a client would POST. */
export function toEventInput(
  state: GraphState,
  tenant: Tenant,
  organizer: User,
  spec: ScenarioEvent,
): EventInput {
  const zone = organizer.mailbox.timeZone;
  const iana = requireIana(zone);
  const today = wallClockOf(state.ctx.now(), iana);
  const monday = addDays(today, -((dayOfWeek(today) + 6) % 7));
  const date = addDays(monday, spec.week * 7 + DAY_INDEX[spec.day]);
  let start: string;
  let end: string;
  if (spec.allDay) {
    start = `${formatDate(date)}T00:00:00`;
    end = `${formatDate(addDays(date, spec.days))}T00:00:00`;
  } else {
    if (!spec.start)
      throw new Error(`scenario event "${spec.subject}" needs a start time or allDay`);
    const [h = 0, m = 0] = spec.start.split(':').map(Number);
    const endMinutes = h * 60 + m + spec.durationMinutes;
    const endDate = addDays(date, Math.floor(endMinutes / 1440));
    const pad = (n: number) => String(n).padStart(2, '0');
    start = `${formatDate(date)}T${spec.start}:00`;
    end = `${formatDate(endDate)}T${pad(Math.floor((endMinutes % 1440) / 60))}:${pad(endMinutes % 60)}:00`;
  }
  const attendees = attendeeAddresses(state, tenant, spec.attendees)
    .filter((a) => a.toLowerCase() !== (organizer.mail ?? '').toLowerCase())
    .map((address) => ({ emailAddress: { address }, type: 'required' as const }));
  const room = spec.room ? mustFind(state, tenant, spec.room) : undefined;
  if (room) {
    attendees.push({
      emailAddress: { address: room.mail ?? room.userPrincipalName },
      type: 'resource' as never,
    });
  }
  const rec = spec.recurrence;
  let recurrence: EventInput['recurrence'];
  if (rec) {
    const weekly = rec.type === 'weekly' || rec.weekdaysOnly;
    const days = rec.weekdaysOnly
      ? (['mon', 'tue', 'wed', 'thu', 'fri'] as const)
      : (rec.days ?? [spec.day]);
    recurrence = {
      pattern: {
        type: weekly ? 'weekly' : 'daily',
        interval: rec.interval,
        month: 0,
        dayOfMonth: 0,
        daysOfWeek: weekly ? days.map((d) => LONG[d]) : [],
        firstDayOfWeek: 'monday',
        index: 'first',
      },
      range: {
        type: rec.count ? 'numbered' : 'endDate',
        startDate: formatDate(date),
        endDate: rec.count ? '0001-01-01' : formatDate(addDays(date, rec.weeks * 7 - 1)),
        recurrenceTimeZone: zone,
        numberOfOccurrences: rec.count ?? 0,
      },
    };
  }
  return {
    subject: spec.subject,
    start: { dateTime: start, timeZone: zone },
    end: { dateTime: end, timeZone: zone },
    isAllDay: spec.allDay,
    showAs: spec.showAs,
    sensitivity: spec.sensitivity,
    attendees,
    ...(room
      ? {
          location: { displayName: room.displayName, locationEmailAddress: room.mail ?? undefined },
        }
      : {}),
    isOnlineMeeting: spec.online,
    ...(recurrence ? { recurrence } : {}),
  };
}

/** Writes every scenario's calendars into its tenant's mailboxes (once per emulator). */
export function seedScenarioCalendars(state: GraphState): void {
  if (state.seeded) return;
  state.seeded = true;
  for (const [tenantId, raw] of state.ctx.scenarioCalendars) {
    const tenant = state.ctx.world.tenants.get(tenantId);
    if (!tenant || raw === undefined) continue;
    const parsed = scenarioCalendarsSchema.safeParse(raw);
    if (!parsed.success) {
      throw new Error(`scenario calendars of ${tenant.displayName}: ${parsed.error.message}`);
    }
    if (parsed.data.serviceMailbox) mustFind(state, tenant, parsed.data.serviceMailbox);
    for (const spec of parsed.data.events) {
      const organizer = mustFind(state, tenant, spec.who);
      const box = state.store.open(tenant, organizer);
      const input = toEventInput(state, tenant, organizer, spec);
      const { event } = createEvent(
        state,
        tenant,
        organizer,
        box,
        state.store.defaultCalendar(box).id,
        input,
      );
      deliverMeeting(state, event);
    }
  }
}
