// Graph and token failures of the meeting routes as problems the member can act on or wait out.
import { ConnectionUnavailableError } from '../../connections/index.js';
import { REASONS } from '../../domain/reasons.js';
import { AppError } from '../../http/errors.js';
import { GraphError } from '../../microsoft/graph/index.js';
import { IdentityError } from '../../microsoft/identity/index.js';
import type { MeetingFailure } from './meeting.js';

/** A failure after which a retry may succeed with nobody changing anything. */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof GraphError) return error.transient || error.status === 0;
  if (error instanceof IdentityError) return error.transient;
  return false;
}

/** Graph's definitive refusal (an HTTP answer that is not "try later"). */
export function isDefinitiveRefusal(error: unknown): error is GraphError {
  return error instanceof GraphError && error.status >= 400 && !error.transient;
}

export function failureOf(error: GraphError): MeetingFailure {
  return {
    status: error.status,
    code: error.code,
    message: error.message.slice(0, 500),
    requestId: error.requestId ?? null,
  };
}

const BOOKING_NEEDS =
  "the organization's connection to your tenant needs the booking permission Calendars.ReadWrite (an admin grants it by consenting again)";

/** The problem for a definitive refusal recorded on a meeting (a create Graph turned down). */
export function refusalProblem(failure: MeetingFailure): AppError {
  if (failure.status === 403 && failure.code === 'ErrorAccessDenied') {
    return new AppError('ERR_BOOKING_NOT_GRANTED', {
      detail: `Microsoft 365 refused to write to your mailbox (403 ErrorAccessDenied): ${BOOKING_NEEDS}. Request id: ${failure.requestId ?? 'none'}.`,
    });
  }
  return new AppError('ERR_MEETING_REFUSED', {
    detail: `Microsoft 365 refused it (${failure.status} ${failure.code}: ${failure.message}). Request id: ${failure.requestId ?? 'none'}.`,
  });
}

/** Any failure of a Graph call on the organizer's mailbox as an AppError (others pass through). */
export function meetingProblem(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof ConnectionUnavailableError) {
    return new AppError('ERR_CALENDAR_NOT_MANAGED', { detail: error.message, cause: error });
  }
  if (isTransientFailure(error)) {
    const seconds =
      error instanceof GraphError || error instanceof IdentityError
        ? error.retryAfterSeconds
        : undefined;
    return new AppError('ERR_CALENDAR_TEMPORARILY_UNAVAILABLE', {
      headers: { 'Retry-After': String(seconds ?? 30) },
      cause: error,
    });
  }
  if (error instanceof IdentityError) {
    return new AppError('ERR_CALENDAR_UNREADABLE', { detail: error.message, cause: error });
  }
  if (error instanceof GraphError) {
    if (error.code === 'MailboxNotEnabledForRESTAPI') {
      return new AppError('ERR_CALENDAR_UNREADABLE', {
        detail: `${REASONS.no_mailbox.summary} Request id: ${error.requestId ?? 'none'}.`,
        cause: error,
      });
    }
    if (error.status === 403 && error.message === 'Access to OData is disabled.') {
      return new AppError('ERR_CALENDAR_UNREADABLE', {
        detail: `Microsoft 365 keeps your mailbox outside Quorum's access scope. Request id: ${error.requestId ?? 'none'}.`,
        cause: error,
      });
    }
    const problem = refusalProblem(failureOf(error));
    return new AppError(problem.code, { detail: problem.detail, cause: error });
  }
  return error;
}

/** The event is no longer in the organizer's mailbox. */
export function isGone(error: unknown): boolean {
  return error instanceof GraphError && error.status === 404 && error.code === 'ErrorItemNotFound';
}
