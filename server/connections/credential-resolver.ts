// Which app credential reaches Graph in a tenant: tenant → org → connection → credential. Resolved
// credentials are cached per tenant; every connection change goes through the connection service,
// which forgets the tenant's entry.
import type { OrgRepository } from '../domain/org-repository.js';
import type { AppCredential } from '../microsoft/identity/index.js';
import type { Store } from '../store/index.js';
import { appCredentialOf } from './credentials.js';
import { ConnectionUnavailableError } from './errors.js';

export interface CredentialResolverOptions {
  store: Store;
  orgs: OrgRepository;
  platformCredential: AppCredential;
}

export class CredentialResolver {
  readonly #cache = new Map<string, Promise<AppCredential>>();

  constructor(private readonly options: CredentialResolverOptions) {}

  /**
   * The credential for Graph calls in `tenantId`. Throws `ConnectionUnavailableError` when no org
   * holds the tenant, it has no connection, or the connection is disabled.
   */
  credentialFor(tenantId: string): Promise<AppCredential> {
    const tid = tenantId.toLowerCase();
    let cached = this.#cache.get(tid);
    if (!cached) {
      cached = this.resolve(tid);
      this.#cache.set(tid, cached);
      // Refusals are not cached: the next call should see an admin's enable at once.
      cached.catch(() => {
        if (this.#cache.get(tid) === cached) this.#cache.delete(tid);
      });
    }
    return cached;
  }

  /** Drops the cached credential of a tenant (the connection changed). */
  forget(tenantId: string): void {
    this.#cache.delete(tenantId.toLowerCase());
  }

  private async resolve(tid: string): Promise<AppCredential> {
    const { store, orgs, platformCredential } = this.options;
    const org = await orgs.findByTenant(tid);
    const connection = org ? await orgs.findConnectionByTenant(org.id, tid) : undefined;
    if (!connection) throw new ConnectionUnavailableError('ERR_CONNECTION_MISSING', tid);
    if (!connection.enabled) {
      throw new ConnectionUnavailableError('ERR_CONNECTION_DISABLED', tid, connection.id);
    }
    return appCredentialOf(store, connection.orgId, connection.credential, platformCredential);
  }
}
