// Connection-level failures (DESIGN §3): when no token can be had for a tenant, every member of
// that connection gets the connection's reason, without probing them one by one.
import { IdentityError } from '../microsoft/identity/index.js';
import type { StatusReason } from '../domain/types.js';

/** A failure that concerns the whole connection rather than one mailbox. */
export interface ConnectionFailure {
  /** `throttled` when Entra itself is unavailable: members keep their last known status. */
  reason: Extract<
    StatusReason,
    'consent_missing' | 'credential_invalid' | 'credential_expired' | 'throttled' | 'error'
  >;
  detail: string;
  retryAfterSeconds?: number;
}

/** Maps an identity-layer error to its connection reason; undefined for anything else. */
export function connectionFailureOf(error: unknown): ConnectionFailure | undefined {
  if (!(error instanceof IdentityError)) return undefined;
  const detail = error.aadsts === undefined ? error.code : `AADSTS${error.aadsts} (${error.code})`;
  switch (error.code) {
    case 'ERR_IDENTITY_SECRET_INVALID':
    case 'ERR_IDENTITY_CREDENTIAL_MISSING':
    case 'ERR_IDENTITY_CREDENTIAL_MALFORMED':
      return { reason: 'credential_invalid', detail };
    case 'ERR_IDENTITY_SECRET_EXPIRED':
      return { reason: 'credential_expired', detail };
    case 'ERR_IDENTITY_ASSERTION_INVALID':
      return {
        reason: error.certificateExpired ? 'credential_expired' : 'credential_invalid',
        detail,
      };
    case 'ERR_IDENTITY_APP_NOT_IN_TENANT':
    case 'ERR_IDENTITY_APP_DISABLED':
    case 'ERR_IDENTITY_TENANT_NOT_FOUND':
      return { reason: 'consent_missing', detail };
    case 'ERR_IDENTITY_UNAVAILABLE':
      return {
        reason: 'throttled',
        detail,
        ...(error.retryAfterSeconds === undefined
          ? {}
          : { retryAfterSeconds: error.retryAfterSeconds }),
      };
    default:
      return { reason: 'error', detail };
  }
}
