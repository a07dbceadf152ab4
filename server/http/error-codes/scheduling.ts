// Error codes: Availability, suggestions, rooms and meetings.
import type { ErrorSpec } from './spec.js';

export const schedulingErrors = {
  ERR_SCHEDULE_WINDOW_INVALID: {
    status: 400,
    title: 'Window reversed or empty',
    description: 'The window must end after it starts (`end` later than `start`).',
  },
  ERR_SCHEDULE_WINDOW_TOO_LONG: {
    status: 400,
    title: 'Window too long',
    description:
      'The window is longer than 90 days; ask for a shorter one (windows of 62 days or more are read in two parts).',
  },
  ERR_SCHEDULE_WINDOW_TOO_SHORT: {
    status: 400,
    title: 'Window shorter than the meeting',
    description: 'No slot of `durationMinutes` fits between `start` and `end`.',
  },
  ERR_SCHEDULE_WINDOW_PAST: {
    status: 400,
    title: 'Window in the past',
    description: 'The window ends before now; suggestions are for times still to come.',
  },
  ERR_SCHEDULE_TOO_MANY_ATTENDEES: {
    status: 400,
    title: 'Too many attendees',
    description: 'A request may name at most 100 distinct attendees (the organizer included).',
  },
  ERR_ROOMS_UNAVAILABLE: {
    status: 409,
    title: 'Rooms cannot be listed',
    description:
      "The organization's connection to your tenant cannot read its rooms (disabled, missing, or without `Place.Read.All`); `detail` says which.",
  },
  ERR_ROOMS_TEMPORARILY_UNAVAILABLE: {
    status: 503,
    title: 'Rooms temporarily unavailable',
    description:
      'Microsoft 365 is throttling or failing while listing rooms; retry after `Retry-After` seconds.',
  },
  ERR_ROOM_LIST_NOT_FOUND: {
    status: 404,
    title: 'Room list not found',
    description: "No room list with this email address in your tenant's places directory.",
  },
  ERR_BOOKING_NOT_GRANTED: {
    status: 409,
    title: 'Booking not granted',
    description:
      "The organization's connection to the caller's tenant cannot write calendars: booking needs the `Calendars.ReadWrite` permission (the booking tier); an org admin adds it by consenting again.",
  },
  ERR_MEETING_PENDING: {
    status: 503,
    title: 'Booking not confirmed yet',
    description:
      'Microsoft 365 did not confirm the booking (throttled or unavailable). It is saved (`Location` names it) and is booked exactly once: retry with the same `Idempotency-Key` after `Retry-After` seconds, or open the meeting.',
  },
  ERR_MEETING_REFUSED: {
    status: 502,
    title: 'Refused by Microsoft 365',
    description:
      "Microsoft 365 refused the booking or the change for good; `detail` gives Graph's status, code and request id. Nothing was booked or changed.",
  },
  ERR_MEETING_NOT_ORGANIZER: {
    status: 403,
    title: 'Organizer only',
    description: "Only the meeting's organizer may change or cancel it; the caller is an attendee.",
  },
  ERR_MEETING_NOT_SCHEDULED: {
    status: 409,
    title: 'Meeting not scheduled',
    description:
      'The meeting is still being booked, failed, or was cancelled (in Quorum or in Outlook), so it cannot be changed.',
  },
  ERR_IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'Idempotency key reused',
    description:
      'The `Idempotency-Key` was already used by the caller for a different request; use a new key for a new booking.',
  },
} as const satisfies Record<`ERR_${string}`, ErrorSpec>;
