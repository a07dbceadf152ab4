// Per-tenant remote JWKS, fetched through Quorum's own transport and kept in a bounded cache.
import { createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import type { Fetch } from '../../net/fetch.js';

export interface JwksCacheOptions {
  /** Entra authority host, no trailing slash. */
  readonly authorityHost: string;
  readonly fetch: Fetch;
  /** Most tenants whose key sets are kept; the least recently used is dropped beyond it. */
  readonly maxTenants?: number;
  /** Milliseconds to wait for a key set. */
  readonly timeoutMs?: number;
}

/** The authority has no key set for the tenant (it does not exist there). */
export class TenantKeysNotFound extends Error {
  override readonly name = 'TenantKeysNotFound';
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`No signing keys at ${url} (HTTP ${status})`);
  }
}

/** Resolves the key set for a tenant id (already checked to be a GUID). */
export type JwksForTenant = (tenantId: string) => JWTVerifyGetKey;

/** `GET {authority}/{tid}/discovery/v2.0/keys`, one jose remote key set per tenant, LRU-bounded. */
export function createJwksCache(options: JwksCacheOptions): JwksForTenant {
  const max = options.maxTenants ?? 1000;
  const sets = new Map<string, JWTVerifyGetKey>();
  // Entra answers 400 for a tenant it does not know: no keys exist, so no token of it can verify,
  // and the tenant leaves the cache rather than pushing real tenants out of it.
  const fetchFor =
    (tenantId: string) =>
    async (url: string, init: RequestInit): Promise<Response> => {
      const response = await options.fetch(url, init);
      if (response.status === 400 || response.status === 404) {
        sets.delete(tenantId);
        await response.body?.cancel();
        throw new TenantKeysNotFound(url, response.status);
      }
      return response;
    };
  return (tenantId) => {
    const hit = sets.get(tenantId);
    if (hit) {
      sets.delete(tenantId);
      sets.set(tenantId, hit);
      return hit;
    }
    const url = new URL(`${options.authorityHost}/${tenantId}/discovery/v2.0/keys`);
    const set = createRemoteJWKSet(url, {
      timeoutDuration: options.timeoutMs ?? 5000,
      [customFetch]: fetchFor(tenantId),
    });
    sets.set(tenantId, set);
    if (sets.size > max) sets.delete(sets.keys().next().value!);
    return set;
  };
}
