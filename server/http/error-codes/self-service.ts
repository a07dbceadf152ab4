// Error codes: Roles and a member's own calendars.
import type { ErrorSpec } from './spec.js';

export const selfServiceErrors = {
  ERR_OWNER_REQUIRED: {
    status: 403,
    title: 'Owner role required',
    description:
      "Only the organization's owners may do this (for example appoint or remove admins); the caller is an admin or member.",
  },
  ERR_LAST_OWNER: {
    status: 409,
    title: 'Last owner',
    description:
      'The change would leave the organization without an owner; the last owner keeps the role.',
  },
  ERR_DISCONNECT_NOT_ALLOWED: {
    status: 403,
    title: 'Disconnecting not allowed',
    description:
      'The organization manages your calendar and its admins do not let members disconnect it (`allowMemberDisconnect` is off).',
  },
  ERR_CALENDAR_NOT_MANAGED: {
    status: 409,
    title: 'No org-managed calendar',
    description:
      "None of the organization's enabled tenant connections reaches the caller's mailbox, so Quorum cannot list or use its calendars.",
  },
  ERR_CALENDAR_DISCONNECTED: {
    status: 409,
    title: 'Calendar disconnected',
    description:
      'The caller disconnected the org-managed calendar; reconnect it (`POST /api/me/calendar/reconnect`) first.',
  },
  ERR_CALENDAR_UNREADABLE: {
    status: 409,
    title: 'Calendar unreadable',
    description:
      "Microsoft 365 refused to show the mailbox's calendars (no mailbox, outside Quorum's access scope, consent or credential problem); `detail` gives the reason and Graph's request id.",
  },
  ERR_CALENDAR_TEMPORARILY_UNAVAILABLE: {
    status: 503,
    title: 'Calendar temporarily unavailable',
    description:
      'Microsoft 365 is throttling or failing right now; retry after `Retry-After` seconds.',
  },
  ERR_PERSONAL_CALENDAR_LIMIT: {
    status: 409,
    title: 'Too many personal calendars',
    description: 'The member already has the most personal calendar connections Quorum keeps (10).',
  },
} as const satisfies Record<`ERR_${string}`, ErrorSpec>;
