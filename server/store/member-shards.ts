// An org's members, hashed by id into a fixed number of shard files so no write carries them all.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { JsonDocumentFile } from './json-document-file.js';
import { dict, hasKey, markStored, toStoredValue, type Dict } from './json-value.js';
import { assertKey, memberShardFile, shardOf } from './layout.js';
import type { StoredRecord } from './store.js';
import type { WriteScheduler } from './write-scheduler.js';

interface ShardData {
  members: Dict<StoredRecord>;
}

/** Records copied per event-loop turn (about 5 ms for Quorum-sized member records). */
const PUT_CHUNK = 256;

/** Characters of shard JSON made per event-loop turn when a shard is written (well under 1 ms). */
const PIECE_CHARS = 64 * 1024;

export interface MemberShardsOptions {
  dataDir: string;
  orgId: string;
  shardCount: number;
  scheduler: WriteScheduler;
  /**
   * How long bulk changes (more than one record) gather before a shard is rewritten; single changes
   * use the store's usual window.
   */
  bulkCoalesceMs: number;
  /** Called before any shard changes; makes sure the org file records `shardCount` first. */
  beforeWrite: () => Promise<void>;
}

export class MemberShards {
  readonly #files: JsonDocumentFile<ShardData>[] = [];
  readonly #options: MemberShardsOptions;
  /**
   * Changes apply one after the other, in the order they were asked for: a caller that keeps its
   * own view of the members (the member repository) and writes through here in the same order it
   * changed that view ends with the same values on disk.
   */
  #tail: Promise<unknown> = Promise.resolve();
  /** Every shard file has been read (a failed read is retried by the next call). */
  #allLoaded = false;

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
   * Upserts records and returns them as stored, in order. Copying yields to the event loop every
   * few hundred records (copying 50,000 in one go would block for hundreds of milliseconds); the
   * records are then applied in one synchronous pass.
   */
  put(records: readonly StoredRecord[]): Promise<StoredRecord[]> {
    for (const record of records) assertKey('member id', record?.id);
    return this.#inOrder(async () => {
      const stored = new Array<StoredRecord>(records.length);
      for (let i = 0; i < records.length; i++) {
        if (i > 0 && i % PUT_CHUNK === 0) await nextTurn();
        stored[i] = toStoredValue(records[i]!);
      }
      await this.#options.beforeWrite();
      const shards = await this.#loadAll();
      const changed = new Set<JsonDocumentFile<ShardData>>();
      for (const record of stored) {
        const shard = shards[shardOf(record.id, this.shardCount)]!;
        shard.data.members[record.id] = record;
        changed.add(shard);
      }
      const window = stored.length > 1 ? this.#options.bulkCoalesceMs : undefined;
      for (const shard of changed) shard.changed(window);
      return stored;
    });
  }

  update<T extends StoredRecord>(
    id: string,
    fn: (current: T | undefined) => T | undefined,
  ): Promise<T | undefined> {
    assertKey('member id', id);
    return this.#inOrder(async () => {
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
    });
  }

  delete(id: string): Promise<boolean> {
    assertKey('member id', id);
    return this.#inOrder(async () => {
      const shard = await this.#shardFor(id);
      if (!hasKey(shard.data.members, id)) return false;
      delete shard.data.members[id];
      shard.changed();
      return true;
    });
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

  #inOrder<R>(change: () => Promise<R>): Promise<R> {
    const run = this.#tail.then(change);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  async #loadAll(): Promise<JsonDocumentFile<ShardData>[]> {
    if (this.#allLoaded) return this.#files;
    const shards: JsonDocumentFile<ShardData>[] = [];
    for (let index = 0; index < this.shardCount; index++) shards.push(await this.#shard(index));
    this.#allLoaded = true;
    return shards;
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
        pieces: shardPieces,
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
  for (const record of Object.values(map)) markStored(record);
  return { members: map };
}

/**
 * The shard's JSON text (what `JSON.stringify` gives) in pieces of about `PIECE_CHARS`. Records are
 * immutable, so the ids and records taken now are the shard as it is now, however long writing
 * takes: later changes mark the shard dirty again and go into the next write.
 */
function shardPieces(data: ShardData): () => string | undefined {
  const ids = Object.keys(data.members);
  const records = Object.values(data.members);
  let next = 0;
  let done = false;
  return () => {
    if (done) return undefined;
    const parts: string[] = [next === 0 ? '{"members":{' : ''];
    let chars = 0;
    while (next < ids.length && chars < PIECE_CHARS) {
      const entry = `${next === 0 ? '' : ','}${JSON.stringify(ids[next])}:${JSON.stringify(records[next])}`;
      parts.push(entry);
      chars += entry.length;
      next += 1;
    }
    if (next === ids.length) {
      parts.push('}}');
      done = true;
    }
    return parts.join('');
  };
}
