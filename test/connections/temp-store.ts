// A real lowdb store in a temporary directory, for unit tests of code that persists.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore, type Store } from '../../server/store/index.js';

export interface TempStore {
  store: Store;
  close(): Promise<void>;
}

export async function tempStore(now: () => number = () => Date.now()): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'quorum-connections-'));
  const store = await openLowdbStore({ dataDir: dir, now: () => new Date(now()) });
  return {
    store,
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
