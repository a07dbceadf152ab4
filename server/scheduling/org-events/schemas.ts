// Request and response schemas of the org-event routes (zod, so the OpenAPI description follows).
import { z } from '../../http/zod.js';

const email = z.email().max(320);

export const AudienceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('group'), groupId: z.string().min(1).max(100) }).strict(),
    z.object({ kind: z.literal('everyone') }).strict(),
    z.object({ kind: z.literal('list'), emails: z.array(email).min(1).max(10_000) }).strict(),
  ])
  .openapi('OrgEventAudience', {
    description:
      "A group's transitive members, everyone (the org's members with a connected calendar), or a list of addresses.",
  });

const time = z.string().min(10).max(40).openapi({
  description: 'An instant with an offset (2031-05-06T17:00:00Z) or a wall-clock time in timeZone.',
});

export const CreateOrgEventBody = z
  .object({
    subject: z.string().trim().min(1).max(255),
    body: z.string().max(20_000).optional(),
    start: time,
    end: time,
    timeZone: z.string().min(1).max(100).openapi({ description: 'IANA or Windows time zone.' }),
    audience: AudienceSchema,
    teams: z.boolean().default(false),
  })
  .strict()
  .openapi('NewOrgEvent');

export const UpdateOrgEventBody = z
  .object({
    subject: z.string().trim().min(1).max(255).optional(),
    body: z.string().max(20_000).nullable().optional(),
    start: time.optional(),
    end: time.optional(),
    timeZone: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change.' })
  .openapi('OrgEventChange');

export const CancelOrgEventBody = z
  .object({ comment: z.string().max(2_000).optional() })
  .strict()
  .openapi('OrgEventCancellation');

export const OrgEventParams = z.object({ id: z.string().min(1).max(100) });

const Counts = z.object({
  accepted: z.number().int(),
  tentative: z.number().int(),
  declined: z.number().int(),
  none: z.number().int(),
});

const Delivery = z.object({
  state: z.enum(['queued', 'sending', 'done', 'partial', 'failed']).openapi({
    description:
      '`queued`: waiting for Exchange sending limits; `sending`: part of it went out; `done`; `partial`/`failed`: some/all parts refused.',
  }),
  queuedMessages: z.number().int(),
  expectedCompletionAt: z.string().nullable().openapi({
    description: 'When the last queued message is expected to go out; null when nothing waits.',
  }),
});

export const OrgEventSummarySchema = z
  .object({
    id: z.string(),
    subject: z.string(),
    start: z.string(),
    end: z.string(),
    timeZone: z.string(),
    state: z.enum(['scheduled', 'cancelled']),
    teams: z.boolean(),
    audience: z.object({
      kind: z.enum(['group', 'everyone', 'list']),
      groupId: z.string().optional(),
    }),
    recipients: z.number().int(),
    parts: z.number().int(),
    createdAt: z.string(),
    delivery: Delivery,
    rsvp: Counts,
  })
  .openapi('OrgEventSummary');

const Attendance = z.union([
  z.object({
    available: z.literal(true),
    reports: z.number().int(),
    attendees: z.array(
      z.object({
        email: z.string(),
        name: z.string().nullable(),
        seconds: z.number(),
        role: z.string().nullable(),
      }),
    ),
  }),
  z.object({
    available: z.literal(false),
    reason: z.enum(['tier', 'policy', 'not_online', 'unavailable']),
    detail: z.string(),
  }),
]);

export const OrgEventSchema = OrgEventSummarySchema.extend({
  body: z.string().nullable(),
  serviceMailbox: z.string(),
  hideAttendees: z.boolean(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  delivery: Delivery.extend({
    parts: z.array(
      z.object({
        index: z.number().int(),
        recipients: z.number().int(),
        state: z.enum(['queued', 'sent', 'cancelled', 'failed']),
        sentAt: z.string().nullable(),
        teamsMeeting: z.boolean(),
        error: z.object({ code: z.string(), message: z.string() }).nullable(),
      }),
    ),
  }),
  answers: z.array(
    z.object({
      email: z.string(),
      response: z.enum(['none', 'accepted', 'tentativelyAccepted', 'declined']),
      respondedAt: z.string().nullable(),
    }),
  ),
  answersCheckedAt: z.string().nullable(),
  attendance: Attendance.optional().openapi({ description: 'On `GET /api/org/events/{id}` only.' }),
}).openapi('OrgEvent');

export const OrgEventListSchema = z
  .object({ events: z.array(OrgEventSummarySchema) })
  .openapi('OrgEventList');

export type CreateOrgEventInput = z.output<typeof CreateOrgEventBody>;
export type UpdateOrgEventInput = z.output<typeof UpdateOrgEventBody>;
export type OrgEventView = z.infer<typeof OrgEventSchema>;
export type OrgEventSummaryView = z.infer<typeof OrgEventSummarySchema>;
