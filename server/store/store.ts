// The `Store` contract the domain builds repositories on; lowdb implements it, PostgreSQL could.
//
// Shape, in brief (every org-scoped call takes `orgId` first; nothing lists across orgs except the
// calls marked "system"):
// - org documents: named JSON values per org (`'org'`, `'settings'`, `'tenantConnections'`, …).
// - members: `{ id, … }` records per org, sharded on disk; bulk `putMembers` for directory sync.
// - tenant index: tenantId → orgId, global, a tenant belongs to exactly one org.
// - secrets: plaintext goes in through `putSecret` and comes out only through `readSecret`; on disk
//   and in every other read it is an AES-256-GCM envelope, kept apart from documents.
// - audit: append-only, read newest first in pages.
// Values are JSON: what a read returns is a deep-frozen copy of what was written, exactly as it will
// read back after a restart; a copy shares the parts of an earlier stored value it was made from
// (see `toStoredValue`), so a record changed in one field costs one field's worth of memory.
// Writes apply in memory at once (reads see them) and reach the disk within the coalescing window
// (bulk member writes, which rewrite whole shards, within a longer one); `flush()` waits for the
// disk; `close()` flushes.

/** A record with a string id, as members are stored. */
export interface StoredRecord {
  id: string;
}

/** One audit entry as stored (DESIGN §3 `AuditEntry`). */
export interface AuditEntry<D = unknown> {
  at: string;
  orgId: string;
  actor: string;
  action: string;
  target: string;
  detail?: D;
}

/** What callers append; `at` defaults to the store's clock and `orgId` comes from the call. */
export type AuditInput<D = unknown> = Omit<AuditEntry<D>, 'at' | 'orgId'> & { at?: string };

export interface ListAuditOptions {
  /** 1…1000 entries. */
  limit: number;
  /** The `next` cursor of the previous page. */
  before?: string | undefined;
}

export interface AuditPage<D = unknown> {
  entries: AuditEntry<D>[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next?: string;
}

export interface StoreStats {
  /** Files written (document replaces and audit appends) since the store was opened. */
  writes: number;
  /** Files with changes not yet written. */
  pendingFiles: number;
}

export interface Store {
  // Orgs. An org exists once something has been written for it.
  /** System: every org id, for jobs that sweep all orgs. */
  listOrgIds(): Promise<string[]>;
  hasOrg(orgId: string): Promise<boolean>;
  /** Removes the org and everything under it (documents, members, secrets, audit) and its tenants. */
  deleteOrg(orgId: string): Promise<void>;

  // Org documents.
  getOrgDoc<T>(orgId: string, key: string): Promise<Readonly<T> | undefined>;
  putOrgDoc<T>(orgId: string, key: string, value: T): Promise<void>;
  /** Replaces the document with `fn(current)` atomically with respect to other store calls. */
  updateOrgDoc<T>(
    orgId: string,
    key: string,
    fn: (current: Readonly<T> | undefined) => T,
  ): Promise<Readonly<T>>;
  deleteOrgDoc(orgId: string, key: string): Promise<boolean>;
  listOrgDocKeys(orgId: string): Promise<string[]>;

  // Members.
  getMember<T extends StoredRecord>(orgId: string, id: string): Promise<Readonly<T> | undefined>;
  /** Upserts; returns the record as stored. */
  putMember<T extends StoredRecord>(orgId: string, record: T): Promise<Readonly<T>>;
  /**
   * Bulk upsert, paced so that 50,000 records never block the event loop in one go; returns the
   * records as stored, in order. Member changes (put, update, delete) apply in the order they are
   * called, whatever their size.
   */
  putMembers<T extends StoredRecord>(orgId: string, records: readonly T[]): Promise<Readonly<T>[]>;
  /** `fn` gets the current record; returning `undefined` leaves it unchanged. */
  updateMember<T extends StoredRecord>(
    orgId: string,
    id: string,
    fn: (current: Readonly<T> | undefined) => T | undefined,
  ): Promise<Readonly<T> | undefined>;
  deleteMember(orgId: string, id: string): Promise<boolean>;
  /** Every member of the org (order unspecified). */
  listMembers<T extends StoredRecord>(orgId: string): Promise<Readonly<T>[]>;
  countMembers(orgId: string): Promise<number>;

  // Tenant index.
  /** Links a tenant to an org; idempotent; `ERR_STORE_TENANT_TAKEN` if another org has it. */
  linkTenant(tenantId: string, orgId: string): Promise<void>;
  /** Unlinks the tenant if, and only if, it belongs to `orgId`. */
  unlinkTenant(tenantId: string, orgId: string): Promise<boolean>;
  findOrgByTenant(tenantId: string): Promise<string | undefined>;
  listTenantIds(orgId: string): Promise<string[]>;

  // Secrets (sensitive): the only calls that see plaintext.
  putSecret(orgId: string, name: string, plaintext: string): Promise<void>;
  /** Plaintext, or `undefined` if absent; `ERR_SECRET_TAMPERED` / `ERR_SECRET_KEY_UNKNOWN`. */
  readSecret(orgId: string, name: string): Promise<string | undefined>;
  deleteSecret(orgId: string, name: string): Promise<boolean>;
  listSecretNames(orgId: string): Promise<string[]>;
  /** System: secrets that belong to Quorum itself rather than to an org. */
  putSystemSecret(name: string, plaintext: string): Promise<void>;
  readSystemSecret(name: string): Promise<string | undefined>;
  deleteSystemSecret(name: string): Promise<boolean>;

  // Audit.
  appendAudit<D>(orgId: string, entry: AuditInput<D>): Promise<AuditEntry<D>>;
  /** Newest first. */
  listAudit<D = unknown>(orgId: string, options: ListAuditOptions): Promise<AuditPage<D>>;
  /** Deletes rotated audit files whose newest entry is older than `before`; returns how many. */
  purgeAudit(orgId: string, options: { before: Date }): Promise<number>;

  // Lifecycle.
  /** Resolves once every change made so far is on disk; rejects with `ERR_STORE_WRITE`. */
  flush(): Promise<void>;
  /** Flushes, then releases the data directory; later calls throw `ERR_STORE_CLOSED`. */
  close(): Promise<void>;
  stats(): StoreStats;
}
