import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('org documents', () => {
  it('reads back what was put, after a restart', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putOrgDoc('org-a', 'settings', {
      allowMemberDisconnect: true,
      freeBusyPolicy: 'default',
    });
    await store.close();

    const reopened = await openLowdbStore({ dataDir });
    expect(await reopened.getOrgDoc('org-a', 'settings')).toEqual({
      allowMemberDisconnect: true,
      freeBusyPolicy: 'default',
    });
    expect(await reopened.listOrgIds()).toEqual(['org-a']);
    await reopened.close();
  });

  it('updates a document from its current value and returns the new one', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.putOrgDoc('org-a', 'counter', { n: 1 });
    const next = await store.updateOrgDoc<{ n: number }>('org-a', 'counter', (current) => ({
      n: (current?.n ?? 0) + 1,
    }));
    expect(next).toEqual({ n: 2 });
    expect(await store.getOrgDoc('org-a', 'counter')).toEqual({ n: 2 });
    await store.close();
  });

  it('returns frozen JSON copies, so a caller cannot change stored state by mutation', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    const value = {
      when: new Date('2026-01-01T00:00:00Z'),
      nested: { list: [1] },
      gone: undefined,
    };
    await store.putOrgDoc('org-a', 'doc', value);
    value.nested.list.push(2);

    const read = (await store.getOrgDoc<{ when: string; nested: { list: number[] } }>(
      'org-a',
      'doc',
    ))!;
    expect(read).toEqual({ when: '2026-01-01T00:00:00.000Z', nested: { list: [1] } });
    expect(() => read.nested.list.push(3)).toThrow(TypeError);
    await store.close();
  });

  it('keeps each org apart: one org never sees another org documents', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.putOrgDoc('org-a', 'settings', { owner: 'a' });
    expect(await store.getOrgDoc('org-b', 'settings')).toBeUndefined();
    expect(await store.listOrgDocKeys('org-b')).toEqual([]);
    await store.close();
  });

  it('deletes a document and reports whether it existed', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.putOrgDoc('org-a', 'doc', 1);
    expect(await store.deleteOrgDoc('org-a', 'doc')).toBe(true);
    expect(await store.deleteOrgDoc('org-a', 'doc')).toBe(false);
    expect(await store.getOrgDoc('org-a', 'doc')).toBeUndefined();
    await store.close();
  });

  it('treats __proto__ as an ordinary key', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.putOrgDoc('org-a', '__proto__', { polluted: true });
    expect(await store.getOrgDoc('org-a', '__proto__')).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await store.close();
  });

  it('deletes an org with everything in it, and unlinks its tenants', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putOrgDoc('org-a', 'doc', 1);
    await store.putMember('org-a', { id: 'm1' });
    await store.putSecret('org-a', 'client-secret', 's3cret');
    await store.appendAudit('org-a', { actor: 'u1', action: 'org.create', target: 'org-a' });
    await store.linkTenant('tenant-1', 'org-a');
    await store.putOrgDoc('org-b', 'doc', 2);
    await store.flush();

    await store.deleteOrg('org-a');
    await store.flush();
    expect(await store.listOrgIds()).toEqual(['org-b']);
    expect(await store.hasOrg('org-a')).toBe(false);
    expect(await store.findOrgByTenant('tenant-1')).toBeUndefined();
    expect(await store.getMember('org-a', 'm1')).toBeUndefined();
    expect(await store.readSecret('org-a', 'client-secret')).toBeUndefined();
    expect((await store.listAudit('org-a', { limit: 10 })).entries).toEqual([]);
    await store.close();
  });

  it.each([
    ['an empty id', ''],
    ['a path traversal', '../other'],
    ['a nested path', 'a/b'],
    ['a hidden name', '.org'],
    ['a backslash', 'a\\b'],
  ])('rejects %s as org id with ERR_STORE_INVALID_ID', async (_, orgId) => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await expect(store.getOrgDoc(orgId, 'doc')).rejects.toMatchObject({
      code: 'ERR_STORE_INVALID_ID',
    });
    await store.close();
  });

  it('reports a corrupt org file with ERR_STORE_CORRUPT naming the file', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'orgs', 'org-a', 'org.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"memberShards": 64, "docs": {"a":');
    const store = await openLowdbStore({ dataDir });
    await expect(store.getOrgDoc('org-a', 'a')).rejects.toMatchObject({
      code: 'ERR_STORE_CORRUPT',
      file,
    });
    await store.close();
  });

  it('refuses a second open of the same data directory with ERR_STORE_LOCKED', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await expect(openLowdbStore({ dataDir })).rejects.toMatchObject({ code: 'ERR_STORE_LOCKED' });
    await store.close();
    const again = await openLowdbStore({ dataDir });
    await again.close();
  });

  it('throws ERR_STORE_CLOSED after close', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await store.close();
    await expect(store.getOrgDoc('org-a', 'doc')).rejects.toMatchObject({
      code: 'ERR_STORE_CLOSED',
    });
  });
});
