// Crash-safe file replacement: write a sibling temp file, fsync it, rename it over the target, fsync the dir.
import { open, rename } from 'node:fs/promises';
import path from 'node:path';

export interface WriteFileAtomicOptions {
  /** File mode of the written file (e.g. 0o600 for key material). */
  mode?: number;
}

/** Content to write: all at once, or chunk by chunk (each awaited before the next is asked for). */
export type FileContent = string | Uint8Array | AsyncIterable<string>;

/**
 * Replaces `file` with `data` so that a reader (or a process restarted after a crash) sees either the
 * old content or the new one, never a mix. One writer per target is assumed: the temp name is fixed,
 * so a temp file left behind by a crash is simply overwritten by the next write.
 */
export async function writeFileAtomic(
  file: string,
  data: FileContent,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.tmp`);
  const mode = options.mode ?? 0o644;
  const handle = await open(temp, 'w', mode);
  try {
    // The temp file may predate this write with another mode; key files must never be wider than asked.
    await handle.chmod(mode);
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else for await (const chunk of data) await handle.write(chunk);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncDirectory(dir);
}

/** Makes a rename durable. Some platforms cannot open a directory for fsync; there it is a no-op. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows and some network filesystems refuse directory fsync; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}
