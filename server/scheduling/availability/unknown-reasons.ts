// Why an attendee's availability is unknown: the member status reasons of DESIGN §3 (their calendar
// cannot be read), plus what only scheduling sees — an address that is no member, one outside the
// org, a member who disconnected, a personal calendar Microsoft no longer lets Quorum read — each
// with a sentence the organizer can act on. Also how a failed read maps to one of them.
import { failureFromIdentityError, graphSignal } from '../../connections/failure-reasons.js';
import { ConnectionUnavailableError } from '../../connections/errors.js';
import { REASONS } from '../../domain/reasons.js';
import type { StatusReason } from '../../domain/types.js';
import { GraphError } from '../../microsoft/graph/index.js';
import { IdentityError } from '../../microsoft/identity/index.js';
import { PersonalTokenError } from '../../personal/personal-tokens.js';

export type UnknownReason =
  | Exclude<StatusReason, 'connected'>
  | 'not_a_member'
  | 'outside_org'
  | 'disconnected'
  | 'personal_calendar_unavailable';

export const UNKNOWN_REASONS: readonly UnknownReason[] = [
  'checking',
  'not_in_directory',
  'account_disabled',
  'guest_account',
  'no_mailbox',
  'outside_access_scope',
  'consent_missing',
  'credential_invalid',
  'credential_expired',
  'connection_disabled',
  'throttled',
  'error',
  'not_a_member',
  'outside_org',
  'disconnected',
  'personal_calendar_unavailable',
];

// The scheduling-only reasons, and status reasons whose admin-facing sentence does not fit an
// organizer looking at a slot.
const SCHEDULING_SENTENCES: Partial<Record<UnknownReason, string>> = {
  checking: "Quorum has not read this member's calendar yet.",
  throttled:
    'Microsoft 365 did not answer for this calendar in time (throttling or an outage); try again shortly.',
  error:
    'Reading this calendar failed unexpectedly; try again, and quote the request id if it persists.',
  not_a_member:
    "The address is in your organization's Microsoft 365 tenant but is not a Quorum member, so Quorum does not read its calendar.",
  outside_org:
    'The address is outside your organization; Quorum cannot see its calendar. Check with them directly.',
  disconnected: 'The member disconnected their calendar from Quorum.',
  personal_calendar_unavailable:
    'A personal calendar the member connected cannot be read right now (they may need to connect it again).',
};

/** The sentence shown beside an unknown attendee. */
export function describeUnknown(reason: UnknownReason): string {
  return SCHEDULING_SENTENCES[reason] ?? REASONS[reason as StatusReason].summary;
}

/** An attendee whose availability cannot be known, and why. */
export interface Unknown {
  readonly reason: UnknownReason;
  /** For `throttled`: seconds Microsoft asked to wait, when it said. */
  readonly retryAfterSeconds?: number;
  /** Graph's request id of the failed call, for `error`. */
  readonly requestId?: string;
}

/** How a whole read (a getSchedule call, a calendarView) failed, as a reason. */
export function unknownFromError(error: unknown): Unknown {
  if (error instanceof ConnectionUnavailableError) {
    return { reason: error.reason === 'connected' ? 'error' : error.reason };
  }
  if (error instanceof IdentityError) {
    const failure = failureFromIdentityError(error);
    return {
      reason: failure.reason === 'connected' ? 'error' : failure.reason,
      ...(failure.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: failure.retryAfterSeconds }),
    };
  }
  if (error instanceof PersonalTokenError) {
    return error.problem === 'unavailable'
      ? { reason: 'throttled', ...retryAfter(error.retryAfterSeconds) }
      : { reason: 'personal_calendar_unavailable' };
  }
  if (error instanceof GraphError) {
    const ids = error.requestId === undefined ? {} : { requestId: error.requestId };
    if (error.status === 0) return { reason: 'throttled', ...ids };
    switch (graphSignal(error)) {
      case 'transient':
        return { reason: 'throttled', ...retryAfter(error.retryAfterSeconds), ...ids };
      case 'outside_scope':
        return { reason: 'outside_access_scope', ...ids };
      case 'no_mailbox':
        return { reason: 'no_mailbox', ...ids };
      case 'denied':
        return { reason: 'consent_missing', ...ids };
      default:
        return { reason: 'error', ...ids };
    }
  }
  // The request's own deadline ran out while Graph was still being waited for.
  if (isAbort(error)) return { reason: 'throttled' };
  return { reason: 'error' };
}

/** A per-schedule error of a getSchedule answer (HTTP 200 around it), as a reason. */
export function unknownFromScheduleError(
  responseCode: string | undefined,
  message: string,
): Unknown {
  const code = responseCode ?? '';
  if (code === 'ErrorMailRecipientNotFound' || code === 'MailboxNotEnabledForRESTAPI') {
    return { reason: 'no_mailbox' };
  }
  if (code === 'ErrorAccessDenied' || /access to odata is disabled/i.test(message)) {
    return { reason: 'outside_access_scope' };
  }
  // 5009: "Unable to resolve e-mail address … to an Active Directory object."
  if (code === '5009' || code === 'ErrorNameResolutionNoResults') {
    return { reason: 'not_in_directory' };
  }
  if (code === 'ErrorServerBusy' || code === 'ErrorTimeoutExpired') return { reason: 'throttled' };
  return { reason: 'error' };
}

function retryAfter(seconds: number | undefined): { retryAfterSeconds?: number } {
  return seconds === undefined ? {} : { retryAfterSeconds: seconds };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
