// Identity errors as data: every failure to get an app-only token becomes an IdentityError with a stable
// code, the AADSTS number Entra sent (when it sent one) and the ids Microsoft support asks for.

/** Stable codes callers branch on (connection health, verification, the admin's "fix" text). */
export type IdentityErrorCode =
  /** AADSTS7000215: the secret is not a current secret of the app (or is the secret *id*). */
  | 'ERR_IDENTITY_SECRET_INVALID'
  /** AADSTS7000222: the secret has passed its end date. */
  | 'ERR_IDENTITY_SECRET_EXPIRED'
  /** AADSTS700016: no service principal in the tenant — never consented, consent revoked, wrong tenant. */
  | 'ERR_IDENTITY_APP_NOT_IN_TENANT'
  /** AADSTS700027/700024/50012/50027/700021: the certificate assertion was refused; see `certificateExpired`. */
  | 'ERR_IDENTITY_ASSERTION_INVALID'
  /** AADSTS90002/900023: no such tenant. */
  | 'ERR_IDENTITY_TENANT_NOT_FOUND'
  /** Refused locally: not a tenant id or domain (`common`, `organizations`, `consumers`, garbage). */
  | 'ERR_IDENTITY_TENANT_INVALID'
  /** AADSTS1002012/70011: the scope is not a `{resource}/.default` Entra accepts. */
  | 'ERR_IDENTITY_SCOPE_INVALID'
  /** AADSTS7000112: the app registration (or its service principal) is disabled. */
  | 'ERR_IDENTITY_APP_DISABLED'
  /** AADSTS7000216/7000218: Entra saw no usable secret or assertion in the request. */
  | 'ERR_IDENTITY_CREDENTIAL_MISSING'
  /** Refused locally: the certificate or private key PEM cannot be read, or they do not belong together. */
  | 'ERR_IDENTITY_CREDENTIAL_MALFORMED'
  /** The token endpoint's TLS certificate is not trusted (wrong or missing CA configuration). */
  | 'ERR_IDENTITY_TLS_UNTRUSTED'
  /** Transient: HTTP 429/5xx, Entra's service-unavailable codes, network failure, or msal's throttle cache. */
  | 'ERR_IDENTITY_UNAVAILABLE'
  /** Anything else; `aadsts`/`msalErrorCode` and the cause say what. */
  | 'ERR_IDENTITY_UNKNOWN';

/** What an IdentityError carries besides its code and message. */
export interface IdentityErrorDetails {
  readonly clientId: string;
  readonly tenantId: string;
  /** The AADSTS number, e.g. 7000215, when Entra answered with one. */
  readonly aadsts?: number;
  /** msal's `errorCode`: the OAuth `error` (`invalid_client`) or a client-side code (`network_error`). */
  readonly msalErrorCode?: string;
  /** HTTP status of the token endpoint's answer, when one reached us. */
  readonly status?: number;
  readonly correlationId?: string;
  readonly traceId?: string;
  /** Seconds to wait before asking again, for transient failures (Retry-After or msal's throttle). */
  readonly retryAfterSeconds?: number;
  /**
   * True when msal refused locally because the same request failed with 429/5xx (or carried
   * Retry-After) moments ago: no request reached Entra this time.
   */
  readonly throttledLocally?: boolean;
  /** For certificate credentials: whether the certificate is past its notAfter at the time of failure. */
  readonly certificateExpired?: boolean;
  readonly cause?: unknown;
}

const TRANSIENT: ReadonlySet<IdentityErrorCode> = new Set(['ERR_IDENTITY_UNAVAILABLE']);

/** A failure to get an app-only token for (`clientId`, `tenantId`). Never carries a secret or token. */
export class IdentityError extends Error {
  readonly code: IdentityErrorCode;
  readonly clientId: string;
  readonly tenantId: string;
  readonly aadsts: number | undefined;
  readonly msalErrorCode: string | undefined;
  readonly status: number | undefined;
  readonly correlationId: string | undefined;
  readonly traceId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly throttledLocally: boolean;
  readonly certificateExpired: boolean | undefined;

  constructor(code: IdentityErrorCode, message: string, details: IdentityErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'IdentityError';
    this.code = code;
    this.clientId = details.clientId;
    this.tenantId = details.tenantId;
    this.aadsts = details.aadsts;
    this.msalErrorCode = details.msalErrorCode;
    this.status = details.status;
    this.correlationId = details.correlationId;
    this.traceId = details.traceId;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.throttledLocally = details.throttledLocally ?? false;
    this.certificateExpired = details.certificateExpired;
  }

