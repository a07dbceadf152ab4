// Request bodies for creating and updating events, validated like Outlook does (unknown properties
// are a 400), and turned into stored events.
import { z } from 'zod';
import { GraphHttpError } from './errors.js';

const dateTimeTimeZone = z.looseObject({ dateTime: z.string(), timeZone: z.string().optional() });
const emailAddress = z.looseObject({ address: z.string().min(1), name: z.string().optional() });
const attendee = z.looseObject({
  emailAddress,
  type: z.enum(['required', 'optional', 'resource']).default('required'),
});
const location = z.looseObject({
  displayName: z.string().optional(),
  locationEmailAddress: z.string().optional(),
  locationType: z.string().optional(),
  uniqueId: z.string().optional(),
  uniqueIdType: z.string().optional(),
  address: z.record(z.string(), z.string()).optional(),
});
const recurrence = z.object({
  pattern: z.looseObject({
    type: z.enum([
      'daily',
      'weekly',
      'absoluteMonthly',
      'relativeMonthly',
      'absoluteYearly',
      'relativeYearly',
    ]),
    interval: z.number().int().min(1).default(1),
    month: z.number().int().default(0),
    dayOfMonth: z.number().int().default(0),
    daysOfWeek: z.array(z.string()).default([]),
    firstDayOfWeek: z.string().default('sunday'),
    index: z.string().default('first'),
  }),
  range: z.looseObject({
    type: z.enum(['endDate', 'noEnd', 'numbered']),
    startDate: z.string(),
    endDate: z.string().default('0001-01-01'),
    recurrenceTimeZone: z.string().default(''),
    numberOfOccurrences: z.number().int().default(0),
  }),
});

export const eventInputSchema = z.strictObject({
  subject: z.string().optional(),
  body: z
    .looseObject({ contentType: z.string().default('text'), content: z.string().default('') })
    .optional(),
  start: dateTimeTimeZone.optional(),
  end: dateTimeTimeZone.optional(),
  location: location.optional(),
  locations: z.array(location).optional(),
  attendees: z.array(attendee).max(500).optional(),
  isAllDay: z.boolean().optional(),
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).optional(),
  importance: z.enum(['low', 'normal', 'high']).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z
    .enum(['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer', 'unknown'])
    .optional(),
  allowNewTimeProposals: z.boolean().optional(),
  responseRequested: z.boolean().optional(),
  recurrence: recurrence.nullable().optional(),
  transactionId: z.string().max(256).optional(),
  singleValueExtendedProperties: z
    .array(z.object({ id: z.string(), value: z.string() }))
    .optional(),
  categories: z.array(z.string()).optional(),
  reminderMinutesBeforeStart: z.number().int().optional(),
  isReminderOn: z.boolean().optional(),
  hideAttendees: z.boolean().optional(),
});

export type EventInput = z.infer<typeof eventInputSchema>;

/** Parses an event body; unknown properties and bad values get Outlook's `RequestBodyRead` 400. */
export function parseEventInput(body: unknown): EventInput {
  const raw =
    typeof body === 'object' && body !== null
      ? Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('@odata.')))
      : body;
  const result = eventInputSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new GraphHttpError(
      400,
      'RequestBodyRead',
      `The property '${issue.keys[0]}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
  }
  const path = issue?.path.join('.') ?? '';
  throw new GraphHttpError(
    400,
    'RequestBodyRead',
    `Cannot convert the literal in property '${path}' to the expected type: ${issue?.message ?? 'invalid'}.`,
  );
}
