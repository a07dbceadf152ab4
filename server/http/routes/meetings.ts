// Meetings booked on the caller's own calendar (DESIGN J4, §4): `POST /api/meetings`,
// `GET /api/meetings`, `GET/PATCH /api/meetings/:id`, `POST /api/meetings/:id/cancel`.
import type { Request } from 'express';
import type { RouteModule } from '../../app.js';
import { membershipOf, requireMembership } from '../../domain/membership.js';
import { meetingsOf } from '../../scheduling/meetings/index.js';
import { MAX_ATTENDEES } from '../../scheduling/meetings/booking-input.js';
import { AppError, type ErrorCode } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { membershipDepsOf } from './membership-deps.js';

const Email = z.email().max(320);

const AttendeeInputSchema = z.strictObject({
  email: Email,
  type: z.enum(['required', 'optional']).default('required'),
});

const TimeInput = z.string().min(16).max(40).openapi({
  description:
    'A wall-clock time in `timeZone` (`2026-03-10T09:00`) or an instant with an offset (`2026-03-10T17:00:00Z`).',
});

export const CreateMeetingSchema = z
  .strictObject({
    subject: z.string().trim().min(1).max(255),
    start: TimeInput,
    end: TimeInput,
    timeZone: z.string().min(1).max(100).openapi({ example: 'America/Los_Angeles' }),
    attendees: z.array(AttendeeInputSchema).max(MAX_ATTENDEES).default([]),
    room: Email.optional().openapi({ description: 'A room mailbox, invited as a resource.' }),
    teams: z
      .boolean()
      .default(true)
      .openapi({ description: 'Add a Teams meeting when the calendar offers it.' }),
    body: z.string().max(32_000).optional().openapi({ description: 'Plain text.' }),
    destination: z.string().min(1).max(512).optional().openapi({
      description:
        '`default`, `scheduler` (the Quorum Scheduler calendar) or one of your calendar ids; defaults to your saved choice.',
    }),
  })
  .openapi('NewMeeting');

export const PatchMeetingSchema = z
  .strictObject({
    subject: z.string().trim().min(1).max(255).optional(),
    start: TimeInput.optional(),
    end: TimeInput.optional(),
    timeZone: z.string().min(1).max(100).optional(),
    attendees: z
      .strictObject({
        add: z.array(AttendeeInputSchema).max(MAX_ATTENDEES).default([]),
        remove: z.array(Email).max(MAX_ATTENDEES).default([]),
      })
      .optional(),
    room: Email.nullable()
      .optional()
      .openapi({ description: 'Swap the room, or null to drop it.' }),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'Nothing to change.' })
  .openapi('MeetingChange');

const CancelSchema = z
  .strictObject({ comment: z.string().max(2_000).optional() })
  .openapi('MeetingCancel');

const Instant = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), 'An ISO instant.');

const ListQuerySchema = z.strictObject({
  from: Instant.optional().openapi({ description: 'Default: now.' }),
  to: Instant.optional().openapi({
    description: 'Default: `from` + 30 days; at most 92 days after it.',
  }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(200))
    .optional(),
});

const IdParams = z.strictObject({ id: z.string().min(1).max(200) });

const AttendeeSchema = z.object({
  email: z.string(),
  type: z.enum(['required', 'optional']),
  response: z.enum(['none', 'accepted', 'tentativelyAccepted', 'declined']),
  respondedAt: z.string().nullable(),
});

const RoomOptionSchema = z.object({
  email: z.string(),
  name: z.string(),
  capacity: z.number().nullable(),
  building: z.string().nullable(),
  floor: z.string().nullable(),
});

export const MeetingSchema = z
  .object({
    id: z.string(),
    state: z.enum(['pending', 'scheduled', 'cancelled', 'failed']),
    subject: z.string(),
    start: z.string().openapi({ description: 'UTC instant.' }),
    end: z.string(),
    timeZone: z.string(),
    organizer: z.object({ email: z.string() }),
    role: z.enum(['organizer', 'attendee']),
    attendees: z.array(AttendeeSchema),
    room: z
      .object({
        email: z.string(),
        displayName: z.string().nullable().openapi({
          description:
            "The room's name from the tenant's places directory (cached); null when not listed.",
        }),
        name: z
          .string()
          .nullable()
          .openapi({ description: 'Same as `displayName` (older clients).' }),
        response: z.enum(['accepted', 'declined', 'pending']),
        respondedAt: z.string().nullable(),
        alternatives: z.array(RoomOptionSchema).optional().openapi({
          description: 'When the room declined: free rooms for the same slot, best fit first.',
        }),
      })
      .nullable(),
    teams: z.object({
      requested: z.boolean(),
      created: z.boolean().nullable(),
      reason: z.string().nullable(),
    }),
    joinUrl: z.string().nullable(),
    webLink: z.string().nullable(),
    iCalUId: z.string().nullable(),
    destination: z.object({
      requested: z.string(),
      used: z.enum(['default', 'scheduler', 'calendar']),
      reason: z.string().nullable(),
    }),
    failure: z
      .object({
        status: z.number(),
        code: z.string(),
        message: z.string(),
        requestId: z.string().nullable(),
      })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    responsesCheckedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
  })
  .openapi('Meeting');

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The client's `Idempotency-Key`, if any: 1–255 visible ASCII characters. */
function idempotencyKeyOf(req: Request): string | undefined {
  const value = req.get('idempotency-key');
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new AppError('ERR_BAD_REQUEST', {
      detail: 'Idempotency-Key must be 1–255 visible ASCII characters.',
    });
  }
  return value;
}

