// Self-signed RSA certificates for client-assertion tests, in the forms msal-node takes
// (PEM private key, hex SHA-1 / SHA-256 thumbprints, PEM chain for x5c).
import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface TestCertificate {
  certPem: string;
  privateKeyPem: string;
  /** Hex SHA-1 thumbprint (msal `thumbprint`). */
  thumbprint: string;
  /** Hex SHA-256 thumbprint (msal `thumbprintSha256`). */
  thumbprintSha256: string;
}

const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

/** Creates a self-signed RSA certificate valid from `notBefore` to `notAfter` (default: a year from yesterday). */
export async function createTestCertificate(
  options: { notBefore?: Date; notAfter?: Date; commonName?: string } = {},
): Promise<TestCertificate> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    name: `CN=${options.commonName ?? 'Quorum test client'}`,
    notBefore: options.notBefore ?? new Date(now - 86_400_000),
    notAfter: options.notAfter ?? new Date(now + 365 * 86_400_000),
    keys,
    signingAlgorithm: RSA,
  });
  const der = Buffer.from(cert.rawData);
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as webcrypto.CryptoKey);
  return {
    certPem: cert.toString('pem'),
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
    thumbprintSha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
  };
}
