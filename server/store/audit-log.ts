// One org's append-only audit log: JSONL files rotated by size, read back newest-first in pages.
import { mkdir, open, readdir, rm, stat, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StoreInvalidCursorError, StoreWriteError } from './errors.js';
import type { Flushable, WriteScheduler } from './write-scheduler.js';

const FILE = /^audit-(\d+)\.jsonl$/;
const CHUNK = 64 * 1024;

export interface AuditLogOptions {
  maxBytes: number;
  scheduler: WriteScheduler;
}

/** Lines read back newest first, and the offset where the oldest of them starts. */
interface LinesRead {
  values: unknown[];
  start: number;
}

export interface AuditReadResult {
  values: unknown[];
  /** Cursor (`<generation>:<byte offset>`) for the next, older page; absent at the oldest entry. */
  next?: string;
}

/**
 * Files are `audit-<n>.jsonl`; the highest n is the one appended to. Files are never renamed, so a
 * cursor `<n>:<offset>` stays valid across rotations.
 */
export class AuditLog implements Flushable {
  readonly #dir: string;
  readonly #options: AuditLogOptions;
  #buffer: string[] = [];
  #ready: Promise<void> | undefined;
  #generation = 1;
  #size = 0;
  #writing: Promise<void> = Promise.resolve();
  #discarded = false;

  constructor(dir: string, options: AuditLogOptions) {
    this.#dir = dir;
    this.#options = options;
  }

