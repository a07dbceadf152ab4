// Errors as data: one registry of stable codes, and the AppError that carries one to the error edge.

/** What a code means on the wire. `description` is the sentence docs/api-errors.md shows. */
export interface ErrorSpec {
  readonly status: number;
  readonly title: string;
  readonly description: string;
}

/**
 * The one registry of error codes. Features add their entries here; docs/api-errors.md lists each of
 * them, and a test fails when the two disagree. Codes are stable: clients may branch on them.
 */
export const errorRegistry = {
  ERR_AUTH_TOKEN_MISSING: {
    status: 401,
    title: 'Sign-in required',
    description: 'No `Authorization: Bearer <token>` header, or it is malformed.',
  },
  ERR_AUTH_TOKEN_EXPIRED: {
    status: 401,
    title: 'Token expired',
    description: 'The access token has expired; get a fresh one and retry.',
  },
  ERR_AUTH_TOKEN_INVALID: {
    status: 401,
    title: 'Token invalid',
    description:
      'The access token is not a well-formed Entra token, is not yet valid, lacks `tid`/`oid`, or its signature does not verify.',
  },
  ERR_AUTH_AUDIENCE: {
    status: 401,
    title: 'Token audience mismatch',
    description: "The token was issued for another API, not Quorum's client id or App ID URI.",
  },
  ERR_AUTH_ISSUER: {
    status: 401,
    title: 'Token issuer mismatch',
    description: "The token's issuer is not the Entra v1 or v2 issuer of the token's own tenant.",
  },
  ERR_AUTH_ALGORITHM: {
    status: 401,
    title: 'Token algorithm not allowed',
    description: 'The token is not signed with RS256 (for example `alg: none` or HS256).',
  },
  ERR_AUTH_KEY_UNKNOWN: {
    status: 401,
    title: 'Signing key unknown',
    description: "The token's `kid` is not among the tenant's published signing keys.",
  },
  ERR_AUTH_KEYS_UNAVAILABLE: {
    status: 503,
    title: 'Signing keys unavailable',
    description: "The tenant's signing keys could not be fetched from Entra ID; retry shortly.",
  },
  ERR_AUTH_SCOPE_MISSING: {
    status: 403,
    title: 'Scope missing',
    description: 'The token is valid but does not carry the `access_as_user` scope.',
  },
  ERR_FORBIDDEN: {
    status: 403,
    title: 'Forbidden',
    description: 'The caller is signed in but may not perform this action.',
  },
  ERR_ORG_NOT_SET_UP: {
    status: 403,
    title: 'Organization not set up',
    description:
      "No Quorum organization holds the caller's tenant yet; a tenant admin must connect it first.",
  },
  ERR_ROLE_REQUIRED: {
    status: 403,
    title: 'Admin role required',
    description:
      "The route is for the organization's Quorum admins and owners; the caller is a member.",
  },
  ERR_VALIDATION: {
    status: 400,
    title: 'Invalid request',
    description:
      'The body, query or path parameters do not match the schema; `errors[]` lists each issue.',
  },
  ERR_BAD_REQUEST: {
    status: 400,
    title: 'Bad request',
    description:
      'The request itself is malformed, for example a path that is not valid percent-encoding.',
  },
  ERR_BODY_TOO_LARGE: {
    status: 413,
    title: 'Body too large',
    description: 'The request body exceeds the configured limit (`QUORUM_MAX_BODY_BYTES`).',
  },
  ERR_BODY_MALFORMED: {
    status: 400,
    title: 'Malformed body',
    description: 'The request body is not valid JSON, or it ended early.',
  },
  ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported media type',
    description: 'Request bodies must be `application/json` (UTF-8, optionally gzip or deflate).',
  },
  ERR_NOT_FOUND: {
    status: 404,
    title: 'Not found',
    description: 'No such route, or no such resource visible to the caller.',
  },
  ERR_METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method not allowed',
    description: 'The route exists but does not accept this method; see the `Allow` header.',
  },
  ERR_RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    description:
      'The tenant, user or address exceeded its request rate; retry after `Retry-After` seconds.',
  },
  ERR_INTERNAL: {
    status: 500,
    title: 'Internal error',
    description:
      'An unexpected error; the response carries the request id to quote, never the cause.',
  },
  ERR_EXPORT_LINK_INVALID: {
    status: 403,
    title: 'Export link invalid',
    description:
      'The CSV download link is not one Quorum signed, was altered, or its admin no longer holds the role; ask for a new link.',
  },
  ERR_EXPORT_LINK_EXPIRED: {
    status: 410,
    title: 'Export link expired',
    description:
      'The CSV download link is older than its few minutes of validity; ask for a new link.',
  },
  ERR_WEBHOOK_URL_UNSAFE: {
    status: 400,
    title: 'Webhook URL refused',
    description:
      'The alert webhook URL is not https, carries credentials, does not resolve, or points at a private, loopback or link-local address.',
  },
  ERR_CONNECTION_NOT_FOUND: {
    status: 404,
    title: 'Connection not found',
    description: "No tenant connection with this id in the caller's organization.",
  },
  ERR_CONNECTION_EXISTS: {
    status: 409,
    title: 'Connection exists',
    description:
      'The organization already has a connection for this tenant; rotate its credential or delete it first.',
  },
  ERR_CONNECTION_TENANT_TAKEN: {
    status: 409,
    title: 'Tenant belongs to another organization',
    description:
      "Another Quorum organization holds this tenant; a tenant admin moves it by consenting through this organization's activation link.",
  },
  ERR_CONNECTION_KIND: {
    status: 409,
    title: 'Not possible for this connection',
    description:
      'The action does not apply to this kind of connection (for example rotating the credential of a platform connection, or downloading the certificate of a secret).',
  },
  ERR_CONNECTION_CREDENTIAL_INVALID: {
    status: 400,
    title: 'Credential unusable',
    description:
      "The uploaded certificate or private key cannot be read or do not belong together, or the secret's expiry date has passed.",
  },
  ERR_CONNECTION_VERIFICATION_FAILED: {
    status: 422,
    title: 'Verification failed',
    description:
      'The verification probe failed, so the connection stays disabled; `detail` names the reason (consent_missing, credential_invalid, …) and its fix.',
  },
  ERR_CONNECTION_VERIFYING: {
    status: 409,
    title: 'Verification still running',
    description:
      'Microsoft is still applying consent or a new credential; Quorum keeps verifying for a few minutes. Retry shortly.',
  },
  ERR_CONSENT_CALLBACK_INVALID: {
    status: 400,
    title: 'Consent callback malformed',
    description:
      'The consent callback lacks its `state`, or carries neither a consent result, an error nor a sign-in code.',
  },
  ERR_CONSENT_STATE_INVALID: {
    status: 400,
    title: 'Consent link invalid',
    description:
      'The `state` was not issued by Quorum (forged or altered); ask your Quorum admin for a new activation link.',
  },
  ERR_CONSENT_STATE_EXPIRED: {
    status: 400,
    title: 'Consent link expired',
    description: 'The activation link is older than 24 hours; ask your Quorum admin for a new one.',
  },
  ERR_CONSENT_STATE_REPLAYED: {
    status: 409,
    title: 'Consent link already used',
    description:
      'Each activation link works once and this one has been used; ask your Quorum admin for a new one.',
  },
  ERR_CONSENT_STATE_ORG_MISMATCH: {
    status: 403,
    title: 'Consent link not valid for this organization',
    description:
      "The link's organization or the admin who asked for it no longer match (the admin left or lost the role, or the organization is gone).",
  },
  ERR_CONSENT_DENIED: {
    status: 400,
    title: 'Consent not granted',
    description:
      "Microsoft returned an error instead of consent (declined, or the account may not grant admin consent); the page shows Entra's message.",
  },
  ERR_CONSENT_NOT_TENANT_ADMIN: {
    status: 403,
    title: 'Tenant admin required',
    description:
      'The account that signed in after consenting is not a Global or Privileged Role Administrator of the tenant, so it cannot prove control of it.',
  },
  ERR_CONSENT_TENANT_MISMATCH: {
    status: 400,
    title: 'Signed in to another tenant',
    description:
      'The account that signed in after consenting belongs to a different tenant from the one that consented.',
  },
  ERR_CONSENT_SIGN_IN_FAILED: {
    status: 502,
    title: 'Sign-in could not be completed',
    description:
      'Entra ID did not redeem the sign-in code or returned a token Quorum does not accept.',
  },
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

/** Every stable error code. */
export type ErrorCode = keyof typeof errorRegistry;

/** One field-level problem, as listed in `errors[]` of an `ERR_VALIDATION` response. */
export interface FieldIssue {
  /** Which part of the request: `body`, `query` or `params`. */
  readonly in: 'body' | 'query' | 'params';
  /** Dotted path to the field, `''` for the whole part. */
  readonly path: string;
  readonly message: string;
}

export interface AppErrorOptions {
  /** Human-readable, safe to show the caller. Defaults to the registry description. */
  readonly detail?: string;
  /** Extra response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Field issues for `ERR_VALIDATION`. */
  readonly errors?: readonly FieldIssue[];
  /** The underlying error: logged, never sent. */
  readonly cause?: unknown;
}

/** An error with a stable code; the error edge turns it into problem+json. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly errors: readonly FieldIssue[] | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const spec: ErrorSpec = errorRegistry[code];
    if (!spec) throw new TypeError(`Unknown error code ${String(code)}`);
    super(options.detail ?? spec.description, { cause: options.cause });
    this.code = code;
    this.status = spec.status;
    this.title = spec.title;
    this.detail = options.detail ?? spec.description;
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }
}

/** True when `code` is a registered error code. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorRegistry, code);
}
