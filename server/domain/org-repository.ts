// Organizations and their tenant connections on top of the Store: one org document, one document
// per tenant connection, and the global tenant → org index (a tenant belongs to one org).
import type { Store } from '../store/index.js';
import { newId } from './ids.js';
import {
  DEFAULT_ORG_SETTINGS,
  type Organization,
  type OrgSettings,
  type TenantConnection,
} from './types.js';

const ORG_KEY = 'org';
const CONNECTION_PREFIX = 'connection:';

export class OrgRepository {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(orgId: string): Promise<Readonly<Organization> | undefined> {
    return this.store.getOrgDoc<Organization>(orgId, ORG_KEY);
  }

  /** Creates an org with default settings. */
  async create(name: string, settings: Partial<OrgSettings> = {}): Promise<Organization> {
    const org: Organization = {
      id: newId(),
      name,
      createdAt: this.now().toISOString(),
      settings: { ...DEFAULT_ORG_SETTINGS, ...settings },
    };
    await this.store.putOrgDoc(org.id, ORG_KEY, org);
    return org;
  }

  async updateSettings(
    orgId: string,
    patch: Partial<OrgSettings>,
  ): Promise<Readonly<Organization>> {
    return this.store.updateOrgDoc<Organization>(orgId, ORG_KEY, (current) => {
      if (!current) throw new Error(`org ${orgId} does not exist`);
      return { ...current, settings: { ...current.settings, ...patch } };
    });
  }

  async rename(orgId: string, name: string): Promise<Readonly<Organization>> {
    return this.store.updateOrgDoc<Organization>(orgId, ORG_KEY, (current) => {
      if (!current) throw new Error(`org ${orgId} does not exist`);
      return { ...current, name };
    });
  }

  /** The org a tenant belongs to, if any. */
  async findByTenant(tenantId: string): Promise<Readonly<Organization> | undefined> {
    const orgId = await this.store.findOrgByTenant(tenantId.toLowerCase());
    return orgId ? this.get(orgId) : undefined;
  }

  async listConnections(orgId: string): Promise<Readonly<TenantConnection>[]> {
    const keys = (await this.store.listOrgDocKeys(orgId)).filter((k) =>
      k.startsWith(CONNECTION_PREFIX),
    );
    const docs = await Promise.all(
      keys.map((k) => this.store.getOrgDoc<TenantConnection>(orgId, k)),
    );
    return docs
      .filter((d): d is Readonly<TenantConnection> => d !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async getConnection(
    orgId: string,
    connectionId: string,
  ): Promise<Readonly<TenantConnection> | undefined> {
    return this.store.getOrgDoc<TenantConnection>(orgId, CONNECTION_PREFIX + connectionId);
  }

  /** The org's connection for a tenant, if any. */
  async findConnectionByTenant(
    orgId: string,
    tenantId: string,
  ): Promise<Readonly<TenantConnection> | undefined> {
    const tid = tenantId.toLowerCase();
    return (await this.listConnections(orgId)).find((c) => c.tenantId === tid);
  }

  /**
   * Saves the connection and links its tenant to the org (`ERR_STORE_TENANT_TAKEN` if another org has
   * it). `linkTenant: false` saves an unproven connection (bring-your-own, before verification)
   * without claiming its tenant.
   */
  async putConnection(
    connection: TenantConnection,
    options: { linkTenant?: boolean } = {},
  ): Promise<void> {
    if (options.linkTenant ?? true)
      await this.store.linkTenant(connection.tenantId, connection.orgId);
    await this.store.putOrgDoc(connection.orgId, CONNECTION_PREFIX + connection.id, connection);
  }

  async updateConnection(
    orgId: string,
    connectionId: string,
    fn: (current: Readonly<TenantConnection>) => TenantConnection,
  ): Promise<Readonly<TenantConnection>> {
    return this.store.updateOrgDoc<TenantConnection>(
      orgId,
      CONNECTION_PREFIX + connectionId,
      (current) => {
        if (!current) throw new Error(`connection ${connectionId} does not exist in org ${orgId}`);
        return fn(current);
      },
    );
  }

  /** Removes the connection document; the tenant stays linked unless `unlinkTenant`. */
  async deleteConnection(
    orgId: string,
    connectionId: string,
    unlinkTenant: boolean,
  ): Promise<void> {
    const connection = await this.getConnection(orgId, connectionId);
    await this.store.deleteOrgDoc(orgId, CONNECTION_PREFIX + connectionId);
    if (connection && unlinkTenant) await this.store.unlinkTenant(connection.tenantId, orgId);
  }
}