  append(value: unknown): void {
    if (this.#discarded) return;
    this.#buffer.push(`${JSON.stringify(value)}\n`);
    this.#options.scheduler.schedule(this);
  }

  flush(): Promise<void> {
    // Chained so appends reach the file in order even when flushes overlap.
    const run = this.#writing.then(() => this.#writeBuffered());
    this.#writing = run.catch(() => undefined);
    return run;
  }

  /** Newest first, starting before `cursor` (or at the newest entry). */
  async read(limit: number, cursor?: string): Promise<AuditReadResult> {
    await this.flush();
    await this.#prepare();
    let [generation, end] =
      cursor === undefined ? [this.#generation, this.#size] : parseCursor(cursor);
    // A forged cursor must not send the walk through a billion missing files.
    if (generation > this.#generation) throw new StoreInvalidCursorError(cursor ?? '');
    if (generation === this.#generation) end = Math.min(end, this.#size);
    const values: unknown[] = [];
    while (values.length < limit && generation >= 1) {
      if (end === 0) {
        generation -= 1;
        end = generation >= 1 ? await fileSize(this.#file(generation)) : 0;
        if (end === 0) break;
        continue;
      }
      const read = await readLinesBackward(this.#file(generation), end, limit - values.length);
      values.push(...read.values);
      end = read.start;
    }
    const hasOlder =
      end > 0 || (generation > 1 && (await fileSize(this.#file(generation - 1))) > 0);
    return values.length === limit && hasOlder
      ? { values, next: `${generation}:${end}` }
      : { values };
  }

  /** Deletes rotated files whose newest entry satisfies `isOld`; the file being appended to stays. */
  async purge(isOld: (newest: unknown) => boolean): Promise<number> {
    await this.flush();
    await this.#prepare();
    let removed = 0;
    for (const generation of await this.#generations()) {
      if (generation >= this.#generation) continue;
      const file = this.#file(generation);
      const { values } = await readLinesBackward(file, await fileSize(file), 1);
      if (values.length === 0 || isOld(values[0])) {
        await rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  /** Stops appending (the org is being deleted) once the write in progress, if any, is done. */
  async discard(): Promise<void> {
    this.#discarded = true;
    this.#buffer = [];
    this.#options.scheduler.cancel(this);
    await this.#writing;
  }

  async #writeBuffered(): Promise<void> {
    if (this.#discarded || this.#buffer.length === 0) return;
    await this.#prepare();
    const lines = this.#buffer;
    this.#buffer = [];
    const data = Buffer.from(lines.join(''), 'utf8');
    if (this.#size > 0 && this.#size + data.length > this.#options.maxBytes) {
      this.#generation += 1;
      this.#size = 0;
    }
    const file = this.#file(this.#generation);
    try {
      const handle = await open(file, 'a', 0o600);
      try {
        await handle.write(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.#size += data.length;
      this.#options.scheduler.noteWrite();
    } catch (error) {
      // Put the lines back and re-inspect the file next time: a failed append may have left half a line.
      this.#buffer = [...lines, ...this.#buffer];
      this.#ready = undefined;
      throw new StoreWriteError(file, error);
    }
  }

  #prepare(): Promise<void> {
    this.#ready ??= this.#open().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  /** Finds the file to append to and cuts off a line left half-written by a crash. */
  async #open(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const generations = await this.#generations();
    this.#generation = generations.at(-1) ?? 1;
    const file = this.#file(this.#generation);
    const size = await fileSize(file);
    this.#size = size === 0 ? 0 : await withFile(file, (handle) => completeLength(handle, size));
    if (this.#size !== size) await truncate(file, this.#size);
  }

  async #generations(): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map((name) => FILE.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  #file(generation: number): string {
    return path.join(this.#dir, `audit-${generation}.jsonl`);
  }
}

function parseCursor(cursor: string): [number, number] {
  const match = /^(\d{1,9}):(\d{1,15})$/.exec(cursor);
  if (!match) throw new StoreInvalidCursorError(cursor);
  return [Number(match[1]), Number(match[2])];
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function withFile<R>(file: string, use: (handle: FileHandle) => Promise<R>): Promise<R> {
  const handle = await open(file, 'r');
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

/** Offset just after the last newline before `end`: where complete lines stop. */
async function completeLength(handle: FileHandle, end: number): Promise<number> {
  while (end > 0) {
    const start = Math.max(0, end - CHUNK);
    const chunk = Buffer.alloc(end - start);
    await handle.read(chunk, 0, chunk.length, start);
    const newline = chunk.lastIndexOf(0x0a);
    if (newline !== -1) return start + newline + 1;
    end = start;
  }
  return 0;
}

/**
 * Reads up to `limit` complete lines ending before byte `end`, newest first, in 64 KiB chunks from
 * the end, so a page costs the size of the page rather than the size of the file. Only lines that end
 * with a newline count: a trailing half line (an append in progress, or cut by a crash) is skipped,
 * and so is any line that does not parse.
 */
async function readLinesBackward(file: string, end: number, limit: number): Promise<LinesRead> {
  const values: unknown[] = [];
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { values, start: 0 };
    throw error;
  }
  try {
    end = await completeLength(handle, end);
    // `buffer` holds bytes [bufferStart, end); each step peels the last complete line off it.
    let buffer = Buffer.alloc(0);
    let bufferStart = end;
    const previousNewline = (): number =>
      end - bufferStart >= 2 ? buffer.lastIndexOf(0x0a, end - bufferStart - 2) : -1;
    while (values.length < limit && end > 0) {
      let newline = previousNewline();
      while (newline === -1 && bufferStart > 0) {
        const start = Math.max(0, bufferStart - CHUNK);
        const chunk = Buffer.alloc(bufferStart - start);
        await handle.read(chunk, 0, chunk.length, start);
        buffer = Buffer.concat([chunk, buffer]);
        bufferStart = start;
        newline = previousNewline();
      }
      const lineStart = newline === -1 ? bufferStart : bufferStart + newline + 1;
      const text = buffer.subarray(lineStart - bufferStart, end - 1 - bufferStart).toString('utf8');
      buffer = buffer.subarray(0, lineStart - bufferStart);
      end = lineStart;
      try {
        values.push(JSON.parse(text));
      } catch {
        // Not a whole entry (disk damage): skip it rather than hide every older entry.
      }
    }
    return { values, start: end };
  } finally {
    await handle.close();
  }
}
