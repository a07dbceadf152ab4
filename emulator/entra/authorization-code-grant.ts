// `grant_type=authorization_code`: redeems a one-time code bound to client, redirect URI, PKCE
// challenge, scopes and user. Web redirects need a client credential; SPA redirects need CORS.
import type { Request } from 'express';
import type { EmulatorContext } from '../context.js';
import { authenticateClient, presentedCredentials } from './client-authentication.js';
import { Aadsts } from './errors.js';
import { pkceMatches } from './pkce.js';
import { entraState } from './state.js';
import type { TenantPath } from './tenant-path.js';
import type { TokenResponse } from './token-response.js';
import { issueUserTokens } from './user-tokens.js';
import type { ClientAuthMethod } from './access-tokens.js';

function text(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export async function authorizationCodeGrant(
  ctx: EmulatorContext,
  req: Request,
  path: TenantPath,
  segment: string,
): Promise<TokenResponse> {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const presented = presentedCredentials(req);
  if (!presented.clientId) throw Aadsts.missingParameter('client_id');
  const codeValue = text(body, 'code');
  if (!codeValue) throw Aadsts.missingParameter('code');
  const redirectUri = text(body, 'redirect_uri');
  if (!redirectUri) throw Aadsts.missingParameter('redirect_uri');

  const codes = entraState(ctx).codes;
  const code = codes.get(codeValue);
  if (!code || code.clientId !== presented.clientId.toLowerCase()) throw Aadsts.invalidCode();
  if (path.kind === 'tenant' && path.tenant.id !== code.tenantId) throw Aadsts.invalidCode();
  if (code.redeemed) throw Aadsts.codeRedeemed();
  if (code.expiresAt <= ctx.now()) throw Aadsts.codeExpired();
  if (code.redirectUri !== redirectUri) throw Aadsts.redirectMismatchAtToken();

  const app = ctx.world.findApp(code.clientId);
  const tenant = ctx.world.findTenant(code.tenantId);
  const user = tenant && ctx.world.findUser(tenant, code.userId);
  if (!app || !tenant || !user) throw Aadsts.invalidCode();
  if (app.disabled) throw Aadsts.appDisabled(app.appId, app.displayName);

  let acr: ClientAuthMethod = '0';
  if (code.spa) {
    if (!req.get('origin')) throw Aadsts.spaCrossOriginOnly();
  } else {
    acr = await authenticateClient(ctx, {
      app,
      presented,
      tenant: path.kind === 'tenant' ? path.tenant : tenant,
      tenantSegment: segment,
      grantType: 'authorization_code',
    });
  }

  if (code.codeChallenge) {
    const verifier = text(body, 'code_verifier');
    if (!verifier) throw Aadsts.pkceMissingVerifier();
    if (!pkceMatches(verifier, code.codeChallenge, code.codeChallengeMethod ?? 'plain')) {
      throw Aadsts.pkceMismatch();
    }
  }
  code.redeemed = true;

  return issueUserTokens(ctx, {
    tenant,
    user,
    clientId: app.appId,
    acr,
    scopes: code.scopes,
    nonce: code.nonce,
    spa: code.spa,
  });
}
