import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Keyring, kidForKey, parseSecretKey } from '../../server/store/keyring.js';
import { openLowdbStore } from '../../server/store/lowdb-store.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('keyring', () => {
  it('creates a 0600 keyring file holding one random 32-byte key on first start', async () => {
    const dataDir = await tempDir();
    const keyringFile = path.join(dataDir, 'keys', 'keyring.json');
    const keyring = await Keyring.open({ keyringFile });
    const content = JSON.parse(await readFile(keyringFile, 'utf8'));
    expect(Object.keys(content.keys)).toEqual([content.current]);
    const key = Buffer.from(content.keys[content.current], 'base64');
    expect(key).toHaveLength(32);
    expect(content.current).toBe(createHash('sha256').update(key).digest('hex').slice(0, 8));
    expect(keyring.currentKid).toBe(content.current);
    expect((await stat(keyringFile)).mode & 0o777).toBe(0o600);

    const again = await Keyring.open({ keyringFile });
    expect(again.currentKid).toBe(keyring.currentKid);
  });

  it('uses the configured key with kid = first 8 hex chars of its sha256, and creates no file', async () => {
    const dataDir = await tempDir();
    const key = randomBytes(32);
    const keyringFile = path.join(dataDir, 'keyring.json');
    const keyring = await Keyring.open({ keyringFile, secretKey: key.toString('base64') });
    expect(keyring.currentKid).toBe(createHash('sha256').update(key).digest('hex').slice(0, 8));
    expect(keyring.currentKid).toBe(kidForKey(key));
    await expect(stat(keyringFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('still decrypts with keyring-file keys after switching to a configured key', async () => {
    const dataDir = await tempDir();
    const before = await openLowdbStore({ dataDir });
    await before.putSecret('org-1', 'client-secret', 'value-1');
    await before.close();

    const secretKey = randomBytes(32).toString('base64');
    const after = await openLowdbStore({ dataDir, secretKey });
    expect(await after.readSecret('org-1', 'client-secret')).toBe('value-1');
    await after.putSecret('org-1', 'other', 'value-2');
    await after.close();
    const secrets = JSON.parse(
      await readFile(path.join(dataDir, 'orgs/org-1/secrets.json'), 'utf8'),
    );
    expect(secrets.secrets.other.kid).toBe(kidForKey(Buffer.from(secretKey, 'base64')));
  });

  it.each([
    ['too short', randomBytes(16).toString('base64')],
    ['too long', randomBytes(33).toString('base64')],
    ['not base64', 'this is not base64 at all!!!!!!!!!!!!!!!!!!!!'],
    ['empty', ''],
  ])(
    'rejects a configured key that is %s with ERR_SECRET_KEY_INVALID naming the variable',
    (_, value) => {
      expect(() => parseSecretKey(value)).toThrow(
        expect.objectContaining({
          code: 'ERR_SECRET_KEY_INVALID',
          message: 'QUORUM_SECRET_KEY must be 32 bytes, base64',
        }),
      );
    },
  );

  it('accepts a configured key in base64url', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('base64url')).equals(key)).toBe(true);
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    ['the wrong shape', '{"current": 1}', 'must be { "current": kid, "keys": { kid: base64 } }'],
    [
      'a current key it does not hold',
      '{"current":"a","keys":{}}',
      'current key a is not in "keys"',
    ],
    ['a short key', '{"current":"a","keys":{"a":"AAAA"}}', 'key a must be 32 bytes, base64'],
  ])('rejects a keyring file with %s with ERR_KEYRING_INVALID', async (_, text, reason) => {
    const keyringFile = path.join(await tempDir(), 'keyring.json');
    await writeFile(keyringFile, text);
    await expect(Keyring.open({ keyringFile })).rejects.toMatchObject({
      code: 'ERR_KEYRING_INVALID',
      message: `keyring file ${keyringFile}: ${reason}`,
    });
  });

  it('throws ERR_SECRET_KEY_UNKNOWN naming the kid it does not hold', async () => {
    const keyring = await Keyring.open({ keyringFile: path.join(await tempDir(), 'k.json') });
    expect(() => keyring.key('0badc0de')).toThrow(
      expect.objectContaining({ code: 'ERR_SECRET_KEY_UNKNOWN', kid: '0badc0de' }),
    );
  });
});
