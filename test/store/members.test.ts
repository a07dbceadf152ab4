import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMBER_SHARDS, openLowdbStore } from '../../server/store/lowdb-store.js';
import { makeMember, makeMembers, type TestMember } from './fixtures/members.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('members', () => {
  it('puts, gets, updates and deletes a member', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    const member = makeMember(1);
    await store.putMember('org-1', member);
    expect(await store.getMember<TestMember>('org-1', member.id)).toEqual(member);

    const updated = await store.updateMember<TestMember>('org-1', member.id, (current) =>
      current ? { ...current, displayName: 'Renamed' } : undefined,
    );
    expect(updated?.displayName).toBe('Renamed');
    expect(await store.deleteMember('org-1', member.id)).toBe(true);
    expect(await store.deleteMember('org-1', member.id)).toBe(false);
    expect(await store.getMember('org-1', member.id)).toBeUndefined();
    await store.close();
  });

  it('refuses an update that changes the record id', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.putMember('org-1', { id: 'a' });
    await expect(store.updateMember('org-1', 'a', () => ({ id: 'b' }))).rejects.toThrow(TypeError);
    await store.close();
  });

  it('keeps members of different orgs apart', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.putMembers('org-1', makeMembers(20, 'org-1'));
    expect(await store.countMembers('org-2')).toBe(0);
    expect(await store.getMember('org-2', makeMember(3).id)).toBeUndefined();
    await store.close();
  });

  it('spreads 50,000 members over shard files small enough to serialize without blocking', async ({
    annotate,
  }) => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    const members = makeMembers(50_000);
    const delay = monitorEventLoopDelay({ resolution: 1 });
    let longestGc = 0;
    const gc = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longestGc = Math.max(longestGc, entry.duration);
    });
    gc.observe({ entryTypes: ['gc'] });
    delay.enable();
    await store.putMembers('org-1', members);
    await store.close();
    delay.disable();
    gc.disconnect();
    // Reported, not asserted: timing depends on the machine. The size bound below is the contract.
    await annotate(
      `50,000 members put + written: event-loop delay max ${(delay.max / 1e6).toFixed(1)} ms, ` +
        `p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms; longest GC pause ${longestGc.toFixed(1)} ms`,
    );

    const shardDir = path.join(dataDir, 'orgs', 'org-1', 'members');
    const files = (await readdir(shardDir)).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(DEFAULT_MEMBER_SHARDS);
    const sizes = await Promise.all(
      files.map(async (name) => (await stat(path.join(shardDir, name))).size),
    );
    // ~33 MB of members in one file takes >100 ms to stringify; a 1 MiB shard takes a few ms.
    expect(Math.max(...sizes)).toBeLessThan(1024 * 1024);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    const orgFile = JSON.parse(
      await readFile(path.join(dataDir, 'orgs', 'org-1', 'org.json'), 'utf8'),
    );
    expect(orgFile.memberShards).toBe(DEFAULT_MEMBER_SHARDS);

    const reopened = await openLowdbStore({ dataDir });
    expect(await reopened.countMembers('org-1')).toBe(50_000);
    expect(await reopened.getMember('org-1', members[49_999]!.id)).toEqual(members[49_999]);
    await reopened.close();
  });

  it('keeps the shard count an org was created with when the default changes', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir, memberShards: 4 });
    await store.putMembers('org-1', makeMembers(100));
    await store.close();

    const reopened = await openLowdbStore({ dataDir, memberShards: 16 });
    expect(await reopened.countMembers('org-1')).toBe(100);
    expect(await reopened.getMember('org-1', makeMember(42).id)).toEqual(makeMember(42));
    await reopened.close();
    expect(await readdir(path.join(dataDir, 'orgs', 'org-1', 'members'))).toHaveLength(4);
  });

  it('lists every member of the org', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir(), memberShards: 8 });
    const members = makeMembers(300);
    await store.putMembers('org-1', members);
    const listed = await store.listMembers<TestMember>('org-1');
    expect(listed.map((m) => m.id).sort()).toEqual(members.map((m) => m.id).sort());
    await store.close();
  });

  it.each([
    ['an empty id', { id: '' }],
    ['a missing id', {}],
    ['a numeric id', { id: 7 }],
  ])('rejects a member with %s with ERR_STORE_INVALID_ID', async (_, record) => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await expect(store.putMember('org-1', record as { id: string })).rejects.toMatchObject({
      code: 'ERR_STORE_INVALID_ID',
    });
    await store.close();
  });
});
