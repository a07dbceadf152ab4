// `grant_type=client_credentials`: app-only tokens. Graph gets v1 tokens with the service
// principal's granted roles; an app's own API (`{appId}/.default`) gets a v2 app token.
import type { Request } from 'express';
import type { EmulatorContext } from '../context.js';
import type { Tenant } from '../world/types.js';
import { mintApiAppToken, mintGraphAppToken } from './access-tokens.js';
import { authenticateClient, presentedCredentials } from './client-authentication.js';
import { Aadsts } from './errors.js';
import { parseScopes, splitScopes } from './scopes.js';
import type { TokenResponse } from './token-response.js';

/** Handles a client-credentials request for a resolved tenant. */
export async function clientCredentialsGrant(
  ctx: EmulatorContext,
  req: Request,
  tenant: Tenant,
  tenantSegment: string,
): Promise<TokenResponse> {
  const presented = presentedCredentials(req);
  if (!presented.clientId) throw Aadsts.missingParameter('client_id');
  const body = (req.body ?? {}) as Record<string, unknown>;
  const scope = typeof body.scope === 'string' ? body.scope : undefined;
  if (!scope) throw Aadsts.missingParameter('scope');

  const app = ctx.world.findApp(presented.clientId);
  const sp = app && ctx.world.servicePrincipal(tenant, app.appId);
  if (!app || !sp) throw Aadsts.appNotFound(presented.clientId, tenant.displayName);
  if (app.disabled) throw Aadsts.appDisabled(app.appId, app.displayName);
  const acr = await authenticateClient(ctx, {
    app,
    presented,
    tenant,
    tenantSegment,
    grantType: 'client_credentials',
  });

  const scopes = splitScopes(scope);
  // Client credentials take exactly one `{resource}/.default` (graph-facts §1.2).
  const bad = scopes.find((s) => !s.endsWith('/.default'));
  if (bad !== undefined) throw Aadsts.scopeNotDefault(bad);
  const parsed = parseScopes(ctx.world, scope);
  if (scopes.length !== 1) throw Aadsts.invalidScope(scope);

  const minted =
    parsed.resource.kind === 'graph'
      ? await mintGraphAppToken(ctx, { tenant, app, sp, acr })
      : await mintApiAppToken(ctx, { tenant, client: app, sp, api: parsed.resource.app, acr });
  return {
    token_type: 'Bearer',
    expires_in: minted.expiresIn,
    ext_expires_in: minted.expiresIn,
    access_token: minted.token,
  };
}
