// Key rotation: add a new current key, re-encrypt every stored secret with it, then retire old keys.
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { KeyringInvalidError, StoreError } from './errors.js';
import {
  Keyring,
  generateKey,
  readKeyringFile,
  writeKeyringFile,
  type KeyringFileContent,
} from './keyring.js';
import {
  ORGS_DIR,
  SYSTEM_SCOPE,
  isOrgId,
  orgScope,
  orgSecretsFile,
  systemSecretsFile,
} from './layout.js';
import { openSecret, sealSecret, secretAad, type SecretEnvelope } from './secret-cipher.js';
import { acquireStoreLock } from './store-lock.js';

export interface RotateKeysOptions {
  dataDir: string;
  /** Defaults to `<dataDir>/keyring.json`. */
  keyringFile?: string | undefined;
  randomBytes?: (size: number) => Buffer;
}

/** A ciphertext left as it was; its key (if still held) is kept so nothing more is lost. */
export interface RotationFailure {
  file: string;
  /** Secret name, or `*` when the whole file could not be read. */
  name: string;
  kid: string;
  code: string;
  message: string;
}

export interface RotateKeysResult {
  newKid: string;
  /** Secrets now encrypted with `newKid`. */
  reencrypted: number;
  filesRewritten: string[];
  retiredKids: string[];
  /** Old keys still in the keyring because a failed ciphertext uses them. */
  keptKids: string[];
  failures: RotationFailure[];
}

/**
 * Crash-safe order: (1) the keyring gains the new key as current while keeping the old ones, so every
 * ciphertext stays readable; (2) each secrets file is rewritten to a temp file and renamed over the old;
 * (3) only then are old keys removed. A crash at any point leaves a working store; running again
 * finishes the job. Holds the data directory lock: the server must not be running.
 */
export async function rotateKeys(options: RotateKeysOptions): Promise<RotateKeysResult> {
  const dataDir = path.resolve(options.dataDir);
  const keyringFile = options.keyringFile ?? path.join(dataDir, 'keyring.json');
  const random = options.randomBytes ?? nodeRandomBytes;
  const lock = await acquireStoreLock(dataDir);
  try {
    const before = await readKeyringFile(keyringFile);
    if (!before) throw new KeyringInvalidError(keyringFile, 'does not exist: nothing to rotate');
    let fresh = generateKey(random);
    while (Object.prototype.hasOwnProperty.call(before.keys, fresh.kid))
      fresh = generateKey(random);
    const newKid = fresh.kid;
    const during: KeyringFileContent = {
      current: newKid,
      keys: { ...before.keys, [newKid]: fresh.key.toString('base64') },
    };
    await writeKeyringFile(keyringFile, during);
    const keyring = Keyring.fromKeys(newKid, decode(during));

    const result: RotateKeysResult = {
      newKid,
      reencrypted: 0,
      filesRewritten: [],
      retiredKids: [],
      keptKids: [],
      failures: [],
    };
    for (const { file, scope } of await secretFiles(dataDir)) {
      await reencryptFile(file, scope, keyring, random, result);
    }

    const stillUsed = new Set(result.failures.map((failure) => failure.kid));
    const keys: Record<string, string> = { [newKid]: during.keys[newKid]! };
    for (const [kid, key] of Object.entries(before.keys)) {
      if (stillUsed.has(kid)) {
        keys[kid] = key;
        result.keptKids.push(kid);
      } else {
        result.retiredKids.push(kid);
      }
    }
    await writeKeyringFile(keyringFile, { current: newKid, keys });
    return result;
  } finally {
    await lock.release();
  }
}

async function reencryptFile(
  file: string,
  scope: string,
  keyring: Keyring,
  random: (size: number) => Buffer,
  result: RotateKeysResult,
): Promise<void> {
  let secrets: Record<string, SecretEnvelope>;
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { secrets?: unknown };
    if (typeof parsed.secrets !== 'object' || parsed.secrets === null)
      throw new TypeError('no secrets');
    secrets = parsed.secrets as Record<string, SecretEnvelope>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    const message = error instanceof Error ? error.message : String(error);
    result.failures.push({ file, name: '*', kid: '?', code: 'ERR_STORE_CORRUPT', message });
    return;
  }
  let changed = 0;
  const rewritten: Record<string, SecretEnvelope> = {};
  for (const [name, envelope] of Object.entries(secrets)) {
    const aad = secretAad(scope, name);
    try {
      rewritten[name] = sealSecret(keyring, openSecret(keyring, envelope, aad, name), aad, random);
      changed += 1;
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      const kid = typeof envelope?.kid === 'string' ? envelope.kid : '?';
      result.failures.push({ file, name, kid, code: error.code, message: error.message });
      rewritten[name] = envelope;
    }
  }
  if (changed === 0) return;
  await writeFileAtomic(file, JSON.stringify({ secrets: rewritten }), { mode: 0o600 });
  result.reencrypted += changed;
  result.filesRewritten.push(file);
}

/** Every file that can hold ciphertexts, with the scope bound into them. */
async function secretFiles(dataDir: string): Promise<Array<{ file: string; scope: string }>> {
  const files = [{ file: systemSecretsFile(dataDir), scope: SYSTEM_SCOPE }];
  let orgIds: string[] = [];
  try {
    orgIds = (await readdir(path.join(dataDir, ORGS_DIR))).filter(isOrgId).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const orgId of orgIds) {
    files.push({ file: orgSecretsFile(dataDir, orgId), scope: orgScope(orgId) });
  }
  return files;
}

function decode(content: KeyringFileContent): Map<string, Buffer> {
  return new Map(
    Object.entries(content.keys).map(([kid, key]) => [kid, Buffer.from(key, 'base64')]),
  );
}
