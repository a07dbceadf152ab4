// vitest globalSetup: builds the web UI (dist/addin) once before the run when any source under
// addin/ (or the Vite config) is newer than the last build, so browser tests never test stale pages.
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '..', '..');
const STAMP = path.join(root, 'dist', 'addin', '.built');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? await newestMtime(full) : (await stat(full)).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

async function builtAt(): Promise<number> {
  try {
    return (await stat(STAMP)).mtimeMs;
  } catch {
    return 0;
  }
}

export default async function buildWebIfStale(): Promise<void> {
  const sources = Math.max(
    await newestMtime(path.join(root, 'addin')),
    (await stat(path.join(root, 'vite.config.ts'))).mtimeMs,
  );
  if (sources < (await builtAt())) return;
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  await writeFile(STAMP, new Date().toISOString());
}
