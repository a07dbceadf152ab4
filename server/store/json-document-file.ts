// One JSON file held in memory by lowdb, persisted through the write scheduler with atomic replaces.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeFileAtomic, type FileContent } from './atomic-file.js';
import { StoreCorruptError, StoreWriteError } from './errors.js';
import type { Flushable, WriteScheduler } from './write-scheduler.js';

export interface JsonDocumentFileOptions<T> {
  /** Data used while the file does not exist yet. */
  defaults: () => T;
  /** Checks and shapes what was parsed from disk; throws (any error) when it is not a `T`. */
  normalize: (parsed: unknown) => T;
  mode?: number;
  /**
   * Serializes big documents a piece at a time: called once when a write starts (it must capture
   * the state to write then), it returns a function giving the next piece of the JSON text, or
   * `undefined` at the end. Each piece is made in an event-loop turn of its own. Default: one
   * `JSON.stringify` of the whole document.
   */
  pieces?: (data: T) => () => string | undefined;
}

/** lowdb adapter: atomic, fsynced writes whose serialization is paced by the scheduler. */
class AtomicJsonAdapter<T> implements Adapter<T> {
  #dirReady = false;
  /** Whether the last read found the file. */
  found = false;

  constructor(
    private readonly file: string,
    private readonly scheduler: WriteScheduler,
    private readonly options: JsonDocumentFileOptions<T>,
  ) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    this.found = true;
    try {
      return this.options.normalize(JSON.parse(text));
    } catch (error) {
      throw new StoreCorruptError(this.file, error);
    }
  }

  async write(data: T): Promise<void> {
    const text: FileContent = this.options.pieces
      ? this.#paced(this.options.pieces(data))
      : await this.scheduler.serialize(() => JSON.stringify(data));
    if (!this.#dirReady) {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.#dirReady = true;
    }
    await writeFileAtomic(
      this.file,
      text,
      this.options.mode === undefined ? {} : { mode: this.options.mode },
    );
    this.scheduler.noteWrite();
  }

  async *#paced(next: () => string | undefined): AsyncIterable<string> {
    for (;;) {
      const piece = await this.scheduler.serialize(next);
      if (piece === undefined) return;
      yield piece;
    }
  }
}

/**
 * A document file: load once, change `data` in place, call `changed()`; the scheduler writes it.
 * At most one write per file is in flight; a change made during a write causes one more write, after
 * its coalescing window.
 */
export class JsonDocumentFile<T> implements Flushable {
  readonly #low: Low<T>;
  readonly #adapter: AtomicJsonAdapter<T>;
  readonly #scheduler: WriteScheduler;
  #loading: Promise<void> | undefined;
  #inFlight: Promise<void> | undefined;
  #dirty = false;
  #discarded = false;
  #onDisk = false;

  constructor(
    readonly file: string,
    scheduler: WriteScheduler,
    options: JsonDocumentFileOptions<T>,
  ) {
    this.#scheduler = scheduler;
    this.#adapter = new AtomicJsonAdapter(file, scheduler, options);
    this.#low = new Low(this.#adapter, options.defaults());
  }

  /** Reads the file once; later calls share the first read. */
  load(): Promise<void> {
    this.#loading ??= this.#low.read().then(
      () => {
        this.#onDisk ||= this.#adapter.found;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  get data(): T {
    return this.#low.data;
  }

  /** True once the file exists on disk (read from it, or written at least once). */
  get onDisk(): boolean {
    return this.#onDisk;
  }

  /** Marks the data changed; it is written within `windowMs` (default: the scheduler's window). */
  changed(windowMs?: number): void {
    if (this.#discarded) return;
    this.#dirty = true;
    this.#scheduler.schedule(this, windowMs);
  }

  async flush(): Promise<void> {
    for (;;) {
      if (this.#inFlight) {
        // The owner of that write reports its failure; here a failure just means "still dirty".
        await this.#inFlight.catch(() => undefined);
        continue;
      }
      if (!this.#dirty || this.#discarded) return;
      this.#dirty = false;
      this.#inFlight = this.#low.write().finally(() => {
        this.#inFlight = undefined;
      });
      try {
        await this.#inFlight;
        this.#onDisk = true;
        // Changes made during the write were scheduled by `changed()` and wait for their window:
        // writing again at once would rewrite a busy file back to back.
        return;
      } catch (error) {
        this.#dirty = true;
        throw error instanceof StoreWriteError ? error : new StoreWriteError(this.file, error);
      }
    }
  }

  /** Drops pending changes and waits for a write already in flight (before its file is removed). */
  async discard(): Promise<void> {
    this.#discarded = true;
    this.#scheduler.cancel(this);
    await this.#inFlight?.catch(() => undefined);
  }
}
