// Request and response schemas of the schedule and rooms routes (zod → validation and OpenAPI).
// Bounds the routes check themselves, for their own error codes, are exported beside them.
import { z } from '../http/zod.js';
import { UNKNOWN_REASONS } from './availability/unknown-reasons.js';
import { isTimeZone } from './zoned-time.js';

/** Distinct attendees one request may name (the organizer included). */
export const MAX_ATTENDEES = 100;
/** Longest window; getSchedule's limit is < 62 days, so longer ones are split into two calls. */
export const MAX_WINDOW_DAYS = 90;

const Email = z
  .string()
  .trim()
  .max(320)
  .pipe(z.email())
  .openapi({ example: 'adele.vance@contoso.com' });

const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'Not an IANA time zone (e.g. Europe/Berlin).' })
  .openapi({ description: 'IANA time zone name', example: 'America/New_York' });

const Instant = z.string().max(40).openapi({
  description:
    'ISO 8601 date and time with an offset (`2027-03-15T09:00:00Z`); without one, it is read in the time zone the request names.',
  example: '2027-03-15T09:00:00Z',
});

const Status = z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']);

const WorkingHoursSchema = z
  .object({
    daysOfWeek: z.array(z.string()),
    startTime: z.string().openapi({ example: '09:00' }),
    endTime: z.string().openapi({ example: '17:00' }),
    timeZone: z.string().openapi({ description: 'IANA zone the times are in' }),
  })
  .openapi('WorkingHours');

const PolicySchema = z
  .object({
    blocking: z.array(Status),
    unknownBlocks: z.boolean(),
  })
  .openapi('FreeBusyPolicy');

export const AvailabilityRequestSchema = z
  .object({
    // Bounded loosely here (body size); more than MAX_ATTENDEES distinct gets its own code.
    attendees: z.array(Email).min(1).max(500),
    start: Instant,
    end: Instant,
    timeZone: TimeZone.optional().openapi({
      description: 'Zone for `start`/`end` given without an offset. Answers are always UTC.',
    }),
  })
  .strict()
  .openapi('AvailabilityRequest');

const BusySchema = z.object({
  start: z.string(),
  end: z.string(),
  status: Status,
  blocking: z.boolean().openapi({ description: "Blocks a slot under the org's free/busy policy" }),
});

const UnknownReasonSchema = z.enum(UNKNOWN_REASONS as [string, ...string[]]);

export const AvailabilityResponseSchema = z
  .object({
    start: z.string(),
    end: z.string(),
    policy: PolicySchema,
    attendees: z.array(
      z.object({
        email: z.string(),
        displayName: z.string().nullable(),
        availability: z.enum(['known', 'unknown']),
        reason: UnknownReasonSchema.nullable(),
        detail: z.string().nullable(),
        retryAfterSeconds: z.number().int().optional(),
        requestId: z.string().optional(),
        timeZone: z.string().nullable(),
        workingHours: WorkingHoursSchema.nullable(),
        busy: z.array(BusySchema).openapi({
          description: 'Intervals only: never subjects, bodies or locations.',
        }),
      }),
    ),
  })
  .openapi('Availability');

const Granularity = z
  .number()
  .int()
  .min(5)
  .max(240)
  .refine((g) => 1440 % g === 0, {
    message: 'Must divide a day evenly (5, 10, 15, 20, 30, 60, …).',
  });

export const SuggestionRequestSchema = z
  .object({
    required: z.array(Email).max(500).default([]),
    optional: z.array(Email).max(500).default([]),
    includeOrganizer: z.boolean().default(true).openapi({
      description: 'The caller attends (as a required attendee).',
    }),
    durationMinutes: z.number().int().min(5).max(1440),
    start: Instant,
    end: Instant,
    granularityMinutes: Granularity.default(15),
    bufferMinutes: z
      .object({
        before: z.number().int().min(0).max(240).default(0),
        after: z.number().int().min(0).max(240).default(0),
      })
      .strict()
      .optional(),
    organizerTimeZone: TimeZone.optional().openapi({
      description:
        "Grid of start times and zone of offset-less `start`/`end`; the caller's mailbox zone by default.",
    }),
    rooms: z
      .object({
        count: z.number().int().min(0).max(5),
        minCapacity: z.number().int().min(1).max(10_000).optional(),
        building: z.string().trim().min(1).max(200).optional(),
        accessible: z.boolean().optional(),
        roomList: Email.optional().openapi({ description: 'Only rooms of this room list' }),
      })
      .strict()
      .optional(),
    maxResults: z.number().int().min(1).max(100).default(20),
  })
  .strict()
  .openapi('SuggestionRequest');

export const RoomSchema = z
  .object({
    email: z.string(),
    displayName: z.string(),
    capacity: z.number().int().nullable(),
    building: z.string().nullable(),
    floorNumber: z.number().int().nullable(),
    floorLabel: z.string().nullable(),
    accessible: z.boolean(),
    bookingType: z.enum(['standard', 'reserved', 'unknown']),
    tags: z.array(z.string()),
    devices: z.object({
      audio: z.string().nullable(),
      video: z.string().nullable(),
      display: z.string().nullable(),
    }),
  })
  .openapi('Room');

const AttendeeSummarySchema = z.object({
  email: z.string(),
  displayName: z.string().nullable(),
  required: z.boolean(),
  organizer: z.boolean(),
  availability: z.enum(['known', 'unknown']),
  reason: UnknownReasonSchema.nullable(),
  detail: z.string().nullable(),
  timeZone: z.string().nullable(),
});

export const SuggestionResponseSchema = z
  .object({
    window: z.object({ start: z.string(), end: z.string() }),
    organizerTimeZone: z.string(),
    suggestions: z.array(
      z.object({
        start: z.string(),
        end: z.string(),
        score: z.number().openapi({ description: '0–1, follows the ranking order' }),
        attendees: z.array(
          z.object({
            email: z.string(),
            required: z.boolean(),
            availability: z.enum(['free', 'busy', 'unknown']),
            inWorkingHours: z.boolean().nullable(),
          }),
        ),
        rooms: z
          .array(RoomSchema)
          .openapi({ description: 'Free for the whole slot, best fit first' }),
      }),
    ),
    attendees: z.array(AttendeeSummarySchema),
    unknown: z.array(AttendeeSummarySchema).openapi({
      description: 'Who could not be read and why (never counted as free)',
    }),
    rooms: z.object({
      requested: z.number().int(),
      candidates: z.number().int(),
      problem: z.object({ reason: z.string(), detail: z.string() }).nullable(),
    }),
    timings: z
      .object({ graphMs: z.number(), computeMs: z.number(), cpuMs: z.number() })
      .openapi({ description: 'As in the Server-Timing header' }),
  })
  .openapi('Suggestions');

export const RoomsQuerySchema = z
  .object({
    building: z.string().trim().min(1).max(200).optional(),
    minCapacity: z.coerce.number().int().min(1).max(10_000).optional(),
    accessible: z.enum(['true', 'false']).optional(),
    roomList: Email.optional(),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const RoomsResponseSchema = z
  .object({
    rooms: z.array(RoomSchema),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    fetchedAt: z.string().openapi({ description: 'When Quorum last read the places directory' }),
  })
  .openapi('Rooms');

export const RoomListsResponseSchema = z
  .object({
    roomLists: z.array(z.object({ email: z.string(), displayName: z.string() })),
    fetchedAt: z.string(),
  })
  .openapi('RoomLists');