const MAILBOX_ERRORS: readonly ErrorCode[] = [
  'ERR_ORG_NOT_SET_UP',
  'ERR_CALENDAR_DISCONNECTED',
  'ERR_CALENDAR_NOT_MANAGED',
  'ERR_CALENDAR_UNREADABLE',
  'ERR_CALENDAR_TEMPORARILY_UNAVAILABLE',
  'ERR_BOOKING_NOT_GRANTED',
];

const DAY = 86_400_000;

export const meetingRoutes: RouteModule = ({ router, api, deps }) => {
  const meetings = meetingsOf(deps);
  const membership = requireMembership(membershipDepsOf(deps));
  const json = (description: string) => ({
    description,
    content: { 'application/json': { schema: MeetingSchema } },
  });

  const create = validate({ body: CreateMeetingSchema });
  api.route({
    method: 'post',
    path: '/api/meetings',
    summary: "Book a meeting on the caller's own calendar (Teams link, attendees, room)",
    tags: ['Meetings'],
    request: {
      headers: z.object({
        'Idempotency-Key': z.string().max(255).optional().openapi({
          description: 'Retries with the same key return the same meeting, booked once.',
        }),
      }),
      body: { content: { 'application/json': { schema: CreateMeetingSchema } } },
    },
    errors: [
      ...MAILBOX_ERRORS,
      'ERR_VALIDATION',
      'ERR_BAD_REQUEST',
      'ERR_MEETING_PENDING',
      'ERR_MEETING_REFUSED',
      'ERR_IDEMPOTENCY_KEY_REUSED',
    ],
    responses: { 201: json('Booked (or the replay of an earlier request with the same key)') },
  });
  router.post('/api/meetings', membership, create, async (req, res) => {
    const key = idempotencyKeyOf(req);
    const { meeting, replayed } = await meetings.book(membershipOf(res), create.get(res).body, key);
    res.setHeader('Location', `/api/meetings/${meeting.id}`);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).json(meeting);
  });

  const list = validate({ query: ListQuerySchema });
  api.route({
    method: 'get',
    path: '/api/meetings',
    summary: "The caller's Quorum meetings in a window, with everyone's answers",
    tags: ['Meetings'],
    request: { query: ListQuerySchema },
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_VALIDATION'],
    responses: {
      200: {
        description: 'Meetings overlapping [from, to), earliest first',
        content: { 'application/json': { schema: z.object({ meetings: z.array(MeetingSchema) }) } },
      },
    },
  });
  router.get('/api/meetings', membership, list, async (_req, res) => {
    const { query } = list.get(res);
    const from = query.from === undefined ? deps.clock.now() : Date.parse(query.from);
    const to = query.to === undefined ? from + 30 * DAY : Date.parse(query.to);
    if (to <= from || to - from > 92 * DAY) {
      throw new AppError('ERR_VALIDATION', {
        detail: '1 field failed validation.',
        errors: [
          { in: 'query', path: 'to', message: 'Must be after from, at most 92 days later.' },
        ],
      });
    }
    const found = await meetings.list(membershipOf(res), { from, to, limit: query.limit ?? 50 });
    res.json({ meetings: found });
  });

  const byId = validate({ params: IdParams });
  api.route({
    method: 'get',
    path: '/api/meetings/:id',
    summary: 'A meeting with each attendee’s and the room’s answer, read from Outlook now',
    tags: ['Meetings'],
    request: { params: IdParams },
    errors: [
      'ERR_ORG_NOT_SET_UP',
      'ERR_NOT_FOUND',
      'ERR_CALENDAR_UNREADABLE',
      'ERR_MEETING_REFUSED',
    ],
    responses: { 200: json('The meeting') },
  });
  router.get('/api/meetings/:id', membership, byId, async (_req, res) => {
    res.json(await meetings.get(membershipOf(res), byId.get(res).params.id));
  });

  const patch = validate({ params: IdParams, body: PatchMeetingSchema });
  api.route({
    method: 'patch',
    path: '/api/meetings/:id',
    summary: 'Move, rename, change attendees or swap the room (organizer only)',
    tags: ['Meetings'],
    request: {
      params: IdParams,
      body: { content: { 'application/json': { schema: PatchMeetingSchema } } },
    },
    errors: [
      'ERR_ORG_NOT_SET_UP',
      'ERR_NOT_FOUND',
      'ERR_VALIDATION',
      'ERR_MEETING_NOT_ORGANIZER',
      'ERR_MEETING_NOT_SCHEDULED',
      'ERR_MEETING_REFUSED',
      'ERR_CALENDAR_TEMPORARILY_UNAVAILABLE',
    ],
    responses: { 200: json('The changed meeting') },
  });
  router.patch('/api/meetings/:id', membership, patch, async (_req, res) => {
    const { params, body } = patch.get(res);
    res.json(await meetings.update(membershipOf(res), params.id, body));
  });

  const cancel = validate({ params: IdParams, body: CancelSchema });
  api.route({
    method: 'post',
    path: '/api/meetings/:id/cancel',
    summary: 'Cancel the meeting; attendees get the comment (organizer only)',
    tags: ['Meetings'],
    request: {
      params: IdParams,
      body: { content: { 'application/json': { schema: CancelSchema } } },
    },
    errors: [
      'ERR_ORG_NOT_SET_UP',
      'ERR_NOT_FOUND',
      'ERR_VALIDATION',
      'ERR_MEETING_NOT_ORGANIZER',
      'ERR_MEETING_NOT_SCHEDULED',
      'ERR_MEETING_REFUSED',
      'ERR_CALENDAR_TEMPORARILY_UNAVAILABLE',
    ],
    responses: { 200: json('The cancelled meeting') },
  });
  router.post('/api/meetings/:id/cancel', membership, cancel, async (_req, res) => {
    const { params, body } = cancel.get(res);
    res.json(await meetings.cancel(membershipOf(res), params.id, body.comment));
  });
};
