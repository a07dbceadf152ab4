// A member's calendars in their org-managed mailbox (app-only `GET /users/{id}/calendars` through the
// org's connection to that tenant), and their choice of calendars that count for conflicts and where
// Quorum books — checked against the mailbox's real calendars, so no id of another mailbox gets in.
import type { Response } from 'express';
import type { RouteModule } from '../../app.js';
import { membershipOf, requireMembership } from '../../domain/membership.js';
import { orgMailboxOf, type OrgMailbox } from '../../domain/org-calendar.js';
import { REASONS } from '../../domain/reasons.js';
import type { Member } from '../../domain/types.js';
import { listCalendars } from '../../microsoft/calendars.js';
import { GraphError } from '../../microsoft/graph/index.js';
import type { GraphCalendar } from '../../microsoft/graph-types.js';
import { IdentityError } from '../../microsoft/identity/index.js';
import type { Services } from '../../services.js';
import { AppError, type FieldIssue } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';

/** The destination value that means "the Quorum Scheduler calendar" (created on first booking). */
export const SCHEDULER_DESTINATION = 'scheduler';
export const SCHEDULER_CALENDAR_NAME = 'Quorum Scheduler';

const CalendarsSchema = z
  .object({
    calendars: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        canEdit: z.boolean(),
        isDefault: z.boolean(),
        selected: z.boolean().openapi({
          description: 'Counts for conflicts (the default calendar always does).',
        }),
        destination: z.boolean().openapi({ description: 'Quorum books here.' }),
      }),
    ),
    scheduler: z.object({
      id: z.literal(SCHEDULER_DESTINATION),
      name: z.string(),
      exists: z.boolean().openapi({ description: 'The calendar is already in the mailbox.' }),
      destination: z.boolean(),
    }),
    destinationCalendarId: z.string().nullable(),
  })
  .openapi('MyCalendars');

const SelectionSchema = z
  .object({
    selectedCalendarIds: z.array(z.string().min(1).max(512)).max(50),
    destinationCalendarId: z.string().min(1).max(512).nullable().openapi({
      description:
        'A calendar id that can be written, `scheduler`, or null for the default calendar.',
    }),
  })
  .strict()
  .openapi('CalendarSelection');

type CalendarsView = z.infer<typeof CalendarsSchema>;

function calendarsView(member: Member, calendars: readonly GraphCalendar[]): CalendarsView {
  const { selectedCalendarIds, destinationCalendarId } = member.calendar;
  const selected = new Set(selectedCalendarIds);
  return {
    calendars: calendars.map((c) => {
      const isDefault = c.isDefaultCalendar === true;
      return {
        id: c.id,
        name: c.name ?? '',
        canEdit: c.canEdit !== false,
        isDefault,
        selected: isDefault || selected.has(c.id),
        destination: destinationCalendarId === null ? isDefault : destinationCalendarId === c.id,
      };
    }),
    scheduler: {
      id: SCHEDULER_DESTINATION,
      name: SCHEDULER_CALENDAR_NAME,
      exists: calendars.some((c) => c.name === SCHEDULER_CALENDAR_NAME),
      destination: destinationCalendarId === SCHEDULER_DESTINATION,
    },
    destinationCalendarId,
  };
}

/** Graph and token failures as problems the member can act on (or wait out). */
function calendarReadError(error: unknown): unknown {
  if (error instanceof GraphError) {
    if (error.transient || error.status === 0) {
      const retryAfter = String(error.retryAfterSeconds ?? 30);
      return new AppError('ERR_CALENDAR_TEMPORARILY_UNAVAILABLE', {
        headers: { 'Retry-After': retryAfter },
        cause: error,
      });
    }
    const reason =
      error.code === 'MailboxNotEnabledForRESTAPI'
        ? REASONS.no_mailbox.summary
        : error.status === 403
          ? 'Microsoft 365 denied Quorum access to this mailbox (access scope or consent).'
          : `Microsoft Graph answered ${error.status} ${error.code}.`;
    return new AppError('ERR_CALENDAR_UNREADABLE', {
      detail: `${reason} Request id: ${error.requestId ?? 'none'}.`,
      cause: error,
    });
  }
  if (error instanceof IdentityError) {
    return error.transient
      ? new AppError('ERR_CALENDAR_TEMPORARILY_UNAVAILABLE', {
          headers: { 'Retry-After': String(error.retryAfterSeconds ?? 30) },
          cause: error,
        })
      : new AppError('ERR_CALENDAR_UNREADABLE', { detail: error.message, cause: error });
  }
  return error;
}

