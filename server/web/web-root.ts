// Finds the built UI (`vite build` writes dist/addin at the repository root), from source (tsx)
// and from the compiled server (dist/server) alike.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directory holding package.json above this module. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above server/web');
    dir = parent;
  }
  return dir;
}

/** `<repo>/dist/addin`, where Vite writes the pages and assets. */
export function defaultWebRoot(): string {
  return path.join(packageRoot(), 'dist', 'addin');
}
