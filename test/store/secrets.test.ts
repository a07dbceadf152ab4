import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { readAllFiles, useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

const CLIENT_SECRET = 'Qx8~clientSecretValue.ThatMustNeverHitTheDisk-7f3a';
const PRIVATE_KEY =
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
const REFRESH_TOKEN = '0.AXoA-refresh-token-value-8c1e';

type Envelope = Record<'kid' | 'iv' | 'tag' | 'ct', string>;
interface SecretsJson {
  secrets: Record<string, Envelope>;
}

async function secretsFile(
  dataDir: string,
  orgId: string,
): Promise<{ file: string; json: SecretsJson }> {
  const file = path.join(dataDir, 'orgs', orgId, 'secrets.json');
  return { file, json: JSON.parse(await readFile(file, 'utf8')) as SecretsJson };
}

describe('secrets at rest', () => {
  it('never writes a plaintext, in any encoding, to any file under the data dir', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'client-secret', CLIENT_SECRET);
    await store.putSecret('org-1', 'certificate-key', PRIVATE_KEY);
    await store.putSecret('org-2', 'refresh-token:user-1', REFRESH_TOKEN);
    await store.putSystemSecret('consent-state-key', CLIENT_SECRET);
    await store.putOrgDoc('org-1', 'connection', {
      credential: { kind: 'secret', clientId: 'app-1' },
    });
    await store.appendAudit('org-1', { actor: 'a', action: 'credential.rotate', target: 'conn-1' });
    await store.close();

    const files = await readAllFiles(dataDir);
    expect(files.map((f) => path.relative(dataDir, f.file)).sort()).toEqual(
      expect.arrayContaining(['orgs/org-1/secrets.json', 'system-secrets.json', 'keyring.json']),
    );
    for (const plaintext of [
      CLIENT_SECRET,
      PRIVATE_KEY,
      REFRESH_TOKEN,
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
    ]) {
      for (const encoded of [
        plaintext,
        JSON.stringify(plaintext).slice(1, -1),
        Buffer.from(plaintext).toString('base64'),
        Buffer.from(plaintext).toString('base64url'),
        Buffer.from(plaintext).toString('hex'),
      ]) {
        for (const { file, bytes } of files) {
          expect(bytes.includes(encoded), `${file} contains ${encoded.slice(0, 20)}…`).toBe(false);
        }
      }
    }
  });

  it('stores each secret as a {kid, iv, tag, ct} envelope in a 0600 file apart from documents', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'client-secret', CLIENT_SECRET);
    await store.close();

    const { file, json } = await secretsFile(dataDir, 'org-1');
    const envelope = json.secrets['client-secret']!;
    expect(Object.keys(envelope).sort()).toEqual(['ct', 'iv', 'kid', 'tag']);
    for (const field of ['iv', 'tag', 'ct'])
      expect(envelope[field as keyof Envelope]).toMatch(/^[A-Za-z0-9_-]+$/);
    const keyring = JSON.parse(await readFile(path.join(dataDir, 'keyring.json'), 'utf8'));
    expect(envelope.kid).toBe(keyring.current);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('gives plaintext back only through readSecret, across restarts', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'client-secret', CLIENT_SECRET);
    await store.putSystemSecret('consent-state-key', REFRESH_TOKEN);
    await store.close();

    const reopened = await openLowdbStore({ dataDir });
    expect(await reopened.readSecret('org-1', 'client-secret')).toBe(CLIENT_SECRET);
    expect(await reopened.readSystemSecret('consent-state-key')).toBe(REFRESH_TOKEN);
    expect(await reopened.listSecretNames('org-1')).toEqual(['client-secret']);
    expect(await reopened.getOrgDoc('org-1', 'client-secret')).toBeUndefined();
    expect(await reopened.listOrgDocKeys('org-1')).toEqual([]);
    expect(await reopened.readSecret('org-2', 'client-secret')).toBeUndefined();
    expect(await reopened.deleteSecret('org-1', 'client-secret')).toBe(true);
    expect(await reopened.readSecret('org-1', 'client-secret')).toBeUndefined();
    expect(await reopened.deleteSystemSecret('consent-state-key')).toBe(true);
    await reopened.close();
  });

  it.each([
    ['the ciphertext', 'ct'],
    ['the tag', 'tag'],
    ['the iv', 'iv'],
  ])('fails with ERR_SECRET_TAMPERED when %s is altered', async (_, field) => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'client-secret', CLIENT_SECRET);
    await store.close();
    const { file, json } = await secretsFile(dataDir, 'org-1');
    const bytes = Buffer.from(json.secrets['client-secret']![field as keyof Envelope], 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    json.secrets['client-secret']![field as keyof Envelope] = bytes.toString('base64url');
    await writeFile(file, JSON.stringify(json));

    const reopened = await openLowdbStore({ dataDir });
    await expect(reopened.readSecret('org-1', 'client-secret')).rejects.toMatchObject({
      code: 'ERR_SECRET_TAMPERED',
      secretName: 'client-secret',
    });
    await reopened.close();
  });

  it('fails with ERR_SECRET_TAMPERED when a ciphertext is moved to another org or name', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'client-secret', CLIENT_SECRET);
    await store.putSecret('org-2', 'placeholder', 'x');
    await store.close();
    const { json: source } = await secretsFile(dataDir, 'org-1');
    const { file, json: target } = await secretsFile(dataDir, 'org-2');
    target.secrets['client-secret'] = source.secrets['client-secret']!;
    target.secrets['renamed'] = source.secrets['client-secret']!;
    await writeFile(file, JSON.stringify(target));

    const reopened = await openLowdbStore({ dataDir });
    for (const name of ['client-secret', 'renamed']) {
      await expect(reopened.readSecret('org-2', name)).rejects.toMatchObject({
        code: 'ERR_SECRET_TAMPERED',
      });
    }
    await reopened.close();
  });

  it('fails with ERR_SECRET_TAMPERED on a malformed envelope', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'client-secret', CLIENT_SECRET);
    await store.close();
    const { file, json } = await secretsFile(dataDir, 'org-1');
    delete (json.secrets['client-secret'] as Partial<Envelope>).tag;
    await writeFile(file, JSON.stringify(json));

    const reopened = await openLowdbStore({ dataDir });
    await expect(reopened.readSecret('org-1', 'client-secret')).rejects.toMatchObject({
      code: 'ERR_SECRET_TAMPERED',
    });
    await reopened.close();
  });

  it('fails with ERR_SECRET_KEY_UNKNOWN naming the kid when the key is not in the keyring', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'client-secret', CLIENT_SECRET);
    await store.close();
    const { file, json } = await secretsFile(dataDir, 'org-1');
    json.secrets['client-secret']!.kid = 'deadbeef';
    await writeFile(file, JSON.stringify(json));

    const reopened = await openLowdbStore({ dataDir });
    const failure = reopened.readSecret('org-1', 'client-secret');
    await expect(failure).rejects.toMatchObject({
      code: 'ERR_SECRET_KEY_UNKNOWN',
      kid: 'deadbeef',
    });
    await expect(failure).rejects.toThrow(
      'secret is encrypted with key deadbeef, which is not in the keyring',
    );
    await reopened.close();
  });

  it('uses a fresh iv for every encryption', async () => {
    const dataDir = await tempDir();
    const store = await openLowdbStore({ dataDir });
    await store.putSecret('org-1', 'a', CLIENT_SECRET);
    await store.putSecret('org-1', 'b', CLIENT_SECRET);
    await store.close();
    const { json } = await secretsFile(dataDir, 'org-1');
    expect(json.secrets.a!.iv).not.toBe(json.secrets.b!.iv);
    expect(json.secrets.a!.ct).not.toBe(json.secrets.b!.ct);
  });
});
