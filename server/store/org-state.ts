// The files of one org, loaded lazily: org documents, member shards, secrets and the audit log.
import { AuditLog } from './audit-log.js';
import { JsonDocumentFile } from './json-document-file.js';
import { deepFreeze, dict, type Dict } from './json-value.js';
import { orgDir, orgFile, orgSecretsFile } from './layout.js';
import { MemberShards } from './member-shards.js';
import type { SecretEnvelope } from './secret-cipher.js';
import type { WriteScheduler } from './write-scheduler.js';

export interface OrgFileData {
  /** Fixed when the org is first written: changing it would move every member to another file. */
  memberShards: number;
  docs: Dict<unknown>;
}

export interface SecretsData {
  secrets: Dict<SecretEnvelope>;
}

export interface OrgStateOptions {
  dataDir: string;
  memberShards: number;
  bulkMemberCoalesceMs: number;
  auditMaxBytes: number;
  scheduler: WriteScheduler;
}

export class OrgState {
  readonly org: JsonDocumentFile<OrgFileData>;
  readonly secrets: JsonDocumentFile<SecretsData>;
  readonly audit: AuditLog;
  #members: MemberShards | undefined;
  readonly #options: OrgStateOptions;
  readonly #orgId: string;

  private constructor(orgId: string, options: OrgStateOptions) {
    this.#orgId = orgId;
    this.#options = options;
    const { dataDir, scheduler } = options;
    this.org = new JsonDocumentFile(orgFile(dataDir, orgId), scheduler, {
      defaults: () => ({ memberShards: options.memberShards, docs: dict() }),
      normalize: normalizeOrgFile,
    });
    this.secrets = new JsonDocumentFile(orgSecretsFile(dataDir, orgId), scheduler, {
      defaults: () => ({ secrets: dict() }),
      normalize: normalizeSecrets,
      mode: 0o600,
    });
    this.audit = new AuditLog(orgDir(dataDir, orgId), {
      maxBytes: options.auditMaxBytes,
      scheduler,
    });
  }

  /** Loads the org file (it decides the shard count); other files load on first use. */
  static async open(orgId: string, options: OrgStateOptions): Promise<OrgState> {
    const state = new OrgState(orgId, options);
    await state.org.load();
    return state;
  }

  get members(): MemberShards {
    this.#members ??= new MemberShards({
      dataDir: this.#options.dataDir,
      orgId: this.#orgId,
      shardCount: this.org.data.memberShards,
      scheduler: this.#options.scheduler,
      bulkCoalesceMs: this.#options.bulkMemberCoalesceMs,
      beforeWrite: () => this.#ensureOrgFile(),
    });
    return this.#members;
  }

  /**
   * Before the first member shard reaches the disk, the org file must be there to record the shard
   * count those members were hashed with.
   */
  async #ensureOrgFile(): Promise<void> {
    if (this.org.onDisk) return;
    this.org.changed();
    await this.org.flush();
  }

  async secretsLoaded(): Promise<JsonDocumentFile<SecretsData>> {
    await this.secrets.load();
    return this.secrets;
  }

  /** Stops all writes for this org and waits for the ones in flight. */
  async discard(): Promise<void> {
    await Promise.all([
      this.org.discard(),
      this.secrets.discard(),
      this.audit.discard(),
      this.#members?.discard(),
    ]);
  }
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

function normalizeOrgFile(parsed: unknown): OrgFileData {
  const { memberShards, docs } = asObject(parsed, 'org file');
  if (typeof memberShards !== 'number' || !Number.isInteger(memberShards) || memberShards < 1) {
    throw new TypeError('memberShards must be a positive integer');
  }
  const map = dict(asObject(docs, 'docs'));
  for (const value of Object.values(map)) deepFreeze(value);
  return { memberShards, docs: map };
}

function normalizeSecrets(parsed: unknown): SecretsData {
  // A malformed envelope is reported by `readSecret` (ERR_SECRET_TAMPERED) for that secret alone.
  const secrets = asObject(asObject(parsed, 'secrets file').secrets, 'secrets');
  return { secrets: dict(secrets as Dict<SecretEnvelope>) };
}
