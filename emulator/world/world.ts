// The in-memory world the emulator serves: lookups by the identifiers Microsoft accepts
// (tenant id or any verified domain; user id or UPN) and a change counter for directory delta.
import { randomUUID } from 'node:crypto';
import type {
  AppRegistration,
  Group,
  ScenarioData,
  ServicePrincipal,
  Tenant,
  User,
} from './types.js';

/** A directory change, kept so `/users/delta` can replay what happened since a token. */
export interface DirectoryChange {
  seq: number;
  tenantId: string;
  userId: string;
  kind: 'upsert' | 'removed';
  at: number;
}

interface UserIndex {
  /** `tenant.users.length` when built: pushes by other code make the index stale. */
  size: number;
  byIdOrUpn: Map<string, User>;
  byAddress: Map<string, User>;
}

export class World {
  readonly tenants = new Map<string, Tenant>();
  readonly apps = new Map<string, AppRegistration>();
  /** Monotonic sequence of directory changes across tenants (for delta tokens). */
  readonly directoryChanges: DirectoryChange[] = [];
  private seq = 0;
  /** Lookup indexes per tenant (50,000-user tenants make linear scans per request too slow). */
  private readonly indexes = new WeakMap<Tenant, UserIndex>();
  private readonly now: () => number;

  constructor(data: ScenarioData, now: () => number = Date.now) {
    this.now = now;
    for (const tenant of data.tenants) this.addTenant(tenant);
    for (const app of data.apps) this.apps.set(app.appId, app);
    for (const app of data.apps) this.ensureHomeServicePrincipal(app);
  }

  addTenant(tenant: Tenant): void {
    if (this.tenants.has(tenant.id)) throw new Error(`tenant ${tenant.id} is defined twice`);
    this.tenants.set(tenant.id, tenant);
  }

  /** The current directory change sequence number (a delta token encodes it). */
  get directorySeq(): number {
    return this.seq;
  }

  /** Finds a tenant by GUID or by any of its verified domains (case-insensitive), as login.microsoftonline.com does. */
  findTenant(idOrDomain: string): Tenant | undefined {
    const key = idOrDomain.toLowerCase();
    const byId = this.tenants.get(key);
    if (byId) return byId;
    for (const tenant of this.tenants.values()) {
      if (tenant.domains.some((d) => d.toLowerCase() === key)) return tenant;
    }
    return undefined;
  }

  /** Finds a live (not deleted) user by object id or UPN (case-insensitive). */
  findUser(tenant: Tenant, idOrUpn: string): User | undefined {
    const key = idOrUpn.toLowerCase();
    const hit = this.index(tenant).byIdOrUpn.get(key);
    if (hit && !hit.deleted && (hit.id === key || hit.userPrincipalName.toLowerCase() === key)) {
      return hit;
    }
    return tenant.users.find(
      (u) => !u.deleted && (u.id === key || u.userPrincipalName.toLowerCase() === key),
    );
  }

  /** Finds a live user by any SMTP address: mail, UPN or a proxy address. */
  findUserByAddress(tenant: Tenant, address: string): User | undefined {
    const key = address.toLowerCase();
    const matches = (u: User) =>
      !u.deleted &&
      (u.mail?.toLowerCase() === key ||
        u.userPrincipalName.toLowerCase() === key ||
        u.proxyAddresses.some((p) => p.toLowerCase() === `smtp:${key}`));
    const hit = this.index(tenant).byAddress.get(key);
    if (hit && matches(hit)) return hit;
    // A miss or a stale entry (a user edited in place) falls back to the scan.
    return tenant.users.find(matches);
  }

  private index(tenant: Tenant): UserIndex {
    let index = this.indexes.get(tenant);
    if (!index || index.size !== tenant.users.length) {
      index = { size: tenant.users.length, byIdOrUpn: new Map(), byAddress: new Map() };
      for (const u of tenant.users) {
        if (u.deleted) continue;
        index.byIdOrUpn.set(u.id, u);
        index.byIdOrUpn.set(u.userPrincipalName.toLowerCase(), u);
        index.byAddress.set(u.userPrincipalName.toLowerCase(), u);
        for (const p of u.proxyAddresses) {
          if (p.toLowerCase().startsWith('smtp:')) index.byAddress.set(p.slice(5).toLowerCase(), u);
        }
        if (u.mail) index.byAddress.set(u.mail.toLowerCase(), u);
      }
      this.indexes.set(tenant, index);
    }
    return index;
  }

