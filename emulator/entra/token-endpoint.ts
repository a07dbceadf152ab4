// `POST /{tenant}/oauth2/v2.0/token`: reads the form (query string and unknown keys ignored),
// applies injected faults, resolves the tenant and hands over to the grant's handler.
import express, { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { AadstsError, sendAadsts } from './aadsts.js';
import { authorizationCodeGrant } from './authorization-code-grant.js';
import { clientCredentialsGrant } from './client-credentials-grant.js';
import { Aadsts } from './errors.js';
import { refreshTokenGrant } from './refresh-token-grant.js';
import { resolveTenantPath } from './tenant-path.js';
import { takeTokenFault } from './token-faults.js';
import { sendTokenResponse, type TokenResponse } from './token-response.js';

async function tokenRequest(ctx: EmulatorContext, req: Request): Promise<TokenResponse> {
  const fault = takeTokenFault(ctx);
  if (fault) throw fault;
  const segment = String(req.params.tenant);
  const resolved = resolveTenantPath(ctx, segment);
  const body = (req.body ?? {}) as Record<string, unknown>;
  const grantType = typeof body.grant_type === 'string' ? body.grant_type : '';
  if (!grantType) throw Aadsts.missingParameter('grant_type');
  switch (grantType) {
    case 'client_credentials':
      if (resolved.kind !== 'tenant') throw Aadsts.tenantlessClientCredentials();
      return clientCredentialsGrant(ctx, req, resolved.tenant, segment);
    case 'authorization_code':
      return authorizationCodeGrant(ctx, req, resolved, segment);
    case 'refresh_token':
      return refreshTokenGrant(ctx, req, resolved, segment);
    default:
      throw Aadsts.unsupportedGrantType(grantType);
  }
}

/** The token endpoint route (v2, and the v1 path for clients still on it). */
export function createTokenRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const handler = async (req: Request, res: Response) => {
    // CORS: SPA redemption is cross-origin by definition; Entra answers with the caller's origin.
    const origin = req.get('origin');
    if (origin) res.set('Access-Control-Allow-Origin', origin);
    try {
      sendTokenResponse(res, await tokenRequest(ctx, req));
    } catch (err) {
      if (!(err instanceof AadstsError)) throw err;
      sendAadsts(req, res, err, ctx);
    }
  };
  const form = express.urlencoded({ extended: false, limit: '64kb' });
  router.post('/:tenant/oauth2/v2.0/token', form, handler);
  router.options('/:tenant/oauth2/v2.0/token', (req, res) => {
    res
      .set({
        'Access-Control-Allow-Origin': req.get('origin') ?? '*',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': req.get('access-control-request-headers') ?? 'content-type',
        'Access-Control-Max-Age': '86400',
      })
      .status(204)
      .end();
  });
  return router;
}
