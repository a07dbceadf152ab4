// Error codes: Org events sent from the service mailbox.
import type { ErrorSpec } from './spec.js';

export const orgEventErrors = {
  ERR_SERVICE_MAILBOX_MISSING: {
    status: 409,
    title: 'Service mailbox not set',
    description:
      "Org events are sent from the organization's service mailbox, and none is set: an admin sets `serviceMailbox` with `PATCH /api/org/settings`.",
  },
  ERR_SERVICE_MAILBOX_UNAVAILABLE: {
    status: 409,
    title: 'Service mailbox unavailable',
    description:
      "The service mailbox cannot send: not found in a connected tenant, its connection disabled, no Exchange Online mailbox, or outside Quorum's access scope; `detail` says which.",
  },
  ERR_ORG_EVENT_NOT_FOUND: {
    status: 404,
    title: 'Org event not found',
    description: "No org event with this id in the caller's organization.",
  },
  ERR_ORG_EVENT_CANCELLED: {
    status: 409,
    title: 'Org event cancelled',
    description: 'The org event was cancelled; it can no longer be changed or cancelled again.',
  },
  ERR_ORG_EVENT_AUDIENCE_EMPTY: {
    status: 400,
    title: 'Empty audience',
    description:
      'The audience resolves to nobody to invite (an empty group, no connected members, or only the service mailbox itself).',
  },
  ERR_ORG_EVENT_AUDIENCE_TOO_LARGE: {
    status: 400,
    title: 'Audience too large',
    description:
      "An org event invites at most 100,000 people (ten days of Exchange's sending limit).",
  },
  ERR_ORG_EVENT_GROUP_NOT_FOUND: {
    status: 404,
    title: 'Group not found',
    description: "No group with this id in the service mailbox's tenant.",
  },
  ERR_ORG_EVENT_PERMISSION: {
    status: 409,
    title: 'Permission not granted',
    description:
      "The tenant connection lacks an application permission this needs — `GroupMember.Read.All` to read a group's members; `detail` names it. An org admin adds it by consenting again.",
  },
  ERR_ORG_EVENT_TEMPORARILY_UNAVAILABLE: {
    status: 503,
    title: 'Microsoft 365 temporarily unavailable',
    description:
      'Microsoft 365 is throttling or failing while Quorum reads the service mailbox or the audience; retry after `Retry-After` seconds.',
  },
} as const satisfies Record<`ERR_${string}`, ErrorSpec>;
