// Bearer-token check on every Graph route: RS256 signature against the emulator's Entra keys,
// audience, issuer, lifetime; then the caller's tenant, app and permissions from the claims.
import { decodeProtectedHeader, importJWK, jwtVerify, errors as joseErrors, type JWK } from 'jose';
import type { EmulatorContext } from '../context.js';
import { GRAPH_APP_ID, GRAPH_RESOURCE, type Tenant } from '../world/types.js';
import { GraphErrors } from './errors.js';

/** Who is calling, as Graph sees it after validating the token. */
export interface Caller {
  tenant: Tenant;
  appId: string;
  /** App roles (app-only tokens) or delegated scopes (`scp`), by value. */
  permissions: Set<string>;
  /** True for client-credentials tokens (`idtyp: app`, no `scp`). */
  isApp: boolean;
  /** Object id of the signed-in user for delegated tokens (`/me`). */
  userId?: string;
  /**
   * Whether the app's service principal is still in the tenant. Decision [U]: tokens stay
   * cryptographically valid after consent is revoked, but every route then answers 403 with its
   * own denial code (Authorization_RequestDenied / ErrorAccessDenied), which is what Quorum maps to
   * `consent_missing` ("every probe 403 without a scope signal").
   */
  consented: boolean;
}

/** Microsoft accepts tokens up to five minutes past `exp` / before `nbf` (clock skew). */
const CLOCK_SKEW_S = 300;

const keyCache = new Map<string, CryptoKey | Uint8Array>();

async function publicKey(ctx: EmulatorContext, kid: string | undefined) {
  if (!kid) throw GraphErrors.tokenInvalid();
  const cached = keyCache.get(kid);
  if (cached) return cached;
  const jwk: JWK | undefined = ctx.keys.publicKey(kid);
  if (!jwk) throw GraphErrors.tokenInvalid();
  const key = await importJWK(jwk, 'RS256');
  keyCache.set(kid, key);
  return key;
}

/**
 * Signature checks are the emulator's hottest path (every request, every `$batch` item). A token's
 * signature is checked once, then its claims are remembered until it expires; lifetime is still
 * checked on every use against the emulator clock. Bounded so a flood of distinct tokens can't grow it.
 */
const verifiedTokens = new Map<string, Record<string, unknown>>();
const VERIFIED_TOKENS_MAX = 10_000;

async function verifiedClaims(
  ctx: EmulatorContext,
  token: string,
  kid: string | undefined,
): Promise<Record<string, unknown>> {
  const remembered = verifiedTokens.get(token);
  if (remembered && ctx.keys.publicKey(kid ?? '') !== undefined) {
    const now = ctx.now() / 1000;
    const exp = typeof remembered.exp === 'number' ? remembered.exp : 0;
    const nbf = typeof remembered.nbf === 'number' ? remembered.nbf : 0;
    if (now > exp + CLOCK_SKEW_S || now < nbf - CLOCK_SKEW_S) throw GraphErrors.tokenExpired();
    return remembered;
  }
  const key = await publicKey(ctx, kid);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['RS256'],
      currentDate: new Date(ctx.now()),
      clockTolerance: CLOCK_SKEW_S,
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw GraphErrors.tokenExpired();
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'nbf') {
      throw GraphErrors.tokenExpired();
    }
    throw GraphErrors.tokenInvalid();
  }
  if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) verifiedTokens.clear();
  verifiedTokens.set(token, payload);
  return payload;
}

/** Validates `Authorization: Bearer …` and returns the caller, or throws the 401 Graph sends. */
export async function authenticate(
  ctx: EmulatorContext,
  authorization: string | undefined,
): Promise<Caller> {
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  const token = match?.[1]?.trim();
  if (!token) throw GraphErrors.tokenMissing();
  if (token.split('.').length !== 3) throw GraphErrors.tokenMalformed();
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw GraphErrors.tokenMalformed();
  }
  const payload = await verifiedClaims(ctx, token, kid);
  if (typeof payload.exp !== 'number') throw GraphErrors.tokenInvalid();
  const aud = payload.aud;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (
    !audiences.some((a) => a === GRAPH_RESOURCE || a === GRAPH_APP_ID || a === `${GRAPH_RESOURCE}/`)
  ) {
    throw GraphErrors.tokenAudience();
  }
  const tid = typeof payload.tid === 'string' ? payload.tid.toLowerCase() : '';
  const tenant = ctx.world.tenants.get(tid);
  const iss = typeof payload.iss === 'string' ? payload.iss : '';
  const issuerOk =
    iss === `https://sts.windows.net/${tid}/` ||
    iss === `https://login.microsoftonline.com/${tid}/v2.0`;
  if (!tenant || !issuerOk) throw GraphErrors.tokenInvalid();
  const appId = String(payload.appid ?? payload.azp ?? '').toLowerCase();
  const scp = typeof payload.scp === 'string' ? payload.scp : undefined;
  const roles = Array.isArray(payload.roles) ? payload.roles.map(String) : [];
  const isApp = scp === undefined;
  return {
    tenant,
    appId,
    permissions: new Set(isApp ? roles : scp.split(' ').filter(Boolean)),
    isApp,
    userId: isApp ? undefined : String(payload.oid ?? ''),
    consented: ctx.world.servicePrincipal(tenant, appId) !== undefined,
  };
}