  /** True when asking again later can succeed without anyone changing anything. */
  get transient(): boolean {
    return TRANSIENT.has(this.code);
  }

  /** A log-safe summary (no token, no secret, no description text from Entra). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      clientId: this.clientId,
      tenantId: this.tenantId,
      aadsts: this.aadsts,
      msalErrorCode: this.msalErrorCode,
      status: this.status,
      correlationId: this.correlationId,
      traceId: this.traceId,
      retryAfterSeconds: this.retryAfterSeconds,
      throttledLocally: this.throttledLocally,
      certificateExpired: this.certificateExpired,
    };
  }
}

/** AADSTS numbers with a code of their own; everything else is decided by status, then UNKNOWN. */
const CODE_BY_AADSTS: ReadonlyMap<number, IdentityErrorCode> = new Map<number, IdentityErrorCode>([
  [7000215, 'ERR_IDENTITY_SECRET_INVALID'],
  [7000222, 'ERR_IDENTITY_SECRET_EXPIRED'],
  [700016, 'ERR_IDENTITY_APP_NOT_IN_TENANT'],
  [700027, 'ERR_IDENTITY_ASSERTION_INVALID'],
  [700024, 'ERR_IDENTITY_ASSERTION_INVALID'],
  [50012, 'ERR_IDENTITY_ASSERTION_INVALID'],
  // Malformed assertion JWT; assertion `iss`/`sub` not the client id.
  [50027, 'ERR_IDENTITY_ASSERTION_INVALID'],
  [700021, 'ERR_IDENTITY_ASSERTION_INVALID'],
  [90002, 'ERR_IDENTITY_TENANT_NOT_FOUND'],
  [900023, 'ERR_IDENTITY_TENANT_NOT_FOUND'],
  [1002012, 'ERR_IDENTITY_SCOPE_INVALID'],
  [70011, 'ERR_IDENTITY_SCOPE_INVALID'],
  [7000112, 'ERR_IDENTITY_APP_DISABLED'],
  [7000216, 'ERR_IDENTITY_CREDENTIAL_MISSING'],
  [7000218, 'ERR_IDENTITY_CREDENTIAL_MISSING'],
  // Entra's own "try again later" codes (MsodsServiceUnavailable, RequestBudgetExceeded, TenantThrottling).
  [90033, 'ERR_IDENTITY_UNAVAILABLE'],
  [90024, 'ERR_IDENTITY_UNAVAILABLE'],
  [90055, 'ERR_IDENTITY_UNAVAILABLE'],
]);

/**
 * The code for an answer from Entra: the AADSTS number decides when it is known; otherwise 429 and
 * 5xx are transient and anything else is unknown.
 */
export function identityErrorCodeFor(
  aadsts: number | undefined,
  status?: number,
): IdentityErrorCode {
  const byNumber = aadsts === undefined ? undefined : CODE_BY_AADSTS.get(aadsts);
  if (byNumber) return byNumber;
  if (status !== undefined && (status === 429 || status >= 500)) return 'ERR_IDENTITY_UNAVAILABLE';
  return 'ERR_IDENTITY_UNKNOWN';
}

/** Every code, for documentation tests and exhaustive handling. */
export const IDENTITY_ERROR_CODES: readonly IdentityErrorCode[] = [
  'ERR_IDENTITY_SECRET_INVALID',
  'ERR_IDENTITY_SECRET_EXPIRED',
  'ERR_IDENTITY_APP_NOT_IN_TENANT',
  'ERR_IDENTITY_ASSERTION_INVALID',
  'ERR_IDENTITY_TENANT_NOT_FOUND',
  'ERR_IDENTITY_TENANT_INVALID',
  'ERR_IDENTITY_SCOPE_INVALID',
  'ERR_IDENTITY_APP_DISABLED',
  'ERR_IDENTITY_CREDENTIAL_MISSING',
  'ERR_IDENTITY_CREDENTIAL_MALFORMED',
  'ERR_IDENTITY_TLS_UNTRUSTED',
  'ERR_IDENTITY_UNAVAILABLE',
  'ERR_IDENTITY_UNKNOWN',
];
