// Mints the tokens Entra issues: v1 app-only Graph tokens (graph-facts §1.4), v2 user tokens for an
// app's own API, v1 delegated Graph tokens, and v2 ID tokens — all signed with the tenant-wide keys.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { EmulatorContext } from '../context.js';
import {
  GRAPH_RESOURCE,
  type AppRegistration,
  type ServicePrincipal,
  type Tenant,
  type User,
} from '../world/types.js';
import { v1Issuer, v2Issuer } from './tenant-path.js';

/** Lifetime Entra reports in `expires_in` for access tokens. */
export const ACCESS_TOKEN_LIFETIME_S = 3599;
/**
 * Entra back-dates `iat`/`nbf` by five minutes (clock skew), so `exp - iat` is ~3900 s as in real
 * tokens (graph-facts §1.4) while `expires_in` stays 3599. [U] exact skew: 300 s chosen.
 */
const SKEW_S = 300;

/** How the client authenticated: `appidacr`/`azpacr` — 0 public, 1 secret, 2 certificate. */
export type ClientAuthMethod = '0' | '1' | '2';

export interface MintedToken {
  token: string;
  expiresIn: number;
  claims: JWTPayload;
}

function times(ctx: EmulatorContext, lifetime: number) {
  const now = Math.floor(ctx.now() / 1000);
  return { iat: now - SKEW_S, nbf: now - SKEW_S, exp: now + lifetime };
}

/** Opaque-looking values Entra puts in every token (`aio`, `rh`, `uti`); random, never checked. */
function noise() {
  return {
    aio: randomBytes(48).toString('base64'),
    rh: `0.${randomBytes(30).toString('base64url')}.`,
    uti: randomBytes(16).toString('base64url'),
  };
}

/** The pairwise `sub` of v2 user tokens: stable per user and client app, unlike `oid`. */
export function pairwiseSubject(userId: string, appId: string): string {
  return createHash('sha256').update(`${userId}:${appId}`).digest('base64url').slice(0, 43);
}

/** v1 app-only token for Microsoft Graph (client credentials). `roles` is omitted when none are granted. */
export async function mintGraphAppToken(
  ctx: EmulatorContext,
  args: { tenant: Tenant; app: AppRegistration; sp: ServicePrincipal; acr: ClientAuthMethod },
): Promise<MintedToken> {
  const { tenant, app, sp } = args;
  const claims: JWTPayload = {
    aud: GRAPH_RESOURCE,
    iss: v1Issuer(tenant.id),
    ...times(ctx, ACCESS_TOKEN_LIFETIME_S),
    aio: noise().aio,
    app_displayname: app.displayName,
    appid: app.appId,
    appidacr: args.acr,
    idp: v1Issuer(tenant.id),
    idtyp: 'app',
    oid: sp.id,
    rh: noise().rh,
    ...(sp.grantedAppRoles.length > 0 ? { roles: [...sp.grantedAppRoles] } : {}),
    sub: sp.id,
    tenant_region_scope: 'NA',
    tid: tenant.id,
    uti: noise().uti,
    ver: '1.0',
    xms_tcdt: Math.floor(Date.parse(sp.createdAt) / 1000),
  };
  const token = await ctx.keys.sign(claims, { x5t: true });
  return { token, expiresIn: ACCESS_TOKEN_LIFETIME_S, claims };
}

/** v2 app-only token for an app's own API (client credentials with `{appId}/.default`). */
export async function mintApiAppToken(
  ctx: EmulatorContext,
  args: {
    tenant: Tenant;
    client: AppRegistration;
    sp: ServicePrincipal;
    api: AppRegistration;
    acr: ClientAuthMethod;
  },
): Promise<MintedToken> {
  const claims: JWTPayload = {
    aud: args.api.appId,
    iss: v2Issuer(ctx, args.tenant.id),
    ...times(ctx, ACCESS_TOKEN_LIFETIME_S),
    azp: args.client.appId,
    azpacr: args.acr,
    idtyp: 'app',
    oid: args.sp.id,
    sub: args.sp.id,
    tid: args.tenant.id,
    ...noise(),
    ver: '2.0',
  };
  const token = await ctx.keys.sign(claims);
  return { token, expiresIn: ACCESS_TOKEN_LIFETIME_S, claims };
}

