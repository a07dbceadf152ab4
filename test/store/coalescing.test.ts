import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('coalesced writes', () => {
  it('turns 1,000 updates of one document into one write', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir(), coalesceMs: 50 });
    for (let i = 0; i < 1000; i++) await store.putOrgDoc('org-1', 'counter', { i });
    await store.flush();
    expect(store.stats()).toEqual({ writes: 1, pendingFiles: 0 });
    await store.close();
  });

  it('writes each changed file once for a burst across files', async () => {
    const store = await openLowdbStore({
      dataDir: await tempDir(),
      coalesceMs: 50,
      memberShards: 4,
    });
    for (let i = 0; i < 200; i++) {
      await store.putOrgDoc('org-1', 'doc', { i });
      await store.putMember('org-1', { id: `m${i}`, i });
    }
    await store.flush();
    // The org file is written once up front (it records the shard count), then once with the docs.
    expect(store.stats().writes).toBe(2 + 4);
    await store.close();
  });

  it('applies writes in memory at once and puts them on disk by close', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir, coalesceMs: 60_000 });
    await store.putOrgDoc('org-1', 'doc', { v: 1 });
    expect(await store.getOrgDoc('org-1', 'doc')).toEqual({ v: 1 });
    expect(store.stats().pendingFiles).toBe(1);
    await store.close();

    const reopened = await openLowdbStore({ dataDir });
    expect(await reopened.getOrgDoc('org-1', 'doc')).toEqual({ v: 1 });
    await reopened.close();
  });

  it('gathers bulk member writes for their own longer window, holding back neither documents nor single members', async () => {
    const store = await openLowdbStore({
      dataDir: await tempDir(),
      coalesceMs: 5,
      bulkMemberCoalesceMs: 60_000,
      memberShards: 1,
    });
    // The first member write puts the org file on disk first (it records the shard count).
    for (let i = 0; i < 50; i += 2) {
      await store.putMembers('org-1', [
        { id: `m${i}`, i },
        { id: `m${i + 1}`, i },
      ]);
    }
    await expect
      .poll(() => store.stats(), { timeout: 5000 })
      .toEqual({ writes: 1, pendingFiles: 1 });
    await store.putOrgDoc('org-1', 'doc', { v: 1 });
    await expect
      .poll(() => store.stats(), { timeout: 5000 })
      .toEqual({ writes: 2, pendingFiles: 1 });
    // One member changed alone (an admin's edit) is written within the usual window, with the rest.
    await store.updateMember<{ id: string; i: number }>('org-1', 'm1', (m) => m && { ...m, i: -1 });
    await expect
      .poll(() => store.stats(), { timeout: 5000 })
      .toEqual({ writes: 3, pendingFiles: 0 });
    await store.close();
  });

  it('writes in the background after the coalescing window without a flush', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir(), coalesceMs: 5 });
    await store.putOrgDoc('org-1', 'doc', { v: 1 });
    await expect
      .poll(() => store.stats(), { timeout: 5000 })
      .toEqual({ writes: 1, pendingFiles: 0 });
    await store.close();
  });
});
