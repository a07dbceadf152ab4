// Connection-level reasons (DESIGN §3) from what Entra ID and Graph answer during a verification
// probe: AADSTS numbers through the identity layer's codes, and Graph's 403/404 shapes.
import type { StatusReason } from '../domain/types.js';
import { GraphError } from '../microsoft/graph/index.js';
import { IdentityError } from '../microsoft/identity/index.js';

/** Why a probe failed: the reason shown to admins, a sentence, and the ids support asks for. */
export interface ProbeFailure {
  reason: StatusReason;
  detail: string;
  aadsts?: number;
  requestId?: string;
  /** For `throttled`: seconds Microsoft asked us to wait. */
  retryAfterSeconds?: number;
}

/** Token-endpoint failures → reasons (AADSTS mapping of DESIGN §3). */
export function failureFromIdentityError(error: IdentityError): ProbeFailure {
  const base = {
    detail: error.message,
    ...(error.aadsts === undefined ? {} : { aadsts: error.aadsts }),
  };
  switch (error.code) {
    case 'ERR_IDENTITY_APP_NOT_IN_TENANT':
      return { ...base, reason: 'consent_missing' };
    case 'ERR_IDENTITY_SECRET_INVALID':
    case 'ERR_IDENTITY_CREDENTIAL_MISSING':
    case 'ERR_IDENTITY_CREDENTIAL_MALFORMED':
      return { ...base, reason: 'credential_invalid' };
    case 'ERR_IDENTITY_SECRET_EXPIRED':
      return { ...base, reason: 'credential_expired' };
    case 'ERR_IDENTITY_ASSERTION_INVALID':
      // AADSTS700027 says only that the assertion failed; the certificate's own dates tell why.
      return {
        ...base,
        reason: error.certificateExpired ? 'credential_expired' : 'credential_invalid',
      };
    case 'ERR_IDENTITY_UNAVAILABLE':
      return {
        ...base,
        reason: 'throttled',
        ...(error.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: error.retryAfterSeconds }),
      };
    default:
      // Unknown tenant, disabled app, untrusted TLS, refused scope: shown with Entra's words.
      return { ...base, reason: 'error' };
  }
}

/** How one Graph call of the probe failed. */
export type GraphProbeSignal =
  /** 403 "Access to OData is disabled.": an access policy or RBAC scope leaves the mailbox out. */
  | 'outside_scope'
  /** 404 MailboxNotEnabledForRESTAPI / unknown user: no cloud mailbox to read. */
  | 'no_mailbox'
  /** 403 without a scope signal: the permission is not granted at all. */
  | 'denied'
  | 'transient'
  | 'other';

export function graphSignal(error: GraphError): GraphProbeSignal {
  if (error.transient) return 'transient';
  if (error.status === 403) {
    return /access to odata is disabled/i.test(error.message) ? 'outside_scope' : 'denied';
  }
  if (error.status === 404) return 'no_mailbox';
  return 'other';
}

/** A Graph failure as a probe failure, for the signals that end a probe at once. */
export function failureFromGraphError(error: GraphError, what: string): ProbeFailure {
  const ids = error.requestId === undefined ? {} : { requestId: error.requestId };
  switch (graphSignal(error)) {
    case 'transient':
      return {
        reason: 'throttled',
        detail: `Microsoft Graph is busy (${error.status}) while ${what}.`,
        ...ids,
        ...(error.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: error.retryAfterSeconds }),
      };
    case 'denied':
      return {
        reason: 'consent_missing',
        detail: `Microsoft Graph refused ${what} (${error.code}): the permission is not granted.`,
        ...ids,
      };
    default:
      return {
        reason: 'error',
        detail: `Microsoft Graph answered ${error.status} ${error.code} while ${what}.`,
        ...ids,
      };
  }
}

/** Any thrown value from a probe step as a failure (identity, Graph, or a transport problem). */
export function failureFrom(error: unknown, what: string): ProbeFailure {
  if (error instanceof IdentityError) return failureFromIdentityError(error);
  if (error instanceof GraphError) return failureFromGraphError(error, what);
  return { reason: 'error', detail: `Unexpected failure while ${what}.` };
}

/** Failures that can clear up without anyone acting: Microsoft busy, or consent still replicating. */
export function isRetryable(failure: ProbeFailure, replicating: boolean): boolean {
  return failure.reason === 'throttled' || (replicating && failure.reason === 'consent_missing');
}
