// `grant_type=refresh_token`: redeems a refresh token for any resource the client may call.
// [U] Microsoft keeps a used refresh token valid; the emulator revokes it on use (strict rotation),
// so a client that forgets to store the new one fails here rather than months later in production.
import type { Request } from 'express';
import type { EmulatorContext } from '../context.js';
import type { ClientAuthMethod } from './access-tokens.js';
import { authenticateClient, presentedCredentials } from './client-authentication.js';
import { Aadsts } from './errors.js';
import { parseScopes, splitScopes } from './scopes.js';
import { entraState } from './state.js';
import type { TenantPath } from './tenant-path.js';
import type { TokenResponse } from './token-response.js';
import { issueUserTokens } from './user-tokens.js';

export async function refreshTokenGrant(
  ctx: EmulatorContext,
  req: Request,
  path: TenantPath,
  segment: string,
): Promise<TokenResponse> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const presented = presentedCredentials(req);
  if (!presented.clientId) throw Aadsts.missingParameter('client_id');
  const value = typeof body.refresh_token === 'string' ? body.refresh_token : '';
  if (!value) throw Aadsts.missingParameter('refresh_token');

  const store = entraState(ctx).refreshTokens;
  const grant = store.get(value);
  if (!grant || grant.clientId !== presented.clientId.toLowerCase()) {
    throw Aadsts.invalidRefreshToken();
  }
  if (path.kind === 'tenant' && path.tenant.id !== grant.tenantId)
    throw Aadsts.invalidRefreshToken();
  if (grant.expiresAt <= ctx.now()) {
    store.delete(value);
    throw Aadsts.codeExpired();
  }
  const app = ctx.world.findApp(grant.clientId);
  const tenant = ctx.world.findTenant(grant.tenantId);
  const user = tenant && ctx.world.findUser(tenant, grant.userId);
  if (!app || !tenant) throw Aadsts.invalidRefreshToken();
  if (!user) throw Aadsts.invalidRefreshToken();
  if (app.disabled) throw Aadsts.appDisabled(app.appId, app.displayName);

  let acr: ClientAuthMethod = '0';
  if (grant.spa) {
    if (!req.get('origin')) throw Aadsts.spaCrossOriginOnly();
  } else {
    acr = await authenticateClient(ctx, {
      app,
      presented,
      tenant,
      tenantSegment: segment,
      grantType: 'refresh_token',
    });
  }

  const requested = typeof body.scope === 'string' && body.scope.trim() ? body.scope : undefined;
  const scopes = parseScopes(ctx.world, requested ?? grant.scopes.join(' '));
  // A refresh keeps offline_access (and the OIDC scopes) of the original sign-in.
  for (const s of splitScopes(grant.scopes.join(' '))) {
    if (['openid', 'profile', 'email', 'offline_access'].includes(s) && !scopes.oidc.includes(s)) {
      scopes.oidc.push(s);
    }
  }
  store.delete(value);
  return issueUserTokens(ctx, {
    tenant,
    user,
    clientId: app.appId,
    acr,
    scopes,
    spa: grant.spa,
    refreshExpiresAt: grant.spa ? grant.expiresAt : undefined,
  });
}