  /** Finds a user in any tenant by SMTP address (cross-tenant free/busy and invitations). */
  findUserAnywhere(address: string): { tenant: Tenant; user: User } | undefined {
    for (const tenant of this.tenants.values()) {
      const user = this.findUserByAddress(tenant, address);
      if (user) return { tenant, user };
    }
    return undefined;
  }

  findGroup(tenant: Tenant, id: string): Group | undefined {
    return tenant.groups.find((g) => g.id === id.toLowerCase());
  }

  /** Registers an app (e.g. a customer's own single-tenant app) and its home-tenant service principal. */
  registerApp(app: AppRegistration): void {
    if (this.apps.has(app.appId)) throw new Error(`app ${app.appId} is registered twice`);
    this.apps.set(app.appId, app);
    this.ensureHomeServicePrincipal(app);
  }

  findApp(appId: string): AppRegistration | undefined {
    return this.apps.get(appId.toLowerCase());
  }

  servicePrincipal(tenant: Tenant, appId: string): ServicePrincipal | undefined {
    return tenant.servicePrincipals[appId.toLowerCase()];
  }

  /** Records admin consent: creates (or updates) the app's service principal with the app roles it asks for. */
  grantAdminConsent(
    tenant: Tenant,
    app: AppRegistration,
    roles = app.requiredAppRoles,
  ): ServicePrincipal {
    const existing = tenant.servicePrincipals[app.appId];
    const sp: ServicePrincipal = {
      id: existing?.id ?? randomUUID(),
      appId: app.appId,
      tenantId: tenant.id,
      grantedAppRoles: [...roles],
      delegatedConsent: true,
      createdAt: existing?.createdAt ?? new Date(this.now()).toISOString(),
    };
    tenant.servicePrincipals[app.appId] = sp;
    return sp;
  }

  /**
   * Records a user's consent to delegated Graph scopes. Like Entra, the first consent in a tenant
   * creates the app's service principal there, with no app roles: app-only tokens for that tenant
   * are then issued but carry no roles, so Graph still answers 403 to them.
   */
  grantUserConsent(tenant: Tenant, app: AppRegistration): ServicePrincipal {
    const existing = tenant.servicePrincipals[app.appId];
    if (existing) {
      existing.delegatedConsent = true;
      return existing;
    }
    const sp: ServicePrincipal = {
      id: randomUUID(),
      appId: app.appId,
      tenantId: tenant.id,
      grantedAppRoles: [],
      delegatedConsent: true,
      createdAt: new Date(this.now()).toISOString(),
    };
    tenant.servicePrincipals[app.appId] = sp;
    return sp;
  }

  /** Removes the app's service principal from the tenant (consent revoked / enterprise app deleted). */
  revokeConsent(tenant: Tenant, appId: string): boolean {
    const key = appId.toLowerCase();
    if (!tenant.servicePrincipals[key]) return false;
    delete tenant.servicePrincipals[key];
    return true;
  }

  /** Adds or replaces a user and records the change for delta queries. */
  upsertUser(tenant: Tenant, user: User): void {
    this.indexes.delete(tenant);
    const index = tenant.users.findIndex((u) => u.id === user.id);
    if (index >= 0) tenant.users[index] = user;
    else tenant.users.push(user);
    this.recordChange(tenant.id, user.id, user.deleted ? 'removed' : 'upsert');
  }

  /** Records that a user changed in place (call after mutating a user object). */
  touchUser(tenant: Tenant, user: User): void {
    this.indexes.delete(tenant);
    this.recordChange(tenant.id, user.id, user.deleted ? 'removed' : 'upsert');
  }

  private recordChange(tenantId: string, userId: string, kind: DirectoryChange['kind']): void {
    this.seq += 1;
    this.directoryChanges.push({ seq: this.seq, tenantId, userId, kind, at: this.now() });
  }

  private ensureHomeServicePrincipal(app: AppRegistration): void {
    const home = this.tenants.get(app.homeTenantId);
    if (home && !home.servicePrincipals[app.appId]) {
      home.servicePrincipals[app.appId] = {
        id: randomUUID(),
        appId: app.appId,
        tenantId: home.id,
        grantedAppRoles: [],
        delegatedConsent: false,
        createdAt: new Date(this.now()).toISOString(),
      };
    }
  }
}
