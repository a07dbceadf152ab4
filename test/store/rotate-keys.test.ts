import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { KeyringFileContent } from '../../server/store/keyring.js';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { rotateKeys } from '../../server/store/rotate-keys.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const run = promisify(execFile);

const SECRETS = [
  ['org-1', 'client-secret', 'secret-one'],
  ['org-1', 'certificate-key', 'key-one'],
  ['org-2', 'client-secret', 'secret-two'],
] as const;

async function seed(dataDir: string): Promise<string> {
  const store = await openLowdbStore({ dataDir });
  for (const [orgId, name, value] of SECRETS) await store.putSecret(orgId, name, value);
  await store.putSystemSecret('state-key', 'system-value');
  await store.close();
  return (await keyringOf(dataDir)).current;
}

async function keyringOf(dataDir: string): Promise<KeyringFileContent> {
  return JSON.parse(
    await readFile(path.join(dataDir, 'keyring.json'), 'utf8'),
  ) as KeyringFileContent;
}

async function kidsOnDisk(dataDir: string): Promise<string[]> {
  const kids: string[] = [];
  for (const file of [
    'orgs/org-1/secrets.json',
    'orgs/org-2/secrets.json',
    'system-secrets.json',
  ]) {
    const { secrets } = JSON.parse(await readFile(path.join(dataDir, file), 'utf8')) as {
      secrets: Record<string, { kid: string }>;
    };
    kids.push(...Object.values(secrets).map((envelope) => envelope.kid));
  }
  return kids;
}

async function expectAllReadable(dataDir: string): Promise<void> {
  const store = await openLowdbStore({ dataDir });
  for (const [orgId, name, value] of SECRETS)
    expect(await store.readSecret(orgId, name)).toBe(value);
  expect(await store.readSystemSecret('state-key')).toBe('system-value');
  await store.close();
}

async function editEnvelope(
  dataDir: string,
  edit: (envelope: Record<string, string>) => void,
): Promise<void> {
  const file = path.join(dataDir, 'orgs/org-2/secrets.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as {
    secrets: Record<string, Record<string, string>>;
  };
  edit(json.secrets['client-secret']!);
  await writeFile(file, JSON.stringify(json));
}

describe('rotateKeys', () => {
  it('re-encrypts every secret with a new key and removes the old one', async () => {
    const dataDir = await tempDir();
    const oldKid = await seed(dataDir);

    const result = await rotateKeys({ dataDir });

    expect(result.newKid).not.toBe(oldKid);
    expect(result).toMatchObject({
      reencrypted: 4,
      retiredKids: [oldKid],
      keptKids: [],
      failures: [],
    });
    expect(result.filesRewritten).toHaveLength(3);
    const keyring = await keyringOf(dataDir);
    expect(keyring.current).toBe(result.newKid);
    expect(Object.keys(keyring.keys)).toEqual([result.newKid]);
    expect(new Set(await kidsOnDisk(dataDir))).toEqual(new Set([result.newKid]));
    await expectAllReadable(dataDir);
  });

  it('keeps the old key and reports the secret when a ciphertext fails authentication', async () => {
    const dataDir = await tempDir();
    const oldKid = await seed(dataDir);
    await editEnvelope(dataDir, (envelope) => {
      envelope.ct = Buffer.from('forged').toString('base64url');
    });

    const result = await rotateKeys({ dataDir });

    expect(result.failures).toEqual([
      {
        file: path.join(dataDir, 'orgs/org-2/secrets.json'),
        name: 'client-secret',
        kid: oldKid,
        code: 'ERR_SECRET_TAMPERED',
        message: 'secret client-secret failed authentication',
      },
    ]);
    expect(result).toMatchObject({ reencrypted: 3, keptKids: [oldKid], retiredKids: [] });
    expect(Object.keys((await keyringOf(dataDir)).keys).sort()).toEqual(
      [oldKid, result.newKid].sort(),
    );
  });

  it('reports a ciphertext under an unknown key and still retires the old key', async () => {
    const dataDir = await tempDir();
    const oldKid = await seed(dataDir);
    await editEnvelope(dataDir, (envelope) => {
      envelope.kid = 'deadbeef';
    });

    const result = await rotateKeys({ dataDir });

    expect(result.failures).toMatchObject([
      { name: 'client-secret', kid: 'deadbeef', code: 'ERR_SECRET_KEY_UNKNOWN' },
    ]);
    expect(result).toMatchObject({ retiredKids: [oldKid], keptKids: [] });
  });

  it('leaves every secret readable when interrupted half-way, and finishes when run again', async () => {
    const dataDir = await tempDir();
    const oldKid = await seed(dataDir);
    let calls = 0;
    // Call 1 makes the new key; each later call is the iv of one re-encrypted secret. Fail on the 3rd.
    const failing = (size: number): Buffer => {
      calls += 1;
      if (calls === 4) throw new Error('simulated crash');
      return randomBytes(size);
    };

    await expect(rotateKeys({ dataDir, randomBytes: failing })).rejects.toThrow('simulated crash');
    const halfway = await keyringOf(dataDir);
    expect(Object.keys(halfway.keys)).toContain(oldKid);
    expect(new Set(await kidsOnDisk(dataDir))).toEqual(new Set([oldKid, halfway.current]));
    await expectAllReadable(dataDir);

    const result = await rotateKeys({ dataDir });
    expect(Object.keys((await keyringOf(dataDir)).keys)).toEqual([result.newKid]);
    expect(result.retiredKids.sort()).toEqual([oldKid, halfway.current].sort());
    await expectAllReadable(dataDir);
  });

  it('refuses to run while a store holds the data directory', async () => {
    const dataDir = await tempDir();
    await seed(dataDir);
    const store = await openLowdbStore({ dataDir });
    await expect(rotateKeys({ dataDir })).rejects.toMatchObject({ code: 'ERR_STORE_LOCKED' });
    await store.close();
  });

  it('refuses to run without a keyring file with ERR_KEYRING_INVALID', async () => {
    const dataDir = await tempDir();
    await expect(rotateKeys({ dataDir })).rejects.toMatchObject({ code: 'ERR_KEYRING_INVALID' });
  });

  it('runs as `npm run rotate-key` with the data dir and keyring file from the environment', async () => {
    const dataDir = await tempDir();
    const oldKid = await seed(dataDir);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/rotate-key.ts'], {
      env: {
        ...process.env,
        QUORUM_DATA_DIR: dataDir,
        QUORUM_KEYRING_FILE: path.join(dataDir, 'keyring.json'),
      },
    });
    const { current } = await keyringOf(dataDir);
    expect(stdout).toContain(`new key ${current} is current`);
    expect(stdout).toContain('re-encrypted 4 secret(s) in 3 file(s)');
    expect(stdout).toContain(`retired keys: ${oldKid}`);
    await expectAllReadable(dataDir);
  });
});
