// A mailbox's calendars (graph-facts §3.1): listing for the member's conflict choices, the default
// calendar as the health probe, and the "Quorum Scheduler" calendar Quorum creates on demand.

import type { GraphClient } from './graph/index.js';
import type { GraphCalendar } from './graph-types.js';
import { userPath } from './paths.js';

const CALENDAR_SELECT =
  'id,name,canEdit,isDefaultCalendar,allowedOnlineMeetingProviders,defaultOnlineMeetingProvider,owner';

/** `GET /users/{id}/calendars` — every calendar of the mailbox, all pages. */
export async function listCalendars(
  graph: GraphClient,
  tenantId: string,
  userId: string,
): Promise<GraphCalendar[]> {
  const calendars: GraphCalendar[] = [];
  for await (const page of graph.pages<GraphCalendar>({
    tenantId,
    path: `${userPath(userId)}/calendars`,
    query: { $select: CALENDAR_SELECT },
  })) {
    calendars.push(...page.value);
  }
  return calendars;
}

/**
 * `GET /users/{id}/calendar?$select=id` — the default calendar's id. The cheapest read that proves
 * calendar access; RBAC for Applications grants it separately from mailbox settings.
 */
export async function getDefaultCalendar(
  graph: GraphClient,
  tenantId: string,
  userId: string,
): Promise<{ id: string }> {
  const { id } = await graph.get<{ id: string }>(tenantId, `${userPath(userId)}/calendar`, {
    query: { $select: 'id' },
  });
  return { id };
}

/** `POST /users/{id}/calendars` — a new calendar in the mailbox (201 + the calendar). */
export async function createCalendar(
  graph: GraphClient,
  tenantId: string,
  userId: string,
  name: string,
): Promise<GraphCalendar> {
  // Not replayed on 429/5xx: a second POST would create a second calendar of the same name.
  return graph.post<GraphCalendar>(tenantId, `${userPath(userId)}/calendars`, { name });
}
