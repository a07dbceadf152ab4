// Verifies Entra ID user access tokens for Quorum's API (any tenant), mapping each failure to its code.
import { decodeJwt, decodeProtectedHeader, errors as jose, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../clock.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { Caller } from './caller.js';
import { TenantKeysNotFound, type JwksForTenant } from './jwks-cache.js';

/** Turns a bearer token into a Caller, or throws an AppError with an ERR_AUTH_* code. */
export interface TokenVerifier {
  verify(token: string): Promise<Caller>;
}

export interface EntraTokenVerifierOptions {
  /** Entra authority host, no trailing slash: the v2 issuer is `{authorityHost}/{tid}/v2.0`. */
  readonly authorityHost: string;
  /** Accepted audiences: Quorum's client id (v2 tokens) and its App ID URI (v1 tokens). */
  readonly clientId: string;
  readonly appIdUri: string;
  readonly jwks: JwksForTenant;
  readonly clock: Clock;
  /** Seconds of clock skew tolerated on `exp`/`nbf`. Defaults to 60. */
  readonly clockToleranceSeconds?: number;
  /** The delegated scope every call needs. Defaults to `access_as_user`. */
  readonly requiredScope?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fail(code: ErrorCode, detail: string, cause?: unknown): never {
  throw new AppError(code, { detail, cause });
}

function stringClaim(payload: JWTPayload, name: string): string | null {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function mapJoseError(error: unknown): never {
  if (error instanceof AppError) throw error;
  if (error instanceof jose.JWTExpired)
    fail('ERR_AUTH_TOKEN_EXPIRED', 'The token has expired.', error);
  if (error instanceof jose.JWTClaimValidationFailed) {
    if (error.claim === 'aud') fail('ERR_AUTH_AUDIENCE', 'The token is not for this API.', error);
    if (error.claim === 'iss') {
      fail('ERR_AUTH_ISSUER', "The token's issuer is not its tenant's Entra issuer.", error);
    }
    fail('ERR_AUTH_TOKEN_INVALID', `The token's "${error.claim}" claim is not acceptable.`, error);
  }
  if (error instanceof jose.JOSEAlgNotAllowed) {
    fail('ERR_AUTH_ALGORITHM', 'Only RS256 tokens are accepted.', error);
  }
  if (error instanceof jose.JWKSNoMatchingKey || error instanceof TenantKeysNotFound) {
    fail('ERR_AUTH_KEY_UNKNOWN', "The token's signing key is not published by its tenant.", error);
  }
  if (error instanceof jose.JWSSignatureVerificationFailed) {
    fail('ERR_AUTH_TOKEN_INVALID', "The token's signature does not verify.", error);
  }
  if (
    error instanceof jose.JWSInvalid ||
    error instanceof jose.JWTInvalid ||
    error instanceof jose.JOSENotSupported ||
    error instanceof jose.JWKInvalid ||
    error instanceof jose.JWKSMultipleMatchingKeys
  ) {
    fail('ERR_AUTH_TOKEN_INVALID', 'The token is not a valid Entra access token.', error);
  }
  // Timeouts, network and TLS failures, non-JSON key sets: the keys are out of reach, not the token's fault.
  fail('ERR_AUTH_KEYS_UNAVAILABLE', "The tenant's signing keys could not be fetched.", error);
}

/**
 * The real verifier: reads `tid` unverified only to find the tenant's JWKS, then checks the RS256 signature,
 * the issuer (v1 or v2, for that same tid), the audience, exp/nbf and the `access_as_user` scope.
 */
export function createEntraTokenVerifier(options: EntraTokenVerifierOptions): TokenVerifier {
  const requiredScope = options.requiredScope ?? 'access_as_user';
  const audience = [options.clientId, options.appIdUri];
  return {
    async verify(token) {
      let alg: unknown;
      let unverified: JWTPayload;
      try {
        alg = decodeProtectedHeader(token).alg;
        unverified = decodeJwt(token);
      } catch (error) {
        fail('ERR_AUTH_TOKEN_INVALID', 'The bearer token is not a JWT.', error);
      }
      if (alg !== 'RS256') fail('ERR_AUTH_ALGORITHM', 'Only RS256 tokens are accepted.');
      const tid = unverified.tid;
      if (typeof tid !== 'string' || !GUID.test(tid)) {
        fail('ERR_AUTH_TOKEN_INVALID', 'The token has no valid "tid" claim.');
      }
      const tenantId = tid.toLowerCase();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, options.jwks(tenantId), {
          algorithms: ['RS256'],
          audience,
          issuer: [`${options.authorityHost}/${tid}/v2.0`, `https://sts.windows.net/${tid}/`],
          clockTolerance: options.clockToleranceSeconds ?? 60,
          currentDate: new Date(options.clock.now()),
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        mapJoseError(error);
      }
      const oid = stringClaim(payload, 'oid');
      if (!oid || !GUID.test(oid))
        fail('ERR_AUTH_TOKEN_INVALID', 'The token has no valid "oid" claim.');
      const scopes = (stringClaim(payload, 'scp') ?? '').split(' ');
      if (!scopes.includes(requiredScope)) {
        throw new AppError('ERR_AUTH_SCOPE_MISSING', {
          detail: `The token lacks the "${requiredScope}" scope.`,
          headers: {
            'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${requiredScope}"`,
          },
        });
      }
      const wids = payload.wids;
      return Object.freeze({
        tenantId,
        objectId: oid.toLowerCase(),
        name: stringClaim(payload, 'name'),
        preferredUsername:
          stringClaim(payload, 'preferred_username') ?? stringClaim(payload, 'upn'),
        directoryRoleIds: Object.freeze(
          Array.isArray(wids) ? wids.filter((w): w is string => typeof w === 'string') : [],
        ),
      });
    },
  };
}
