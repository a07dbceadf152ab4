// A connection's credential at rest and in use: secrets and private keys live only in the store's
// encrypted secrets (read through `readSecret`), documents keep the public parts and expiry.
import { randomBytes } from 'node:crypto';
import type { ConnectionCredential } from '../domain/types.js';
import { AppError } from '../http/errors.js';
import {
  describeCertificate,
  generateCertificateCredential,
  type AppCredential,
} from '../microsoft/identity/index.js';
import { prepareCredential } from '../microsoft/identity/credentials.js';
import type { Store } from '../store/index.js';

/** What an admin supplies for a bring-your-own app registration. */
export type CredentialInput =
  | { kind: 'secret'; secret: string; expiresAt: string }
  | { kind: 'certificate'; certificatePem: string; privateKeyPem: string }
  | { kind: 'generateCertificate'; validDays: number };

export interface SaveCredentialOptions {
  store: Store;
  orgId: string;
  connectionId: string;
  clientId: string;
  input: CredentialInput;
  /** Common name of a generated certificate. */
  subject: string;
  now: number;
}

/**
 * Checks the input and writes its secret part; returns the document part. A fresh secret name per
 * save, so a rotation never overwrites the credential still in use until the caller switches over.
 */
export async function saveCredential(
  options: SaveCredentialOptions,
): Promise<ConnectionCredential> {
  const { store, orgId, connectionId, clientId, input, now } = options;
  const secretName = `connection:${connectionId}:${randomBytes(6).toString('hex')}`;
  const updatedAt = new Date(now).toISOString();
  if (input.kind === 'secret') {
    if (Date.parse(input.expiresAt) <= now) {
      throw new AppError('ERR_CONNECTION_CREDENTIAL_INVALID', {
        detail: "The secret's expiry date has passed; create a new secret in Entra ID.",
      });
    }
    await store.putSecret(orgId, secretName, input.secret);
    return {
      kind: 'secret',
      clientId,
      secretName,
      expiresAt: new Date(input.expiresAt).toISOString(),
      updatedAt,
    };
  }
  let certificatePem: string;
  let privateKeyPem: string;
  let generated = false;
  if (input.kind === 'generateCertificate') {
    const made = await generateCertificateCredential({
      subject: options.subject.slice(0, 64),
      validDays: input.validDays,
      clock: { now: () => now },
    });
    certificatePem = made.certificatePem;
    privateKeyPem = made.privateKeyPem;
    generated = true;
  } else {
    try {
      const prepared = prepareCredential(
        {
          kind: 'certificate',
          clientId,
          certificatePem: input.certificatePem,
          privateKeyPem: input.privateKeyPem,
        },
        'organizations',
      );
      if (prepared.kind !== 'certificate') throw new TypeError('not a certificate');
      certificatePem = prepared.certificatePem;
      privateKeyPem = prepared.privateKeyPem;
    } catch (error) {
      throw new AppError('ERR_CONNECTION_CREDENTIAL_INVALID', {
        detail: error instanceof Error ? error.message : 'The certificate cannot be used.',
        cause: error,
      });
    }
  }
  const summary = describeCertificate(certificatePem);
  if (summary.notAfter.getTime() <= now) {
    throw new AppError('ERR_CONNECTION_CREDENTIAL_INVALID', {
      detail: 'The certificate has expired.',
    });
  }
  await store.putSecret(orgId, secretName, privateKeyPem);
  return {
    kind: 'certificate',
    clientId,
    secretName,
    certificatePem,
    thumbprintSha256: summary.thumbprintSha256,
    expiresAt: summary.notAfter.toISOString(),
    updatedAt,
    ...(generated ? { generated } : {}),
  };
}

/** The msal credential of a connection: Quorum's own for platform, else the stored secret or key. */
export async function appCredentialOf(
  store: Store,
  orgId: string,
  credential: ConnectionCredential,
  platform: AppCredential,
): Promise<AppCredential> {
  if (credential.kind === 'platform') return platform;
  const material = credential.secretName
    ? await store.readSecret(orgId, credential.secretName)
    : undefined;
  if (material === undefined) {
    throw new Error(`the ${credential.kind} of this connection is missing from the store`);
  }
  if (credential.kind === 'secret') {
    return { kind: 'secret', clientId: credential.clientId, secret: material };
  }
  return {
    kind: 'certificate',
    clientId: credential.clientId,
    certificatePem: credential.certificatePem ?? '',
    privateKeyPem: material,
  };
}

/** Removes the stored secret part of a credential (after rotation or deletion). */
export async function deleteCredentialSecret(
  store: Store,
  orgId: string,
  credential: ConnectionCredential,
): Promise<void> {
  if (credential.secretName) await store.deleteSecret(orgId, credential.secretName);
}
