// The global tenantId → orgId index: a tenant belongs to exactly one org.
import { TenantTakenError } from './errors.js';
import { JsonDocumentFile } from './json-document-file.js';
import { dict, hasKey, type Dict } from './json-value.js';
import { assertKey, assertOrgId, tenantsFile } from './layout.js';
import type { WriteScheduler } from './write-scheduler.js';

interface TenantsData {
  tenants: Dict<string>;
}

export class TenantIndex {
  readonly #file: JsonDocumentFile<TenantsData>;

  constructor(dataDir: string, scheduler: WriteScheduler) {
    this.#file = new JsonDocumentFile(tenantsFile(dataDir), scheduler, {
      defaults: () => ({ tenants: dict() }),
      normalize: (parsed) => {
        const tenants = (parsed as { tenants?: unknown } | null)?.tenants;
        if (typeof tenants !== 'object' || tenants === null || Array.isArray(tenants)) {
          throw new TypeError('tenants must be an object');
        }
        return { tenants: dict(tenants as Dict<string>) };
      },
    });
  }

  load(): Promise<void> {
    return this.#file.load();
  }

  link(tenantId: string, orgId: string): void {
    assertKey('tenant id', tenantId);
    assertOrgId(orgId);
    const { tenants } = this.#file.data;
    if (hasKey(tenants, tenantId)) {
      if (tenants[tenantId] === orgId) return;
      throw new TenantTakenError(tenantId);
    }
    tenants[tenantId] = orgId;
    this.#file.changed();
  }

  unlink(tenantId: string, orgId: string): boolean {
    assertKey('tenant id', tenantId);
    assertOrgId(orgId);
    const { tenants } = this.#file.data;
    if (!hasKey(tenants, tenantId) || tenants[tenantId] !== orgId) return false;
    delete tenants[tenantId];
    this.#file.changed();
    return true;
  }

  find(tenantId: string): string | undefined {
    assertKey('tenant id', tenantId);
    const { tenants } = this.#file.data;
    return hasKey(tenants, tenantId) ? tenants[tenantId] : undefined;
  }

  list(orgId: string): string[] {
    assertOrgId(orgId);
    return Object.entries(this.#file.data.tenants)
      .filter(([, owner]) => owner === orgId)
      .map(([tenantId]) => tenantId)
      .sort();
  }

  unlinkOrg(orgId: string): void {
    for (const tenantId of this.list(orgId)) this.unlink(tenantId, orgId);
  }
}
