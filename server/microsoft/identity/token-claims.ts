// Reads claims from an app-only Graph token for information only. Graph tokens are Graph's to verify
// (their format is not a contract for clients), so nothing here is trusted for a security decision.

/** The claims Quorum shows an admin: the tenant the token is for and the app roles it carries. */
export interface GraphTokenClaims {
  readonly tenantId: string | undefined;
  readonly roles: readonly string[];
  /** `exp` in milliseconds since the epoch. */
  readonly expiresAt: number | undefined;
}

const NONE: GraphTokenClaims = Object.freeze({
  tenantId: undefined,
  roles: [],
  expiresAt: undefined,
});

/** Decodes `tid` and `roles` from a JWT's payload; an opaque or malformed token yields no claims. */
export function readGraphTokenClaims(token: string): GraphTokenClaims {
  const payload = token.split('.')[1];
  if (payload === undefined) return NONE;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return NONE;
  }
  if (claims === null || typeof claims !== 'object') return NONE;
  const { tid, roles, exp } = claims as { tid?: unknown; roles?: unknown; exp?: unknown };
  return {
    tenantId: typeof tid === 'string' && tid.length > 0 ? tid : undefined,
    roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [],
    expiresAt: typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined,
  };
}
