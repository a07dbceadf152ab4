// The keys that encrypt secrets at rest: a 0600 keyring file, or one key given by configuration.
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { KeyringInvalidError, SecretKeyInvalidError, SecretKeyUnknownError } from './errors.js';

export const KEY_BYTES = 32;

/** On-disk shape of the keyring file: `current` names the key new ciphertexts use. */
export interface KeyringFileContent {
  current: string;
  keys: Record<string, string>;
}

export interface KeyringOptions {
  /** Keyring file; created with one random key (mode 0600) when absent and no `secretKey` is given. */
  keyringFile: string;
  /**
   * One key from configuration (`QUORUM_SECRET_KEY`, base64 of 32 bytes). When given it is the current
   * key and the file is only read, if it exists, for older keys that still decrypt.
   */
  secretKey?: string | undefined;
  randomBytes?: (size: number) => Buffer;
}

/** Key ids are the first 8 hex chars of the key's SHA-256: stable, and revealing nothing usable. */
export function kidForKey(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Decodes a configured key; the error names the variable the operator has to fix. */
export function parseSecretKey(value: string, variable = 'QUORUM_SECRET_KEY'): Buffer {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new SecretKeyInvalidError(variable);
  const key = Buffer.from(
    trimmed,
    trimmed.includes('-') || trimmed.includes('_') ? 'base64url' : 'base64',
  );
  if (key.length !== KEY_BYTES) throw new SecretKeyInvalidError(variable);
  return key;
}

export class Keyring {
  readonly #keys: ReadonlyMap<string, Buffer>;

  private constructor(
    readonly currentKid: string,
    keys: ReadonlyMap<string, Buffer>,
  ) {
    this.#keys = keys;
  }

  /** Builds a keyring from keys in memory; `current` must be one of them. */
  static fromKeys(current: string, keys: ReadonlyMap<string, Buffer>): Keyring {
    if (!keys.has(current)) throw new TypeError(`current key ${current} is not in the keyring`);
    return new Keyring(current, new Map(keys));
  }

  /** Loads the keyring as configured, creating the keyring file on first start. */
  static async open(options: KeyringOptions): Promise<Keyring> {
    const random = options.randomBytes ?? nodeRandomBytes;
    const fromFile = await readKeyringFile(options.keyringFile);
    if (options.secretKey !== undefined) {
      const key = parseSecretKey(options.secretKey);
      const keys = new Map(fromFile ? decodeKeys(options.keyringFile, fromFile) : []);
      const kid = kidForKey(key);
      keys.set(kid, key);
      return new Keyring(kid, keys);
    }
    if (fromFile) return new Keyring(fromFile.current, decodeKeys(options.keyringFile, fromFile));
    const { kid, key } = generateKey(random);
    await writeKeyringFile(options.keyringFile, {
      current: kid,
      keys: { [kid]: key.toString('base64') },
    });
    return new Keyring(kid, new Map([[kid, key]]));
  }

  /** The key for `kid`; throws `ERR_SECRET_KEY_UNKNOWN` naming the kid when it is not held. */
  key(kid: string): Buffer {
    const key = this.#keys.get(kid);
    if (!key) throw new SecretKeyUnknownError(kid);
    return key;
  }

  get currentKey(): Buffer {
    return this.key(this.currentKid);
  }

  get kids(): string[] {
    return [...this.#keys.keys()];
  }
}

export function generateKey(random: (size: number) => Buffer = nodeRandomBytes): {
  kid: string;
  key: Buffer;
} {
  const key = random(KEY_BYTES);
  if (key.length !== KEY_BYTES) throw new TypeError(`randomBytes returned ${key.length} bytes`);
  return { kid: kidForKey(key), key };
}

/** Reads and validates the keyring file; `undefined` when it does not exist. */
export async function readKeyringFile(file: string): Promise<KeyringFileContent | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new KeyringInvalidError(file, 'cannot be read', error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KeyringInvalidError(file, 'is not valid JSON', error);
  }
  if (!isKeyringContent(parsed)) {
    throw new KeyringInvalidError(file, 'must be { "current": kid, "keys": { kid: base64 } }');
  }
  if (!Object.prototype.hasOwnProperty.call(parsed.keys, parsed.current)) {
    throw new KeyringInvalidError(file, `current key ${parsed.current} is not in "keys"`);
  }
  decodeKeys(file, parsed);
  return parsed;
}

/** Writes the keyring file atomically with mode 0600 (its directory is created 0700 if missing). */
export async function writeKeyringFile(file: string, content: KeyringFileContent): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
}

function decodeKeys(file: string, content: KeyringFileContent): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const [kid, encoded] of Object.entries(content.keys)) {
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES) {
      throw new KeyringInvalidError(file, `key ${kid} must be ${KEY_BYTES} bytes, base64`);
    }
    keys.set(kid, key);
  }
  return keys;
}

function isKeyringContent(value: unknown): value is KeyringFileContent {
  if (typeof value !== 'object' || value === null) return false;
  const { current, keys } = value as Record<string, unknown>;
  return (
    typeof current === 'string' &&
    typeof keys === 'object' &&
    keys !== null &&
    !Array.isArray(keys) &&
    Object.values(keys).every((key) => typeof key === 'string')
  );
}
