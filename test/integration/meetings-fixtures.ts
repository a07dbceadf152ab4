// Helpers for the meeting tests: API calls with headers (Idempotency-Key), slots far enough ahead to
// miss the scenario's recurring events, and what the emulated mailboxes hold.
import { randomUUID } from 'node:crypto';
import { findEventsByQuorumId } from '../../server/microsoft/events.js';
import { listCalendars } from '../../server/microsoft/calendars.js';
import type { GraphEvent } from '../../server/microsoft/graph-types.js';
import { TENANTS } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';

export interface Problem {
  code: string;
  status: number;
  detail: string;
  errors?: { in: string; path: string; message: string }[];
}

export type Who = { tenant: string; upn: string };

export const adele: Who = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
export const megan: Who = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
export const irvin: Who = { tenant: 'contoso.com', upn: 'irvin.sayers@contoso.com' };
export const patti: Who = { tenant: 'contoso.com', upn: 'patti.fernandez@contoso.com' };
export const alex: Who = { tenant: 'contoso.com', upn: 'alex.wilber@contoso.com' };
export const kim: Who = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };

/** Calls Quorum's API as `who` with extra headers; JSON in and out. */
export async function call<T = unknown>(
  quorum: TestQuorum,
  who: Who,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await fetch(`${quorum.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await quorum.tokenFor(who.tenant, who.upn)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: (text ? JSON.parse(text) : undefined) as T,
  };
}

/**
 * A weekday slot `daysAhead` days from now (≥ 120: past every scenario series), `hour` o'clock in
 * Los Angeles, as wall-clock strings for `timeZone: 'America/Los_Angeles'`.
 */
export function slot(daysAhead: number, hour = 10, minutes = 60): { start: string; end: string } {
  const day = new Date(Date.now() + daysAhead * 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  const date = day.toISOString().slice(0, 10);
  const at = (h: number, m: number) =>
    `${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const endTotal = hour * 60 + minutes;
  return { start: at(hour, 0), end: at(Math.floor(endTotal / 60), endTotal % 60) };
}

export function uniqueSubject(what: string): string {
  return `${what} ${randomUUID().slice(0, 8)}`;
}

export function oidOf(quorum: TestQuorum, who: Who): string {
  const tenant = quorum.emulator.world.findTenant(who.tenant)!;
  return quorum.emulator.world.findUser(tenant, who.upn)!.id;
}

export function tenantIdOf(who: Who): string {
  return who.tenant === 'fabrikam.com' ? TENANTS.fabrikam.id : TENANTS.contoso.id;
}

/** Every event with this subject in the mailbox, whichever calendar holds it. */
export async function eventsWithSubject(
  quorum: TestQuorum,
  who: Who,
  subject: string,
): Promise<GraphEvent[]> {
  const found: GraphEvent[] = [];
  for await (const page of quorum.services.graph.pages<GraphEvent & { calendarId?: string }>({
    tenantId: tenantIdOf(who),
    path: `/users/${oidOf(quorum, who)}/events`,
    query: {
      $filter: `subject eq '${subject.replace(/'/g, "''")}'`,
      $select: 'id,subject,start,end,location,attendees,isCancelled',
    },
  })) {
    found.push(...page.value);
  }
  return found;
}

/** Events in the mailbox carrying this Quorum meeting id (in `calendarId`, or the whole mailbox). */
export function eventsOfMeeting(
  quorum: TestQuorum,
  who: Who,
  meetingId: string,
  calendarId?: string,
): Promise<GraphEvent[]> {
  return findEventsByQuorumId(
    quorum.services.graph,
    tenantIdOf(who),
    oidOf(quorum, who),
    meetingId,
    calendarId === undefined ? {} : { calendarId },
  );
}

export async function schedulerCalendars(quorum: TestQuorum, who: Who) {
  const calendars = await listCalendars(quorum.services.graph, tenantIdOf(who), oidOf(quorum, who));
  return calendars.filter((c) => c.name === 'Quorum Scheduler');
}