/** The member's org-managed mailbox and its calendars, or the problem that stands in the way. */
async function readCalendars(
  services: Services,
  res: Response,
): Promise<{ member: Member; orgMailbox: OrgMailbox; calendars: GraphCalendar[] }> {
  const { org, member } = membershipOf(res);
  if (member.calendar.disconnected) throw new AppError('ERR_CALENDAR_DISCONNECTED');
  const orgMailbox = orgMailboxOf(member, await services.orgs.listConnections(org.id));
  if (!orgMailbox) throw new AppError('ERR_CALENDAR_NOT_MANAGED');
  const { tenantId, objectId } = orgMailbox.mailbox;
  try {
    return {
      member,
      orgMailbox,
      calendars: await listCalendars(services.graph, tenantId, objectId),
    };
  } catch (error) {
    throw calendarReadError(error);
  }
}

const READ_ERRORS = [
  'ERR_ORG_NOT_SET_UP',
  'ERR_CALENDAR_DISCONNECTED',
  'ERR_CALENDAR_NOT_MANAGED',
  'ERR_CALENDAR_UNREADABLE',
  'ERR_CALENDAR_TEMPORARILY_UNAVAILABLE',
] as const;

export const meCalendarRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const membership = requireMembership(membershipDepsOf(deps));
  const ok = {
    200: {
      description: "The mailbox's calendars with the member's choices",
      content: { 'application/json': { schema: CalendarsSchema } },
    },
  };

  api.route({
    method: 'get',
    path: '/api/me/calendars',
    summary: "The calendars of the caller's org-managed mailbox, plus the Quorum Scheduler option",
    tags: ['Me'],
    errors: [...READ_ERRORS],
    responses: ok,
  });
  router.get('/api/me/calendars', membership, async (_req, res) => {
    const { member, calendars } = await readCalendars(services, res);
    res.json(calendarsView(member, calendars));
  });

  const input = validate({ body: SelectionSchema });
  api.route({
    method: 'put',
    path: '/api/me/calendars/selection',
    summary: 'Choose calendars that count for conflicts and where Quorum books',
    tags: ['Me'],
    request: { body: { content: { 'application/json': { schema: SelectionSchema } } } },
    errors: [...READ_ERRORS, 'ERR_VALIDATION'],
    responses: ok,
  });
  router.put('/api/me/calendars/selection', membership, input, async (_req, res) => {
    const { body } = input.get(res);
    const { member, calendars } = await readCalendars(services, res);
    const byId = new Map(calendars.map((c) => [c.id, c]));
    const issues: FieldIssue[] = [];
    body.selectedCalendarIds.forEach((id, i) => {
      if (!byId.has(id)) {
        issues.push({
          in: 'body',
          path: `selectedCalendarIds.${i}`,
          message: 'Not one of your calendars.',
        });
      }
    });
    const destination = body.destinationCalendarId;
    if (destination !== null && destination !== SCHEDULER_DESTINATION) {
      const calendar = byId.get(destination);
      if (!calendar) {
        issues.push({
          in: 'body',
          path: 'destinationCalendarId',
          message: 'Not one of your calendars.',
        });
      } else if (calendar.canEdit === false) {
        issues.push({
          in: 'body',
          path: 'destinationCalendarId',
          message: 'Quorum cannot write to this calendar.',
        });
      }
    }
    if (issues.length > 0) {
      throw new AppError('ERR_VALIDATION', {
        detail: `${issues.length} field${issues.length === 1 ? '' : 's'} failed validation.`,
        errors: issues,
      });
    }
    // The default calendar always counts and is the default destination: null stands for it.
    const defaultId = calendars.find((c) => c.isDefaultCalendar)?.id;
    const selectedCalendarIds = [...new Set(body.selectedCalendarIds)].filter(
      (id) => id !== defaultId,
    );
    const destinationCalendarId = destination === defaultId ? null : destination;
    const updated = await services.members.update(member.orgId, member.id, (m) => ({
      ...m,
      calendar: { ...m.calendar, selectedCalendarIds, destinationCalendarId },
    }));
    if (!updated) throw new AppError('ERR_NOT_FOUND', { detail: 'Your membership is gone.' });
    res.json(calendarsView(updated, calendars));
  });
};
