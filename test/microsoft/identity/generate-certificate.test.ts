// The generated certificate credential: an RSA-2048 key that matches a self-signed certificate with
// the requested validity, and thumbprints as the Azure portal and msal expect them.
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeCertificate,
  generateCertificateCredential,
} from '../../../server/microsoft/identity/index.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const clock = { now: () => NOW };

describe('generateCertificateCredential', () => {
  it('creates an RSA-2048 key pair and a self-signed certificate valid for the given days', async () => {
    const generated = await generateCertificateCredential({
      subject: 'Quorum – Contoso',
      validDays: 365,
      clock,
    });
    const cert = new X509Certificate(generated.certificatePem);
    const key = createPrivateKey(generated.privateKeyPem);
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(cert.checkPrivateKey(key)).toBe(true);
    expect(cert.subject).toBe('CN=Quorum – Contoso');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(generated.notAfter.getTime()).toBe(NOW + 365 * DAY);
    expect(generated.notBefore.getTime()).toBeLessThan(NOW);
    expect(generated.notBefore.getTime()).toBeGreaterThanOrEqual(NOW - 10 * 60_000);
    expect(generated.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });

  it('reports SHA-1 and SHA-256 thumbprints of the DER in upper-case hex', async () => {
    const generated = await generateCertificateCredential({ subject: 'thumbs', validDays: 1 });
    const der = new X509Certificate(generated.certificatePem).raw;
    expect(generated.thumbprintSha1).toBe(
      createHash('sha1').update(der).digest('hex').toUpperCase(),
    );
    expect(generated.thumbprintSha256).toBe(
      createHash('sha256').update(der).digest('hex').toUpperCase(),
    );
    expect(describeCertificate(generated.certificatePem)).toMatchObject({
      subject: 'CN=thumbs',
      thumbprintSha1: generated.thumbprintSha1,
      notAfter: generated.notAfter,
    });
  });

  it('creates a different key pair each time', async () => {
    const [a, b] = await Promise.all([
      generateCertificateCredential({ subject: 'a', validDays: 1 }),
      generateCertificateCredential({ subject: 'a', validDays: 1 }),
    ]);
    expect(a.thumbprintSha256).not.toBe(b.thumbprintSha256);
    expect(a.privateKeyPem).not.toBe(b.privateKeyPem);
  });

  it.each([
    ['an empty subject', { subject: '  ', validDays: 30 }],
    ['a subject over 64 characters', { subject: 'x'.repeat(65), validDays: 30 }],
    ['zero days', { subject: 'q', validDays: 0 }],
    ['fractional days', { subject: 'q', validDays: 1.5 }],
    ['more than ten years', { subject: 'q', validDays: 3651 }],
  ])('rejects %s with a TypeError', async (_, options) => {
    await expect(generateCertificateCredential(options)).rejects.toThrow(TypeError);
  });
});

describe('describeCertificate', () => {
  it('rejects text without a PEM certificate', () => {
    expect(() => describeCertificate('nothing here')).toThrow(TypeError);
  });
});
