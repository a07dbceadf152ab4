import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { ITEMS, MEMBERS, type BigDoc } from './fixtures/write-loop.js';
import { readAllFiles, useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'write-loop.ts');

/**
 * Runs the write loop until it has flushed `rounds` rounds, SIGKILLs it after `delayMs`, and returns
 * the rounds it acknowledged.
 */
async function runAndKill(dataDir: string, rounds: number, delayMs: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const acked = (): number[] => output.split('\n').slice(0, -1).map(Number);
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (acked().length >= rounds) resolve();
    });
    child.once('exit', (code) => reject(new Error(`write loop exited (${code}): ${errors}`)));
  });
  await sleep(delayMs);
  child.kill('SIGKILL');
  // Reaped before the next open, so its lock is seen as stale.
  await exited;
  return acked();
}

describe('crash safety', () => {
  it('reads the last fully written state after SIGKILL at random points during big writes', async () => {
    const dataDir = await tempDir();
    let auditSeen = 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      const acked = await runAndKill(dataDir, randomInt(1, 4), randomInt(0, 40));
      const lastAcked = acked.at(-1)!;

      // Every JSON file on disk parses: nothing truncated, nothing half-replaced.
      for (const { file, bytes } of await readAllFiles(dataDir)) {
        if (file.endsWith('.json'))
          expect(() => JSON.parse(bytes.toString('utf8')), file).not.toThrow();
      }

      const store = await openLowdbStore({ dataDir });
      const big = (await store.getOrgDoc<BigDoc>('org-1', 'big'))!;
      // The last acknowledged round, or the one being written when the kill came: never older.
      expect([lastAcked, lastAcked + 1]).toContain(big.round);
      expect(big.items).toHaveLength(ITEMS);
      expect(big.items.every((item, i) => item.i === i && item.round === big.round)).toBe(true);
      // Written in the same file as `big`, so always from the same round.
      expect(await store.getOrgDoc('org-1', 'round')).toBe(big.round);

      const members = await store.listMembers<{ id: string; round: number }>('org-1');
      expect(members).toHaveLength(MEMBERS);
      for (const member of members) expect([lastAcked, lastAcked + 1]).toContain(member.round);

      const token = await store.readSecret('org-1', 'token');
      expect([`token-${lastAcked}`, `token-${lastAcked + 1}`]).toContain(token);

      const newest = (await store.listAudit('org-1', { limit: 1 })).entries[0]!;
      expect(Number(newest.target)).toBeGreaterThanOrEqual(lastAcked);
      // A round killed after its audit line but before its documents is redone by the next run, so
      // rounds may repeat; they never go backwards, and no acknowledged entry is lost.
      const all = await store.listAudit('org-1', { limit: 1000 });
      const rounds = all.entries.map((entry) => Number(entry.target));
      expect(rounds).toEqual([...rounds].sort((a, b) => b - a));
      expect(all.entries.length).toBeGreaterThanOrEqual(auditSeen + acked.length);
      auditSeen = all.entries.length;
      await store.close();
    }
  }, 120_000);
});
