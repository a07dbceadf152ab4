// A throwaway certificate authority for tests: a CA PEM to trust and leaf certificates it signs.
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

export interface TestCa {
  readonly caPem: string;
  /** Issues a server certificate for the given DNS names and IP addresses. */
  issue(names?: readonly string[]): Promise<TestCertificate>;
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
}

function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 60_000), notAfter: new Date(now + 24 * 3600_000) };
}

/** Creates a CA valid for a day. */
export async function createTestCa(name = 'Quorum Test CA'): Promise<TestCa> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const caKeys = (await webcrypto.subtle.generateKey(ALG, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: `CN=${name}`,
    keys: caKeys,
    signingAlgorithm: ALG,
    ...validity(),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  let serial = 1;
  return {
    caPem: ca.toString('pem'),
    async issue(names = ['localhost', '127.0.0.1']) {
      const keys = (await webcrypto.subtle.generateKey(ALG, true, [
        'sign',
        'verify',
      ])) as CryptoKeyPair;
      serial += 1;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial.toString(16).padStart(2, '0'),
        subject: `CN=${names[0] ?? 'localhost'}`,
        issuer: ca.subject,
        publicKey: keys.publicKey,
        signingKey: caKeys.privateKey,
        signingAlgorithm: ALG,
        ...validity(),
        extensions: [
          new x509.BasicConstraintsExtension(false, undefined, true),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.SubjectAlternativeNameExtension(
            names.map((n) => ({
              type: /^[\d.]+$|:/.test(n) ? ('ip' as const) : ('dns' as const),
              value: n,
            })),
          ),
          await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
        ],
      });
      return { certPem: cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
    },
  };
}
