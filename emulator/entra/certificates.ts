// Certificate credentials of app registrations: parses a PEM certificate into what Entra keeps
// (SHA-1 and SHA-256 thumbprints, validity window from the certificate itself).
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import type { CertificateCredential } from '../world/types.js';

/** Parses a PEM certificate; throws a readable error when it is not one. */
export function certificateCredential(
  certPem: string,
  keyId = randomUUID(),
): CertificateCredential {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new Error('certPem is not a PEM-encoded X.509 certificate');
  }
  if (cert.publicKey.asymmetricKeyType !== 'rsa') {
    throw new Error('Entra accepts RSA certificates for client assertions only');
  }
  return {
    keyId,
    certPem: cert.toString(),
    thumbprintSha1: createHash('sha1').update(cert.raw).digest('base64url'),
    thumbprintSha256: createHash('sha256').update(cert.raw).digest('base64url'),
    startDateTime: new Date(cert.validFrom).toISOString(),
    endDateTime: new Date(cert.validTo).toISOString(),
  };
}

/** Upper-case hex of a base64url thumbprint, as Entra prints it in error messages. */
export function thumbprintHex(base64url: string): string {
  return Buffer.from(base64url, 'base64url').toString('hex').toUpperCase();
}
