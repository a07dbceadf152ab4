// Resolves the `{tenant}` path segment as login.microsoftonline.com does: a tenant GUID, any
// verified domain, or one of the multi-tenant aliases `organizations` and `common`.
import type { EmulatorContext } from '../context.js';
import type { Tenant } from '../world/types.js';
import { Aadsts } from './errors.js';

export type TenantPath = { kind: 'tenant'; tenant: Tenant } | { kind: 'organizations' | 'common' };

/** The tenant a path names, or AADSTS90002. `consumers` is not served: there are no personal accounts here. */
export function resolveTenantPath(ctx: EmulatorContext, segment: string): TenantPath {
  const key = segment.toLowerCase();
  if (key === 'organizations' || key === 'common') return { kind: key };
  const tenant = ctx.world.findTenant(key);
  if (!tenant) throw Aadsts.tenantNotFound(segment);
  return { kind: 'tenant', tenant };
}

/** The tenant-specific token endpoint URL, the `aud` a client assertion must carry. */
export function tokenEndpointUrl(ctx: EmulatorContext, tenantSegment: string): string {
  return `${ctx.loginUrl}/${tenantSegment}/oauth2/v2.0/token`;
}

/** The issuer of v2 tokens for a tenant. */
export function v2Issuer(ctx: EmulatorContext, tenantId: string): string {
  return `${ctx.loginUrl}/${tenantId}/v2.0`;
}

/** The issuer of v1 tokens (Graph tokens are v1) for a tenant. */
export function v1Issuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}
