// "Bring your own app" with a certificate: Quorum makes the key pair, keeps the private key, and hands
// the admin only the public certificate to upload to their app registration.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { systemClock, type Clock } from '../../clock.js';
import { describeCertificate } from './credentials.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA_ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;
const DAY_MS = 86_400_000;
/** Start a few minutes early, so a verifier whose clock runs behind ours never sees a future certificate. */
const BACKDATE_MS = 5 * 60_000;
const MAX_VALID_DAYS = 3650;

export interface GenerateCertificateOptions {
  /** Common name, e.g. `Quorum – Contoso`; shown in the Azure portal's certificate list. */
  readonly subject: string;
  /** Whole days from now until notAfter, 1 to 3650. */
  readonly validDays: number;
  readonly clock?: Clock;
}

export interface GeneratedCertificate {
  /** The public certificate to upload to the app registration. */
  readonly certificatePem: string;
  /** PKCS#8, unencrypted: encrypt it at rest before storing. */
  readonly privateKeyPem: string;
  /** Hex, upper case: the "Thumbprint" the Azure portal lists. */
  readonly thumbprintSha1: string;
  readonly thumbprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** Creates an RSA-2048 key pair and a self-signed certificate for client authentication. */
export async function generateCertificateCredential(
  options: GenerateCertificateOptions,
): Promise<GeneratedCertificate> {
  const subject = options.subject.trim();
  if (subject.length === 0 || subject.length > 64) {
    throw new TypeError('subject must be 1 to 64 characters (an X.509 common name)');
  }
  if (!Number.isInteger(options.validDays) || options.validDays < 1) {
    throw new TypeError('validDays must be a positive whole number');
  }
  if (options.validDays > MAX_VALID_DAYS) {
    throw new TypeError(`validDays must be at most ${MAX_VALID_DAYS}`);
  }
  const now = (options.clock ?? systemClock).now();
  const keys = (await webcrypto.subtle.generateKey(RSA_ALG, true, [
    'sign',
    'verify',
  ])) as unknown as CryptoKeyPair;
  const name: x509.JsonName = [{ CN: [subject] }];
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    notBefore: new Date(now - BACKDATE_MS),
    notAfter: new Date(now + options.validDays * DAY_MS),
    keys,
    signingAlgorithm: RSA_ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey(
    'pkcs8',
    keys.privateKey as unknown as webcrypto.CryptoKey,
  );
  const certificatePem = cert.toString('pem');
  const summary = describeCertificate(certificatePem);
  return {
    certificatePem,
    privateKeyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    thumbprintSha1: summary.thumbprintSha1,
    thumbprintSha256: summary.thumbprintSha256,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
  };
}

function randomSerial(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // a positive INTEGER
  return Buffer.from(bytes).toString('hex');
}
