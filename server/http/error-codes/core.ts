// Error codes: Authentication, request shape and the generic HTTP errors every route can answer.
import type { ErrorSpec } from './spec.js';

export const coreErrors = {
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
} as const satisfies Record<`ERR_${string}`, ErrorSpec>;
