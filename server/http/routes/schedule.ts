// Finding a time (DESIGN J4): `POST /api/schedule/availability` — each attendee's busy intervals,
// working hours and zone, or why they are unknown — and `POST /api/schedule/suggestions` — ranked
// slots with free rooms. Both answer `Server-Timing`: `graph` (the wall time of the parallel Graph
// round), `compute` (the handler's wall time outside it) and `cpu` (the CPU time the process used
// over the handler — Graph answers parsed and merged included, waits excluded; exact when the
// request is the only one in flight).
import type { Response } from 'express';
import type { RouteModule } from '../../app.js';
import { membershipOf, requireMembership } from '../../domain/membership.js';
import { describeUnknown, type AvailabilityResult } from '../../scheduling/availability/index.js';
import { checkAttendeeCount, parseWindow } from '../../scheduling/request-window.js';
import { roomTenantOf } from '../../scheduling/rooms/room-tenant.js';
import { schedulingRuntime } from '../../scheduling/runtime.js';
import {
  AvailabilityRequestSchema,
  AvailabilityResponseSchema,
  SuggestionRequestSchema,
  SuggestionResponseSchema,
} from '../../scheduling/schemas.js';
import { suggestTimes } from '../../scheduling/suggestions/suggest.js';
import { isTimeZone } from '../../scheduling/zoned-time.js';
import { callerOf } from '../auth/caller.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';
import { requireRoomList, roomsProblem } from './rooms.js';

const MINUTE = 60_000;

const WINDOW_ERRORS = [
  'ERR_ORG_NOT_SET_UP',
  'ERR_VALIDATION',
  'ERR_SCHEDULE_WINDOW_INVALID',
  'ERR_SCHEDULE_WINDOW_TOO_LONG',
  'ERR_SCHEDULE_TOO_MANY_ATTENDEES',
] as const;

interface Timer {
  readonly began: number;
  readonly cpu: NodeJS.CpuUsage;
}

function startTimer(): Timer {
  return { began: performance.now(), cpu: process.cpuUsage() };
}

/** Sets `Server-Timing`; returns the handler's compute and CPU times (ms). */
function serverTiming(res: Response, timer: Timer, graphMs: number) {
  const computeMs = Math.max(0, performance.now() - timer.began - graphMs);
  const used = process.cpuUsage(timer.cpu);
  const cpuMs = (used.user + used.system) / 1000;
  res.setHeader(
    'Server-Timing',
    `graph;dur=${graphMs.toFixed(3)}, compute;dur=${computeMs.toFixed(3)}, cpu;dur=${cpuMs.toFixed(3)}`,
  );
  return { computeMs, cpuMs };
}

function availabilityView(result: AvailabilityResult, start: number, end: number) {
  return {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    policy: { blocking: [...result.policy.blocking], unknownBlocks: result.policy.unknownBlocks },
    attendees: result.attendees.map((a) => ({
      email: a.email,
      displayName: a.member?.displayName ?? null,
      availability: a.known ? 'known' : 'unknown',
      reason: a.unknown?.reason ?? null,
      detail: a.unknown ? describeUnknown(a.unknown.reason) : null,
      ...(a.unknown?.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: a.unknown.retryAfterSeconds }),
      ...(a.unknown?.requestId === undefined ? {} : { requestId: a.unknown.requestId }),
      timeZone: a.timeZone,
      workingHours: a.workingHours
        ? {
            daysOfWeek: [...a.workingHours.daysOfWeek],
            startTime: a.workingHours.startTime,
            endTime: a.workingHours.endTime,
            timeZone: a.workingHours.timeZone,
          }
        : null,
      busy: a.busy.map((b) => ({
        start: new Date(b.start).toISOString(),
        end: new Date(b.end).toISOString(),
        status: b.status,
        blocking: b.blocking,
      })),
    })),
  };
}

