// Turns what msal throws into an IdentityError. msal 7 gives a `ServerError` with `errorNo` (the first
// of Entra's `error_codes`) when Entra answered, a replay of a recent failure from its throttle cache
// (AADSTS only in the message, no status) when it refused locally, and a bare `network_error` or
// `openid_config_error` otherwise — so the recorded HTTP exchange fills in what msal leaves out.
import { AuthError, ServerError } from '@azure/msal-node';
import type { PreparedCredential } from './credentials.js';
import { IdentityError, identityErrorCodeFor, type IdentityErrorCode } from './errors.js';
import type { Observation } from './network-client.js';

/** msal's throttle: Retry-After seconds, 60 when absent or not positive, at most an hour. */
export const MSAL_DEFAULT_THROTTLE_SECONDS = 60;
export const MSAL_MAX_THROTTLE_SECONDS = 3600;

/** A recent failure msal will replay from its throttle cache until `until` (ms since epoch). */
export interface ThrottleRecord {
  readonly until: number;
  readonly status: number | undefined;
  /** The OAuth `error` of the failure being replayed (msal's replay carries only the numbers). */
  readonly msalErrorCode: string | undefined;
}

export interface MapErrorContext {
  readonly credential: PreparedCredential;
  readonly tenantId: string;
  /** Our correlation id for the request (sent to Entra as `client-request-id`). */
  readonly correlationId: string;
  readonly now: number;
  /** The token request, when one was sent. */
  readonly post: Observation | undefined;
  /** The last failed metadata request of this msal instance. */
  readonly metadataFailure: Observation | undefined;
  /** Our record of msal's throttle for this tenant, if any. */
  readonly throttle: ThrottleRecord | undefined;
}

const SENTENCES: Record<IdentityErrorCode, string> = {
  ERR_IDENTITY_SECRET_INVALID: 'Entra ID rejected the client secret.',
  ERR_IDENTITY_SECRET_EXPIRED: 'The client secret has expired.',
  ERR_IDENTITY_APP_NOT_IN_TENANT:
    'The app is not present in the tenant: admin consent was never granted, was revoked, or the tenant is wrong.',
  ERR_IDENTITY_ASSERTION_INVALID: 'Entra ID rejected the certificate assertion.',
  ERR_IDENTITY_TENANT_NOT_FOUND: 'Entra ID does not know this tenant.',
  ERR_IDENTITY_TENANT_INVALID: 'Not a tenant id or domain.',
  ERR_IDENTITY_SCOPE_INVALID: 'Entra ID rejected the requested scope.',
  ERR_IDENTITY_APP_DISABLED: 'The app is disabled.',
  ERR_IDENTITY_CREDENTIAL_MISSING: 'Entra ID received no client secret or assertion.',
  ERR_IDENTITY_CREDENTIAL_MALFORMED: 'The credential cannot be used.',
  ERR_IDENTITY_TLS_UNTRUSTED: "The identity provider's TLS certificate is not trusted.",
  ERR_IDENTITY_UNAVAILABLE: 'Entra ID is temporarily unavailable.',
  ERR_IDENTITY_UNKNOWN: 'Getting a token from Entra ID failed.',
};

/** The message for a code, with Entra's own first line when there is one. */
export function identityMessage(code: IdentityErrorCode, detail?: string): string {
  return detail ? `${SENTENCES[code]} ${detail}` : SENTENCES[code];
}

