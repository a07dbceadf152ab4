// OpenID Connect discovery (`/{tenant}/v2.0/.well-known/openid-configuration`) and the JWKS
// (`/{tenant}/discovery/v2.0/keys`), shaped like login.microsoftonline.com's.
import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context.js';
import { sendAadsts, type AadstsError } from './aadsts.js';
import { resolveTenantPath } from './tenant-path.js';

/** The v2 discovery document for a tenant segment (tenant GUID in URLs when the tenant is known). */
export function openIdConfiguration(
  ctx: EmulatorContext,
  segment: string,
): Record<string, unknown> {
  const resolved = resolveTenantPath(ctx, segment);
  // Like Microsoft, a domain resolves to the tenant GUID; the aliases keep their name in URLs and
  // publish the issuer template `{tenantid}`.
  const path = resolved.kind === 'tenant' ? resolved.tenant.id : resolved.kind;
  const issuerTenant = resolved.kind === 'tenant' ? resolved.tenant.id : '{tenantid}';
  const base = `${ctx.loginUrl}/${path}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      'client_secret_post',
      'private_key_jwt',
      'client_secret_basic',
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${ctx.loginUrl}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.graphUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'cloud_instance_host_name',
      'cloud_graph_host_name',
      'msgraph_host',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: new URL(ctx.graphUrl).host,
    rbac_url: 'https://pas.windows.net',
  };
}

function handle(ctx: EmulatorContext, fn: (req: Request) => unknown) {
  return (req: Request, res: Response) => {
    try {
      res.set('Access-Control-Allow-Origin', '*').json(fn(req));
    } catch (err) {
      if ((err as Error).name !== 'AadstsError') throw err;
      sendAadsts(req, res, err as AadstsError, ctx);
    }
  };
}

/** Discovery and key routes for every tenant segment. */
export function createDiscoveryRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.get(
    '/:tenant/v2.0/.well-known/openid-configuration',
    handle(ctx, (req) => openIdConfiguration(ctx, String(req.params.tenant))),
  );
  // The key set is the same for every tenant (as at Microsoft); unknown tenants still get 90002.
  const keys = handle(ctx, (req) => {
    resolveTenantPath(ctx, String(req.params.tenant));
    return ctx.keys.jwks();
  });
  router.get('/:tenant/discovery/v2.0/keys', keys);
  router.get('/:tenant/discovery/keys', keys);
  return router;
}