export const scheduleRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const membership = requireMembership(membershipDepsOf(deps));
  const runtime = schedulingRuntime(deps);

  const availabilityInput = validate({ body: AvailabilityRequestSchema });
  api.route({
    method: 'post',
    path: '/api/schedule/availability',
    summary: "Attendees' busy intervals (no subjects), working hours and zones, or why unknown",
    tags: ['Schedule'],
    request: {
      body: { content: { 'application/json': { schema: AvailabilityRequestSchema } } },
    },
    errors: [...WINDOW_ERRORS],
    responses: {
      200: {
        description: 'One entry per distinct attendee, in the order asked',
        content: { 'application/json': { schema: AvailabilityResponseSchema } },
      },
    },
  });
  router.post('/api/schedule/availability', membership, availabilityInput, async (_req, res) => {
    const timer = startTimer();
    const { body } = availabilityInput.get(res);
    const { org, member } = membershipOf(res);
    const { start, end } = parseWindow(body.start, body.end, body.timeZone);
    checkAttendeeCount(body.attendees);
    const result = await runtime.availability.read({
      org,
      caller: member,
      attendees: body.attendees,
      start,
      end,
    });
    const view = availabilityView(result, start, end);
    serverTiming(res, timer, result.graphMs);
    res.json(view);
  });

  const suggestionInput = validate({ body: SuggestionRequestSchema });
  api.route({
    method: 'post',
    path: '/api/schedule/suggestions',
    summary: 'Ranked meeting slots with free rooms, and who is unknown and why',
    tags: ['Schedule'],
    request: {
      body: { content: { 'application/json': { schema: SuggestionRequestSchema } } },
    },
    errors: [
      ...WINDOW_ERRORS,
      'ERR_SCHEDULE_WINDOW_TOO_SHORT',
      'ERR_SCHEDULE_WINDOW_PAST',
      'ERR_ROOM_LIST_NOT_FOUND',
    ],
    responses: {
      200: {
        description: 'Slots best first (ties: earliest first)',
        content: { 'application/json': { schema: SuggestionResponseSchema } },
      },
    },
  });
  router.post('/api/schedule/suggestions', membership, suggestionInput, async (_req, res) => {
    const timer = startTimer();
    const { body } = suggestionInput.get(res);
    const { org, member } = membershipOf(res);
    const own = member.calendar.timeZone;
    const zone = body.organizerTimeZone ?? (own && isTimeZone(own) ? own : undefined);
    const { start, end } = parseWindow(body.start, body.end, zone);
    const organizer = body.includeOrganizer ? [member.email] : [];
    checkAttendeeCount(organizer, body.required, body.optional);
    if (organizer.length + body.required.length + body.optional.length === 0) {
      throw new AppError('ERR_VALIDATION', {
        detail: '1 field failed validation.',
        errors: [
          {
            in: 'body',
            path: 'required',
            message: 'Name at least one attendee, or include the organizer.',
          },
        ],
      });
    }
    const duration = body.durationMinutes * MINUTE;
    if (end - start < duration) {
      throw new AppError('ERR_SCHEDULE_WINDOW_TOO_SHORT', {
        detail: `The window is ${Math.floor((end - start) / MINUTE)} minutes long; the meeting takes ${body.durationMinutes}.`,
      });
    }
    const now = runtime.clock.now();
    if (Math.max(start, now) + duration > end) {
      throw new AppError('ERR_SCHEDULE_WINDOW_PAST', {
        detail:
          end <= now
            ? 'The window ends before now.'
            : 'What is left of the window from now on is shorter than the meeting.',
      });
    }
    const connections = await services.orgs.listConnections(org.id);
    let roomTenant: { ok: true; tenantId: string } | { ok: false; error: unknown };
    try {
      roomTenant = {
        ok: true,
        tenantId: roomTenantOf(member, callerOf(res).tenantId, connections),
      };
    } catch (error) {
      roomTenant = { ok: false, error };
    }
    const rooms = body.rooms && body.rooms.count > 0 ? body.rooms : undefined;
    if (rooms?.roomList !== undefined && roomTenant.ok) {
      try {
        await requireRoomList(runtime.rooms, roomTenant.tenantId, rooms.roomList);
      } catch (error) {
        // An unknown list is the caller's mistake; a list that cannot be read is reported below.
        if (error instanceof AppError) throw roomsProblem(error);
      }
    }
    const result = await suggestTimes(runtime, {
      org,
      caller: member,
      roomTenant,
      required: body.required,
      optional: body.optional,
      includeOrganizer: body.includeOrganizer,
      start,
      end,
      durationMinutes: body.durationMinutes,
      granularityMinutes: body.granularityMinutes,
      bufferBeforeMinutes: body.bufferMinutes?.before ?? 0,
      bufferAfterMinutes: body.bufferMinutes?.after ?? 0,
      organizerTimeZone: zone ?? 'UTC',
      rooms,
      maxResults: body.maxResults,
      connections,
    });
    const { computeMs, cpuMs } = serverTiming(res, timer, result.timings.graphMs);
    res.json({
      ...result,
      timings: {
        graphMs: result.timings.graphMs,
        computeMs: round(computeMs),
        cpuMs: round(cpuMs),
      },
    });
  });
};

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