export function toIdentityError(cause: unknown, ctx: MapErrorContext): IdentityError {
  if (cause instanceof IdentityError) return cause;
  const base = {
    clientId: ctx.credential.clientId,
    tenantId: ctx.tenantId,
    cause,
    ...(ctx.credential.kind === 'certificate'
      ? { certificateExpired: ctx.now > ctx.credential.certificate.notAfter.getTime() }
      : {}),
  };
  const msalErrorCode = cause instanceof AuthError ? cause.errorCode || undefined : undefined;

  if (cause instanceof ServerError) {
    const body = ctx.post?.errorBody;
    const message = cause.errorMessage;
    const description =
      typeof body?.['error_description'] === 'string' ? body['error_description'] : message;
    const aadsts =
      firstErrorCode(body) ??
      toNumber(cause.errorNo) ??
      matchNumber(message, /AADSTS(\d+)/) ??
      matchNumber(message, /Error\(s\): (\d+)/) ??
      toNumber(cause.errorCode);
    const replayed = ctx.post === undefined;
    // msal throttles only after 429, 5xx or a Retry-After; without our record, assume the former.
    const status = replayed ? (ctx.throttle?.status ?? 503) : (ctx.post?.status ?? cause.status);
    const code = identityErrorCodeFor(aadsts, status);
    const retryAfterSeconds = replayed
      ? ctx.throttle
        ? Math.max(1, Math.ceil((ctx.throttle.until - ctx.now) / 1000))
        : MSAL_DEFAULT_THROTTLE_SECONDS
      : retryAfterOf(ctx.post, code);
    return new IdentityError(
      code,
      identityMessage(
        code,
        replayed
          ? `msal refuses to ask again for ${retryAfterSeconds} s after a recent failure.`
          : firstLine(description),
      ),
      {
        ...base,
        aadsts,
        msalErrorCode: replayed ? ctx.throttle?.msalErrorCode : msalErrorCode,
        status: replayed ? undefined : status,
        correlationId:
          stringOf(body?.['correlation_id']) ??
          matchString(message, /Correlation ID: ([0-9a-f-]{36})/i) ??
          ctx.correlationId,
        traceId: stringOf(body?.['trace_id']) ?? matchString(message, /Trace ID: ([0-9a-f-]{36})/i),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        throttledLocally: replayed,
      },
    );
  }

  // No answer from the token endpoint: the request failed on the way, or metadata discovery did.
  const observed =
    ctx.post ?? (msalErrorCode === 'network_error' ? undefined : ctx.metadataFailure);
  const failure = ctx.post?.failure ?? ctx.metadataFailure?.failure;
  if (failure !== undefined && isTlsTrustFailure(failure)) {
    return new IdentityError(
      'ERR_IDENTITY_TLS_UNTRUSTED',
      identityMessage('ERR_IDENTITY_TLS_UNTRUSTED'),
      {
        ...base,
        msalErrorCode,
        correlationId: ctx.correlationId,
        cause: failure,
      },
    );
  }
  if (observed?.status !== undefined) {
    // e.g. the openid-configuration of an unknown tenant answers 400 AADSTS90002.
    const aadsts = firstErrorCode(observed.errorBody);
    const code = identityErrorCodeFor(aadsts, observed.status);
    return new IdentityError(
      code,
      identityMessage(code, firstLine(stringOf(observed.errorBody?.['error_description']))),
      {
        ...base,
        aadsts,
        msalErrorCode: stringOf(observed.errorBody?.['error']) ?? msalErrorCode,
        status: observed.status,
        correlationId: stringOf(observed.errorBody?.['correlation_id']) ?? ctx.correlationId,
        traceId: stringOf(observed.errorBody?.['trace_id']),
        ...(code === 'ERR_IDENTITY_UNAVAILABLE'
          ? { retryAfterSeconds: retryAfterOf(observed, code) }
          : {}),
      },
    );
  }
  if (failure !== undefined || msalErrorCode === 'network_error') {
    return new IdentityError(
      'ERR_IDENTITY_UNAVAILABLE',
      identityMessage('ERR_IDENTITY_UNAVAILABLE', describeFailure(failure)),
      {
        ...base,
        msalErrorCode,
        correlationId: ctx.correlationId,
        ...(failure === undefined ? {} : { cause: failure }),
      },
    );
  }
  return new IdentityError(
    'ERR_IDENTITY_UNKNOWN',
    identityMessage('ERR_IDENTITY_UNKNOWN', cause instanceof Error ? cause.message : undefined),
    { ...base, msalErrorCode, correlationId: ctx.correlationId },
  );
}

/**
 * Seconds until asking again is worthwhile: for transient failures (and any answer with Retry-After)
 * that is how long msal's throttle cache will refuse the same request locally anyway.
 */
function retryAfterOf(
  observed: Observation | undefined,
  code: IdentityErrorCode,
): number | undefined {
  const header = observed?.headers?.['retry-after'];
  if (code !== 'ERR_IDENTITY_UNAVAILABLE' && header === undefined) return undefined;
  return throttleSecondsFor(header);
}

/**
 * How long msal's throttle cache holds a failure: `parseInt(Retry-After)` seconds, 60 when absent, not
 * a number (an HTTP date) or not positive — so `Retry-After: 0` still means 60 s — and at most an hour.
 */
export function throttleSecondsFor(header: string | undefined): number {
  const seconds = Number.parseInt(header ?? '', 10);
  if (!(seconds > 0)) return MSAL_DEFAULT_THROTTLE_SECONDS;
  return Math.min(seconds, MSAL_MAX_THROTTLE_SECONDS);
}

const TLS_TRUST_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function isTlsTrustFailure(error: unknown): boolean {
  for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TLS_TRUST_CODES.has(code)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

function describeFailure(error: unknown): string | undefined {
  const parts: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; depth += 1) {
    const code = (e as { code?: unknown }).code;
    parts.push(typeof code === 'string' ? `${e.message} (${code})` : e.message);
    e = e.cause;
  }
  return parts.length > 0 ? `${parts.join(': ')}.` : undefined;
}

function firstErrorCode(body: Readonly<Record<string, unknown>> | undefined): number | undefined {
  const codes = body?.['error_codes'];
  return Array.isArray(codes) ? toNumber(codes[0]) : undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function matchNumber(text: string | undefined, pattern: RegExp): number | undefined {
  return toNumber(text?.match(pattern)?.[1]);
}

function matchString(text: string | undefined, pattern: RegExp): string | undefined {
  return text?.match(pattern)?.[1];
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Entra's descriptions end with Trace ID / Correlation ID / Timestamp lines; keep the first. */
function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/)[0]?.trim();
  return line ? line : undefined;
}
