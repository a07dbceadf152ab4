// Issues the tokens of a user sign-in (authorization code, refresh, control API): an access token
// for the one resource the scopes name (Quorum's API → v2; Graph → v1 delegated), plus ID token,
// client_info and a rotating refresh token when `openid` / `offline_access` were asked for.
import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from '../context.js';
import type { Tenant, User } from '../world/types.js';
import {
  clientInfo,
  mintApiUserToken,
  mintGraphUserToken,
  mintIdToken,
  type ClientAuthMethod,
  type MintedToken,
} from './access-tokens.js';
import { Aadsts } from './errors.js';
import type { ScopeRequest } from './scopes.js';
import { entraState } from './state.js';
import type { TokenResponse } from './token-response.js';

/** Refresh tokens of confidential clients live 90 days; SPA ones 24 hours, never extended. */
const REFRESH_LIFETIME_MS = 90 * 86_400_000;
const SPA_REFRESH_LIFETIME_MS = 86_400_000;

export interface UserTokenRequest {
  tenant: Tenant;
  user: User;
  clientId: string;
  acr: ClientAuthMethod;
  scopes: ScopeRequest;
  nonce?: string;
  spa: boolean;
  /** When rotating a SPA refresh token, its original expiry (SPA refresh tokens are not extended). */
  refreshExpiresAt?: number;
  lifetimeSeconds?: number;
  audience?: string;
}

/** The client's display name when it is registered here (Teams/Outlook first-party ids are not). */
function clientName(ctx: EmulatorContext, clientId: string): string | undefined {
  return ctx.world.findApp(clientId)?.displayName;
}

/**
 * Mints the access token alone. Quorum's API may be called by the app itself or a pre-authorized
 * client (Teams, Outlook, Office); any other client has no consent (AADSTS65001).
 */
export async function mintUserAccessToken(
  ctx: EmulatorContext,
  r: UserTokenRequest,
): Promise<{ minted: MintedToken; scopeValues: string[] }> {
  if (!r.user.accountEnabled) throw Aadsts.userDisabled();
  const common = {
    tenant: r.tenant,
    user: r.user,
    clientId: r.clientId,
    clientName: clientName(ctx, r.clientId),
    acr: r.acr,
    lifetimeSeconds: r.lifetimeSeconds,
  };
  const resource = r.scopes.resource;
  if (resource.kind === 'app') {
    const api = resource.app;
    if (api.appId !== r.clientId && !api.preAuthorizedClientIds.includes(r.clientId)) {
      throw Aadsts.consentRequired(r.clientId, clientName(ctx, r.clientId) ?? r.clientId);
    }
    const values = r.scopes.values.flatMap((v) =>
      v === '.default' ? api.apiScopes.map((s) => s.value) : [v],
    );
    const scopeValues = [...new Set(values)];
    const minted = await mintApiUserToken(ctx, api, {
      ...common,
      scopes: scopeValues,
      audience: r.audience,
    });
    return { minted, scopeValues };
  }
  const client = ctx.world.findApp(r.clientId);
  const values = r.scopes.values.flatMap((v) =>
    v === '.default' ? (client?.delegatedGraphScopes ?? ['User.Read']) : [v],
  );
  const scopeValues = [
    ...new Set(values.filter((v) => !['openid', 'profile', 'email', 'offline_access'].includes(v))),
  ];
  const minted = await mintGraphUserToken(ctx, { ...common, scopes: scopeValues });
  return { minted, scopeValues };
}

/** Issues the full token response of a user flow and records the delegated sign-in. */
export async function issueUserTokens(
  ctx: EmulatorContext,
  r: UserTokenRequest,
): Promise<TokenResponse> {
  const { minted } = await mintUserAccessToken(ctx, r);
  const state = entraState(ctx);
  const key = `${r.tenant.id}:${r.clientId}`;
  const signIns = state.delegatedSignIns.get(key) ?? new Set<string>();
  signIns.add(r.user.id);
  state.delegatedSignIns.set(key, signIns);

  const oidc = new Set(r.scopes.oidc);
  // [U] `scope` echoes the resource scopes as requested plus the OIDC scopes granted.
  const resourceScopes = r.scopes.raw.filter((s) => !oidc.has(s.toLowerCase()));
  const response: TokenResponse = {
    token_type: 'Bearer',
    scope: [...resourceScopes, ...oidc].join(' '),
    expires_in: minted.expiresIn,
    ext_expires_in: minted.expiresIn,
    access_token: minted.token,
    client_info: clientInfo(r.tenant, r.user),
  };
  if (oidc.has('openid')) {
    response.id_token = await mintIdToken(ctx, {
      tenant: r.tenant,
      user: r.user,
      clientId: r.clientId,
      nonce: r.nonce,
      email: oidc.has('email'),
    });
  }
  if (oidc.has('offline_access')) {
    const refreshToken = `1.${randomBytes(48).toString('base64url')}`;
    const expiresAt =
      r.refreshExpiresAt ?? ctx.now() + (r.spa ? SPA_REFRESH_LIFETIME_MS : REFRESH_LIFETIME_MS);
    state.refreshTokens.set(refreshToken, {
      clientId: r.clientId,
      tenantId: r.tenant.id,
      userId: r.user.id,
      scopes: r.scopes.raw,
      spa: r.spa,
      expiresAt,
    });
    response.refresh_token = refreshToken;
    if (r.spa) response.refresh_token_expires_in = Math.floor((expiresAt - ctx.now()) / 1000);
  }
  return response;
}
