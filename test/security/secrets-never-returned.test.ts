// Secrets an admin hands Quorum (a bring-your-own client secret, a generated certificate's private
// key) and the one Quorum shows once (the alert-webhook signing secret) are never answered again,
// never logged, and never written in plain text to the data directory.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckTally, recordRows } from './support/results.js';
import { scanForSecrets } from './support/secrets.js';
import { MEGAN, startSecurityQuorum, type SecurityQuorum } from './support/security-quorum.js';

let sq: SecurityQuorum;
const tally = new CheckTally('admin-given secrets never answered, logged or stored in plain text');

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

beforeAll(async () => {
  sq = await startSecurityQuorum();
});

afterAll(async () => {
  const { findings, scanned } = await sq.scan();
  const scan = new CheckTally('no secret in responses or logs (admin secrets)');
  const dirty = new Set(findings.map((f) => f.where)).size;
  for (let i = 0; i < scanned; i += 1) scan.count(i >= dirty);
  await recordRows([tally.row(), scan.row()]);
  await sq.close();
  expect(findings).toEqual([]);
});

describe('secrets given to Quorum', () => {
  it('answers, logs and stores none of them in plain text', async () => {
    const token = await sq.tokenOf(MEGAN);
    const byoSecret = `byo-secret-${crypto.randomUUID()}`;
    const byo = await sq.send('POST', '/api/org/connections', {
      token,
      body: {
        tenantId: crypto.randomUUID(),
        clientId: crypto.randomUUID(),
        credential: { kind: 'secret', secret: byoSecret, expiresAt: '2099-01-01T00:00:00Z' },
      },
    });
    const generated = await sq.send('POST', '/api/org/connections', {
      token,
      body: {
        tenantId: crypto.randomUUID(),
        clientId: crypto.randomUUID(),
        credential: { kind: 'generateCertificate' },
      },
    });
    const signing = await sq.send('POST', '/api/org/alert-webhook/signing-secret', { token });
    expect([byo.status, generated.status, signing.status]).toEqual([201, 201, 201]);
    const shownOnce = Object.values(signing.json as Record<string, unknown>).find(
      (v): v is string => typeof v === 'string' && v.length >= 16,
    )!;
    expect(shownOnce).toBeDefined();

    const reads = [];
    const connectionId = (generated.json as { id: string }).id;
    for (const path of [
      '/api/org/connections',
      `/api/org/connections/${(byo.json as { id: string }).id}`,
      `/api/org/connections/${connectionId}`,
      `/api/org/connections/${connectionId}/certificate`,
      '/api/org/settings',
      '/api/org/audit?limit=100',
      '/api/org/status',
    ]) {
      reads.push(await sq.send('GET', path, { token }));
    }
    const certificate = reads[3]!;
    expect(certificate.status).toBe(200);
    expect(certificate.text).toContain('BEGIN CERTIFICATE');

    await sq.quorum.services.store.flush();
    const stored = await Promise.all(
      (await filesUnder(sq.quorum.config.dataDir)).map(async (file) => ({
        where: file,
        text: await readFile(file, 'latin1'),
      })),
    );
    const texts = [
      { where: 'the create answer', text: byo.text },
      ...reads.map((r, i) => ({ where: `read ${i}`, text: r.text })),
      ...sq.quorum
        .logs()
        .split('\n')
        .map((line, i) => ({ where: `log ${i}`, text: line })),
      ...stored,
    ];
    const secrets = new Map([
      [byoSecret, 'the bring-your-own client secret'],
      [shownOnce, 'the alert signing secret'],
    ]);
    const findings = scanForSecrets(texts, secrets);
    for (const text of texts) tally.count(!findings.some((f) => f.where === text.where));
    expect(findings).toEqual([]);
    expect(stored.length).toBeGreaterThan(3);
  });
});
