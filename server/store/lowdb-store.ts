// The lowdb implementation of `Store`: JSON files under the data directory (layout in layout.ts).
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import path from 'node:path';
import { assertAuditPageLimit, buildAuditEntry, isAuditBefore } from './audit-entry.js';
import { StoreClosedError } from './errors.js';
import { JsonDocumentFile } from './json-document-file.js';
import { dict, hasKey, toStoredValue, type Dict } from './json-value.js';
import { Keyring } from './keyring.js';
import { SYSTEM_SCOPE, assertKey, orgScope, systemSecretsFile } from './layout.js';
import { OrgRegistry } from './org-registry.js';
import type { OrgState, SecretsData } from './org-state.js';
import { SecretVault } from './secret-vault.js';
import { acquireStoreLock, type StoreLock } from './store-lock.js';
import type {
  AuditEntry,
  AuditInput,
  AuditPage,
  ListAuditOptions,
  Store,
  StoreStats,
  StoredRecord,
} from './store.js';
import { TenantIndex } from './tenant-index.js';
import { WriteScheduler } from './write-scheduler.js';

export interface LowdbStoreOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/keyring.json`. */
  keyringFile?: string | undefined;
  /** `QUORUM_SECRET_KEY`, as read by the config module. */
  secretKey?: string | undefined;
  /** Shard files for the members of a new org (existing orgs keep theirs). Default 64. */
  memberShards?: number;
  /** Default 25 ms. */
  coalesceMs?: number;
  /**
   * The coalescing window of bulk member writes (`putMembers` of more than one record: directory
   * sync, sweeps). Default 5 s: a sweep changes members in every shard many times a second, and
   * each rewrite serializes a whole shard. Single-member changes keep `coalesceMs`; `flush()` and
   * `close()` write everything at once.
   */
  bulkMemberCoalesceMs?: number;
  /** Default 4. */
  writeConcurrency?: number;
  /** Audit file size that starts a new file. Default 10 MiB. */
  auditMaxBytes?: number;
  now?: () => Date;
  randomBytes?: (size: number) => Buffer;
  /** Told about background write failures (which are retried, and rethrown by `flush()`). */
  onWriteError?: (error: unknown) => void;
}

export const DEFAULT_MEMBER_SHARDS = 64;
export const DEFAULT_BULK_MEMBER_COALESCE_MS = 5000;

/** Opens (creating if needed) the store in `dataDir`, taking its lock and its keyring. */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const dataDir = path.resolve(options.dataDir);
  const random = options.randomBytes ?? nodeRandomBytes;
  const lock = await acquireStoreLock(dataDir);
  try {
    const keyring = await Keyring.open({
      keyringFile: options.keyringFile ?? path.join(dataDir, 'keyring.json'),
      secretKey: options.secretKey,
      randomBytes: random,
    });
    const store = new LowdbStore(dataDir, keyring, lock, options, random);
    await store.load();
    return store;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

class LowdbStore implements Store {
  readonly #lock: StoreLock;
  readonly #scheduler: WriteScheduler;
  readonly #tenants: TenantIndex;
  readonly #vault: SecretVault;
  readonly #systemSecrets: JsonDocumentFile<SecretsData>;
  readonly #orgs: OrgRegistry;
  readonly #now: () => Date;
  #closed = false;

  constructor(
    dataDir: string,
    keyring: Keyring,
    lock: StoreLock,
    options: LowdbStoreOptions,
    random: (size: number) => Buffer,
  ) {
    this.#lock = lock;
    this.#now = options.now ?? (() => new Date());
    const memberShards = options.memberShards ?? DEFAULT_MEMBER_SHARDS;
    if (!Number.isInteger(memberShards) || memberShards < 1) {
      throw new TypeError('memberShards must be a positive integer');
    }
    this.#scheduler = new WriteScheduler({
      coalesceMs: options.coalesceMs ?? 25,
      concurrency: options.writeConcurrency ?? 4,
      retryMs: 1000,
      onError: options.onWriteError,
    });
    this.#orgs = new OrgRegistry({
      dataDir,
      memberShards,
      bulkMemberCoalesceMs: options.bulkMemberCoalesceMs ?? DEFAULT_BULK_MEMBER_COALESCE_MS,
      auditMaxBytes: options.auditMaxBytes ?? 10 * 1024 * 1024,
      scheduler: this.#scheduler,
    });
    this.#tenants = new TenantIndex(dataDir, this.#scheduler);
    this.#vault = new SecretVault(keyring, random);
    this.#systemSecrets = new JsonDocumentFile(systemSecretsFile(dataDir), this.#scheduler, {
      defaults: () => ({ secrets: dict() }),
      normalize: (parsed) => ({ secrets: dict(objectField(parsed, 'secrets')) }),
      mode: 0o600,
    });
  }

  async load(): Promise<void> {
    await Promise.all([this.#tenants.load(), this.#systemSecrets.load()]);
  }

  // Orgs

  async listOrgIds(): Promise<string[]> {
    this.#open();
    return this.#orgs.list();
  }

  async hasOrg(orgId: string): Promise<boolean> {
    this.#open();
    return this.#orgs.has(orgId);
  }

  async deleteOrg(orgId: string): Promise<void> {
    this.#open();
    await this.#orgs.delete(orgId);
    this.#tenants.unlinkOrg(orgId);
  }

  // Org documents

  async getOrgDoc<T>(orgId: string, key: string): Promise<Readonly<T> | undefined> {
    assertKey('document key', key);
    const { docs } = (await this.#org(orgId)).org.data;
    return hasKey(docs, key) ? (docs[key] as T) : undefined;
  }

  async putOrgDoc<T>(orgId: string, key: string, value: T): Promise<void> {
    await this.updateOrgDoc<T>(orgId, key, () => value);
  }

  async updateOrgDoc<T>(
    orgId: string,
    key: string,
    fn: (current: Readonly<T> | undefined) => T,
  ): Promise<Readonly<T>> {
    assertKey('document key', key);
    const state = await this.#org(orgId);
    const { docs } = state.org.data;
    const next = toStoredValue(fn(hasKey(docs, key) ? (docs[key] as T) : undefined));
    docs[key] = next;
    this.#changed(orgId, state.org);
    return next;
  }

  async deleteOrgDoc(orgId: string, key: string): Promise<boolean> {
    assertKey('document key', key);
    const state = await this.#org(orgId);
    if (!hasKey(state.org.data.docs, key)) return false;
    delete state.org.data.docs[key];
    this.#changed(orgId, state.org);
    return true;
  }

  async listOrgDocKeys(orgId: string): Promise<string[]> {
    return Object.keys((await this.#org(orgId)).org.data.docs);
  }

  // Members

  async getMember<T extends StoredRecord>(
    orgId: string,
    id: string,
  ): Promise<Readonly<T> | undefined> {
    return (await (await this.#org(orgId)).members.get(id)) as T | undefined;
  }

  async putMember<T extends StoredRecord>(orgId: string, record: T): Promise<Readonly<T>> {
    return (await this.putMembers(orgId, [record]))[0]!;
  }

  async putMembers<T extends StoredRecord>(
    orgId: string,
    records: readonly T[],
  ): Promise<Readonly<T>[]> {
    const stored = await (await this.#org(orgId)).members.put(records);
    this.#orgs.touch(orgId);
    return stored as T[];
  }

  async updateMember<T extends StoredRecord>(
    orgId: string,
    id: string,
    fn: (current: Readonly<T> | undefined) => T | undefined,
  ): Promise<Readonly<T> | undefined> {
    const updated = await (await this.#org(orgId)).members.update<T>(id, fn);
    this.#orgs.touch(orgId);
    return updated;
  }

  async deleteMember(orgId: string, id: string): Promise<boolean> {
    return (await this.#org(orgId)).members.delete(id);
  }

  async listMembers<T extends StoredRecord>(orgId: string): Promise<Readonly<T>[]> {
    return (await (await this.#org(orgId)).members.list()) as T[];
  }

  async countMembers(orgId: string): Promise<number> {
    return (await this.#org(orgId)).members.count();
  }

  // Tenant index

  async linkTenant(tenantId: string, orgId: string): Promise<void> {
    this.#open();
    this.#tenants.link(tenantId, orgId);
  }

  async unlinkTenant(tenantId: string, orgId: string): Promise<boolean> {
    this.#open();
    return this.#tenants.unlink(tenantId, orgId);
  }

  async findOrgByTenant(tenantId: string): Promise<string | undefined> {
    this.#open();
    return this.#tenants.find(tenantId);
  }

  async listTenantIds(orgId: string): Promise<string[]> {
    this.#open();
    return this.#tenants.list(orgId);
  }

  // Secrets

  async putSecret(orgId: string, name: string, plaintext: string): Promise<void> {
    const state = await this.#org(orgId);
    this.#vault.put(await state.secretsLoaded(), orgScope(orgId), name, plaintext);
    this.#orgs.touch(orgId);
  }

  async readSecret(orgId: string, name: string): Promise<string | undefined> {
    const state = await this.#org(orgId);
    return this.#vault.read(await state.secretsLoaded(), orgScope(orgId), name);
  }

  async deleteSecret(orgId: string, name: string): Promise<boolean> {
    const state = await this.#org(orgId);
    return this.#vault.delete(await state.secretsLoaded(), name);
  }

  async listSecretNames(orgId: string): Promise<string[]> {
    const state = await this.#org(orgId);
    return this.#vault.names(await state.secretsLoaded());
  }

  async putSystemSecret(name: string, plaintext: string): Promise<void> {
    this.#open();
    this.#vault.put(this.#systemSecrets, SYSTEM_SCOPE, name, plaintext);
  }

  async readSystemSecret(name: string): Promise<string | undefined> {
    this.#open();
    return this.#vault.read(this.#systemSecrets, SYSTEM_SCOPE, name);
  }

  async deleteSystemSecret(name: string): Promise<boolean> {
    this.#open();
    return this.#vault.delete(this.#systemSecrets, name);
  }

  // Audit

  async appendAudit<D>(orgId: string, input: AuditInput<D>): Promise<AuditEntry<D>> {
    const state = await this.#org(orgId);
    const stored = buildAuditEntry(orgId, input, this.#now);
    state.audit.append(stored);
    this.#orgs.touch(orgId);
    return stored;
  }

  async listAudit<D = unknown>(orgId: string, options: ListAuditOptions): Promise<AuditPage<D>> {
    const { limit, before } = options;
    assertAuditPageLimit(limit);
    const state = await this.#org(orgId);
    const { values, next } = await state.audit.read(limit, before);
    const entries = values as AuditEntry<D>[];
    return next === undefined ? { entries } : { entries, next };
  }

  async purgeAudit(orgId: string, options: { before: Date }): Promise<number> {
    const cutoff = options.before.getTime();
    const state = await this.#org(orgId);
    return state.audit.purge((newest) => isAuditBefore(newest, cutoff));
  }

  // Lifecycle

  async flush(): Promise<void> {
    this.#open();
    await this.#scheduler.flushAll();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#scheduler.flushAll();
    this.#closed = true;
    this.#scheduler.stop();
    await this.#lock.release();
  }

  stats(): StoreStats {
    return { writes: this.#scheduler.writes, pendingFiles: this.#scheduler.pending };
  }

  #open(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  #org(orgId: string): Promise<OrgState> {
    this.#open();
    return this.#orgs.get(orgId);
  }

  #changed(orgId: string, file: { changed(): void }): void {
    this.#orgs.touch(orgId);
    file.changed();
  }
}

function objectField<T>(parsed: unknown, field: string): Dict<T> {
  const value = (parsed as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${field} must be an object`);
  }
  return value as Dict<T>;
}
