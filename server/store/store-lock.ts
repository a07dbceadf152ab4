// One process per data directory: a pid lock file, taken over when its owner is gone.
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StoreLockedError } from './errors.js';

export interface StoreLock {
  release(): Promise<void>;
}

/**
 * Takes `<dataDir>/.lock`. A second server, or `rotate-key` while the server runs, would otherwise
 * rewrite files behind the other's in-memory copy (and lose re-encrypted secrets).
 */
export async function acquireStoreLock(dataDir: string, pid = process.pid): Promise<StoreLock> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, '.lock');
  // Written aside then hard-linked into place: the lock never exists without its pid in it.
  const temp = path.join(dataDir, `.lock.${pid}.tmp`);
  await writeFile(temp, String(pid), { mode: 0o600 });
  try {
    return await takeLock(dataDir, file, temp, pid);
  } finally {
    await rm(temp, { force: true });
  }
}

async function takeLock(
  dataDir: string,
  file: string,
  temp: string,
  pid: number,
): Promise<StoreLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await link(temp, file);
      return {
        release: async () => {
          if ((await readOwner(file)) === pid) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner !== undefined && isAlive(owner)) throw new StoreLockedError(dataDir, owner);
    // The owner crashed: the lock is stale.
    await rm(file, { force: true });
  }
  throw new StoreLockedError(dataDir, (await readOwner(file)) ?? -1);
}

async function readOwner(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
