// An org's members, hashed by id into a fixed number of shard files so no write carries them all.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { JsonDocumentFile } from './json-document-file.js';
import { deepFreeze, dict, hasKey, toStoredValue, type Dict } from './json-value.js';
import { assertKey, memberShardFile, shardOf } from './layout.js';
import type { StoredRecord } from './store.js';
import type { WriteScheduler } from './write-scheduler.js';

interface ShardData {
  members: Dict<StoredRecord>;
}

/** Records copied per event-loop turn (about 5 ms for Quorum-sized member records). */
const PUT_CHUNK = 256;

export interface MemberShardsOptions {
  dataDir: string;
  orgId: string;
  shardCount: number;
  scheduler: WriteScheduler;
  /** Called before any shard changes; makes sure the org file records `shardCount` first. */
  beforeWrite: () => Promise<void>;
}

export class MemberShards {
  readonly #files: JsonDocumentFile<ShardData>[] = [];
  readonly #options: MemberShardsOptions;

  constructor(options: MemberShardsOptions) {
    this.#options = options;
  }

  get shardCount(): number {
    return this.#options.shardCount;
  }

  async get(id: string): Promise<StoredRecord | undefined> {
    assertKey('member id', id);
    const { members } = (await this.#shardFor(id)).data;
    return hasKey(members, id) ? members[id] : undefined;
  }

  /**
   * Upserts records, yielding to the event loop every few hundred: copying 50,000 records in one go
   * would block for hundreds of milliseconds.
   */
  async put(records: readonly StoredRecord[]): Promise<void> {
    for (const record of records) assertKey('member id', record?.id);
    await this.#options.beforeWrite();
    const changed = new Set<JsonDocumentFile<ShardData>>();
    for (let i = 0; i < records.length; i++) {
      if (i > 0 && i % PUT_CHUNK === 0) {
        await nextTurn();
        // A shard may have been written while we yielded: what follows must mark it dirty again.
        changed.clear();
      }
      const record = records[i]!;
      const shard = await this.#shardFor(record.id);
      shard.data.members[record.id] = toStoredValue(record);
      if (!changed.has(shard)) {
        changed.add(shard);
        shard.changed();
      }
    }
  }

  async update<T extends StoredRecord>(
    id: string,
    fn: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    assertKey('member id', id);
    await this.#options.beforeWrite();
    const shard = await this.#shardFor(id);
    const { members } = shard.data;
    const current = hasKey(members, id) ? (members[id] as T) : undefined;
    const next = fn(current);
    if (next === undefined) return current;
    if (next.id !== id) throw new TypeError(`updateMember must keep the id ${id}`);
    const stored = toStoredValue(next);
    members[id] = stored;
    shard.changed();
    return stored;
  }

  async delete(id: string): Promise<boolean> {
    assertKey('member id', id);
    const shard = await this.#shardFor(id);
    if (!hasKey(shard.data.members, id)) return false;
    delete shard.data.members[id];
    shard.changed();
    return true;
  }

  async list(): Promise<StoredRecord[]> {
    const all: StoredRecord[] = [];
    for (let index = 0; index < this.shardCount; index++) {
      for (const record of Object.values((await this.#shard(index)).data.members)) all.push(record);
    }
    return all;
  }

  async count(): Promise<number> {
    let count = 0;
    for (let index = 0; index < this.shardCount; index++) {
      count += Object.keys((await this.#shard(index)).data.members).length;
    }
    return count;
  }

  async discard(): Promise<void> {
    await Promise.all(this.#files.map((file) => file.discard()));
  }

  #shardFor(id: string): Promise<JsonDocumentFile<ShardData>> {
    return this.#shard(shardOf(id, this.shardCount));
  }

  async #shard(index: number): Promise<JsonDocumentFile<ShardData>> {
    let file = this.#files[index];
    if (!file) {
      const { dataDir, orgId, scheduler } = this.#options;
      file = new JsonDocumentFile(memberShardFile(dataDir, orgId, index), scheduler, {
        defaults: () => ({ members: dict() }),
        normalize: normalizeShard,
      });
      this.#files[index] = file;
    }
    await file.load();
    return file;
  }
}

function normalizeShard(parsed: unknown): ShardData {
  const members = (parsed as { members?: unknown } | null)?.members;
  if (typeof members !== 'object' || members === null || Array.isArray(members)) {
    throw new TypeError('members must be an object');
  }
  const map = dict(members as Dict<StoredRecord>);
  for (const record of Object.values(map)) deepFreeze(record);
  return { members: map };
}
