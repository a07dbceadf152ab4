import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import type { AuditEntry, Store } from '../../server/store/store.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

function fixedClock(start = Date.parse('2026-03-01T10:00:00Z')): () => Date {
  let tick = 0;
  return () => new Date(start + 1000 * tick++);
}

async function appendMany(store: Store, orgId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await store.appendAudit(orgId, { actor: 'admin-1', action: 'member.invite', target: `m${i}` });
  }
}

async function readAll(store: Store, orgId: string, limit: number): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let before: string | undefined;
  do {
    const page = await store.listAudit(orgId, { limit, before });
    all.push(...page.entries);
    before = page.next;
  } while (before !== undefined);
  return all;
}

describe('audit log', () => {
  it('stamps entries with the clock and the org, and lists them newest first', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir(), now: fixedClock() });
    const entry = await store.appendAudit('org-1', {
      actor: 'admin-1',
      action: 'connection.enable',
      target: 'conn-1',
      detail: { reason: 'admin' },
    });
    expect(entry).toEqual({
      at: '2026-03-01T10:00:00.000Z',
      orgId: 'org-1',
      actor: 'admin-1',
      action: 'connection.enable',
      target: 'conn-1',
      detail: { reason: 'admin' },
    });
    await appendMany(store, 'org-1', 3);
    const page = await store.listAudit('org-1', { limit: 10 });
    expect(page.entries.map((e) => e.target)).toEqual(['m2', 'm1', 'm0', 'conn-1']);
    expect(page.next).toBeUndefined();
    await store.close();
  });

  it('pages newest first with a cursor, across restarts', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await appendMany(store, 'org-1', 25);
    const first = await store.listAudit('org-1', { limit: 10 });
    await store.close();

    const reopened = await openLowdbStore({ dataDir });
    await appendMany(reopened, 'org-1', 1);
    const second = await reopened.listAudit('org-1', { limit: 10, before: first.next });
    expect(first.entries.map((e) => e.target)).toEqual(
      Array.from({ length: 10 }, (_, i) => `m${24 - i}`),
    );
    expect(second.entries.map((e) => e.target)).toEqual(
      Array.from({ length: 10 }, (_, i) => `m${14 - i}`),
    );
    const third = await reopened.listAudit('org-1', { limit: 10, before: second.next });
    expect(third.entries.map((e) => e.target)).toEqual(['m4', 'm3', 'm2', 'm1', 'm0']);
    expect(third.next).toBeUndefined();
    await reopened.close();
  });

  it('rotates to a new file by size and pages across files without losing or repeating entries', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir, auditMaxBytes: 2048, coalesceMs: 0 });
    for (let i = 0; i < 60; i++) {
      await store.appendAudit('org-1', {
        actor: 'admin-1',
        action: 'member.invite',
        target: `m${i}`,
      });
      await store.flush();
    }
    const files = (await readdir(path.join(dataDir, 'orgs', 'org-1'))).filter((f) =>
      f.endsWith('.jsonl'),
    );
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const size = (await readFile(path.join(dataDir, 'orgs', 'org-1', file))).length;
      expect(size).toBeLessThanOrEqual(2048);
    }
    const all = await readAll(store, 'org-1', 7);
    expect(all.map((e) => e.target)).toEqual(Array.from({ length: 60 }, (_, i) => `m${59 - i}`));
    await store.close();
  });

  it('drops a line half-written by a crash and appends after the last whole entry', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await appendMany(store, 'org-1', 2);
    await store.close();
    const file = path.join(dataDir, 'orgs', 'org-1', 'audit-1.jsonl');
    await appendFile(file, '{"at":"2026-03-01T10:00:00.000Z","orgId":"org-1","act');

    const reopened = await openLowdbStore({ dataDir });
    expect((await reopened.listAudit('org-1', { limit: 10 })).entries.map((e) => e.target)).toEqual(
      ['m1', 'm0'],
    );
    await reopened.appendAudit('org-1', { actor: 'a', action: 'b', target: 'after-crash' });
    const page = await reopened.listAudit('org-1', { limit: 10 });
    expect(page.entries.map((e) => e.target)).toEqual(['after-crash', 'm1', 'm0']);
    await reopened.close();
    for (const line of (await readFile(file, 'utf8')).trimEnd().split('\n')) {
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it('purges rotated files older than a date and keeps the file being appended to', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({
      dataDir,
      auditMaxBytes: 1024,
      coalesceMs: 0,
      now: fixedClock(Date.parse('2026-01-01T00:00:00Z')),
    });
    for (let i = 0; i < 30; i++) {
      await store.appendAudit('org-1', { actor: 'a', action: 'b', target: `m${i}` });
      await store.flush();
    }
    const before = await readAll(store, 'org-1', 100);
    expect(
      await store.purgeAudit('org-1', { before: new Date('2027-01-01T00:00:00Z') }),
    ).toBeGreaterThan(0);
    const after = await readAll(store, 'org-1', 100);
    expect(after.length).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before.length);
    expect(after).toEqual(before.slice(0, after.length));
    await store.close();
  });

  it('keeps audit logs of different orgs apart', async () => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await appendMany(store, 'org-1', 3);
    expect((await store.listAudit('org-2', { limit: 10 })).entries).toEqual([]);
    await store.close();
  });

  it.each([['garbage'], ['1:'], ['-1:5'], ['1:2:3'], ['999999999:0']])(
    'rejects the cursor %j with ERR_STORE_INVALID_CURSOR',
    async (before) => {
      const store = await openLowdbStore({ dataDir: await tempDir() });
      await expect(store.listAudit('org-1', { limit: 5, before })).rejects.toMatchObject({
        code: 'ERR_STORE_INVALID_CURSOR',
      });
      await store.close();
    },
  );

  it.each([[0], [1001], [1.5]])('rejects a page limit of %d', async (limit) => {
    const store = await openLowdbStore({ dataDir: await tempDir() });
    await expect(store.listAudit('org-1', { limit })).rejects.toThrow(TypeError);
    await store.close();
  });
});
