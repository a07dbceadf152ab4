// AES-256-GCM envelopes `{kid, iv, tag, ct}` (base64url), bound to where the secret is stored.
import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { SecretTamperedError } from './errors.js';
import type { Keyring } from './keyring.js';

/** What is stored on disk in place of a secret. */
export interface SecretEnvelope {
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Additional authenticated data: the scope and name the secret is filed under, so a ciphertext copied
 * to another org or another name fails authentication instead of decrypting.
 */
export function secretAad(scope: string, name: string): Buffer {
  return Buffer.from(`quorum-secret:v1:${scope}:${name}`, 'utf8');
}

export function sealSecret(
  keyring: Keyring,
  plaintext: string,
  aad: Buffer,
  random: (size: number) => Buffer = nodeRandomBytes,
): SecretEnvelope {
  const iv = random(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.currentKey, iv, {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    kid: keyring.currentKid,
    iv: iv.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
    ct: ct.toString('base64url'),
  };
}

/**
 * Decrypts an envelope. Throws `ERR_SECRET_KEY_UNKNOWN` when its kid is not in the keyring and
 * `ERR_SECRET_TAMPERED` when it is malformed or fails authentication.
 */
export function openSecret(keyring: Keyring, envelope: unknown, aad: Buffer, name: string): string {
  if (!isSecretEnvelope(envelope)) throw new SecretTamperedError(name);
  const key = keyring.key(envelope.kid);
  const iv = Buffer.from(envelope.iv, 'base64url');
  const tag = Buffer.from(envelope.tag, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretTamperedError(name);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const pt = Buffer.concat([
      decipher.update(Buffer.from(envelope.ct, 'base64url')),
      decipher.final(),
    ]);
    return pt.toString('utf8');
  } catch (error) {
    throw new SecretTamperedError(name, error);
  }
}

export function isSecretEnvelope(value: unknown): value is SecretEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['kid', 'iv', 'tag', 'ct'].every((field) => typeof record[field] === 'string');
}