export interface UserTokenArgs {
  tenant: Tenant;
  user: User;
  /** The app the token is issued to (`azp`/`appid`). */
  clientId: string;
  clientName?: string;
  acr: ClientAuthMethod;
  /** Scope values on the resource (`scp`). */
  scopes: string[];
  /** Lifetime override (seconds); negative gives an already expired token. */
  lifetimeSeconds?: number;
}

/** Directory roles in `wids`: every role template the user holds, including the "User" template. */
function wids(user: User): string[] | undefined {
  return user.directoryRoles.length > 0 ? [...user.directoryRoles] : undefined;
}

/** v2 delegated token for an app's own API: `aud` = its client id, `iss` = `{login}/{tid}/v2.0`. */
export async function mintApiUserToken(
  ctx: EmulatorContext,
  api: AppRegistration,
  args: UserTokenArgs & { audience?: string },
): Promise<MintedToken> {
  const lifetime = args.lifetimeSeconds ?? ACCESS_TOKEN_LIFETIME_S;
  const roles = api.emitsWids ? wids(args.user) : undefined;
  const claims: JWTPayload = {
    aud: args.audience ?? api.appId,
    iss: v2Issuer(ctx, args.tenant.id),
    ...times(ctx, lifetime),
    aio: noise().aio,
    azp: args.clientId,
    azpacr: args.acr,
    name: args.user.displayName,
    oid: args.user.id,
    preferred_username: args.user.userPrincipalName,
    rh: noise().rh,
    scp: args.scopes.join(' '),
    sid: randomUUID(),
    sub: pairwiseSubject(args.user.id, api.appId),
    tid: args.tenant.id,
    uti: noise().uti,
    ver: '2.0',
    ...(roles ? { wids: roles } : {}),
  };
  const token = await ctx.keys.sign(claims);
  return { token, expiresIn: Math.max(lifetime, 0), claims };
}

/** v1 delegated token for Microsoft Graph (personal calendar connections). */
export async function mintGraphUserToken(
  ctx: EmulatorContext,
  args: UserTokenArgs,
): Promise<MintedToken> {
  const lifetime = args.lifetimeSeconds ?? ACCESS_TOKEN_LIFETIME_S;
  const { user, tenant } = args;
  const roles = wids(user);
  const claims: JWTPayload = {
    aud: GRAPH_RESOURCE,
    iss: v1Issuer(tenant.id),
    ...times(ctx, lifetime),
    acct: 0,
    acr: '1',
    aio: noise().aio,
    amr: ['pwd'],
    app_displayname: args.clientName,
    appid: args.clientId,
    appidacr: args.acr,
    ...(user.surname ? { family_name: user.surname } : {}),
    ...(user.givenName ? { given_name: user.givenName } : {}),
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    platf: '14',
    rh: noise().rh,
    scp: args.scopes.join(' '),
    sid: randomUUID(),
    sub: pairwiseSubject(user.id, args.clientId),
    tenant_region_scope: 'NA',
    tid: tenant.id,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: noise().uti,
    ver: '1.0',
    ...(roles ? { wids: roles } : {}),
  };
  const token = await ctx.keys.sign(claims, { x5t: true });
  return { token, expiresIn: Math.max(lifetime, 0), claims };
}

/** v2 ID token (`openid` requested): `aud` = client id, `nonce` echoed. */
export async function mintIdToken(
  ctx: EmulatorContext,
  args: { tenant: Tenant; user: User; clientId: string; nonce?: string; email: boolean },
): Promise<string> {
  const now = Math.floor(ctx.now() / 1000);
  const claims: JWTPayload = {
    aud: args.clientId,
    iss: v2Issuer(ctx, args.tenant.id),
    iat: now - SKEW_S,
    nbf: now - SKEW_S,
    exp: now + ACCESS_TOKEN_LIFETIME_S,
    ...(args.email && args.user.mail ? { email: args.user.mail } : {}),
    name: args.user.displayName,
    ...(args.nonce ? { nonce: args.nonce } : {}),
    oid: args.user.id,
    preferred_username: args.user.userPrincipalName,
    rh: noise().rh,
    sid: randomUUID(),
    sub: pairwiseSubject(args.user.id, args.clientId),
    tid: args.tenant.id,
    uti: noise().uti,
    ver: '2.0',
  };
  return ctx.keys.sign(claims);
}

/** `client_info` (base64url JSON `{uid, utid}`), which msal uses to build the account. */
export function clientInfo(tenant: Tenant, user: User): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.id })).toString('base64url');
}
