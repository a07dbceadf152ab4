// App credentials (client secret or certificate) and what msal needs from them: thumbprints, the
// chain for `x5c`, and a fingerprint that names one credential without holding its secret.
import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { IdentityError } from './errors.js';

/** A client secret of an app registration. */
export interface SecretCredential {
  readonly kind: 'secret';
  readonly clientId: string;
  readonly secret: string;
}

/** A certificate of an app registration with its RSA private key, both PEM. */
export interface CertificateCredential {
  readonly kind: 'certificate';
  readonly clientId: string;
  /** PKCS#8 or PKCS#1 RSA private key, unencrypted. */
  readonly privateKeyPem: string;
  /** The leaf certificate first, optionally followed by its chain (sent as `x5c`). */
  readonly certificatePem: string;
}

/** How Quorum authenticates as an app registration. */
export type AppCredential = SecretCredential | CertificateCredential;

/** What a certificate looks like to Entra and to the admin. */
export interface CertificateSummary {
  readonly subject: string;
  /** Hex, upper case, as the Azure portal shows it. */
  readonly thumbprintSha1: string;
  readonly thumbprintSha256: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** A credential checked and turned into what msal's configuration needs. */
export type PreparedCredential =
  | { readonly kind: 'secret'; readonly clientId: string; readonly secret: string }
  | {
      readonly kind: 'certificate';
      readonly clientId: string;
      readonly privateKeyPem: string;
      readonly certificatePem: string;
      readonly certificate: CertificateSummary;
    };

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads the first certificate of a PEM bundle. Throws `TypeError` when there is none or it is unreadable. */
export function describeCertificate(certificatePem: string): CertificateSummary {
  const first = certificatePem.match(PEM_CERTIFICATE)?.[0];
  if (!first) throw new TypeError('certificatePem holds no PEM certificate');
  const cert = new X509Certificate(first);
  return summarize(cert);
}

function summarize(cert: X509Certificate): CertificateSummary {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    thumbprintSha1: createHash('sha1').update(cert.raw).digest('hex').toUpperCase(),
    thumbprintSha256: createHash('sha256').update(cert.raw).digest('hex').toUpperCase(),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
  };
}

/**
 * Names one credential: client id plus a SHA-256 over the secret material, so a rotated secret or
 * certificate gets its own msal instance (and token cache) while the credential itself is not kept
 * in the key.
 */
export function credentialKey(credential: AppCredential): string {
  const hash = createHash('sha256').update(credential.kind).update('\0');
  if (credential.kind === 'secret') hash.update(credential.secret);
  else hash.update(credential.privateKeyPem).update('\0').update(credential.certificatePem);
  return `${credential.clientId.toLowerCase()}#${hash.digest('hex').slice(0, 32)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a credential before msal sees it. A malformed client id is a programming error (`TypeError`);
 * unreadable or mismatched key material is data gone wrong (`ERR_IDENTITY_CREDENTIAL_MALFORMED`).
 */
export function prepareCredential(credential: AppCredential, tenantId: string): PreparedCredential {
  if (!GUID.test(credential.clientId)) throw new TypeError('clientId must be a GUID');
  if (credential.kind === 'secret') {
    if (typeof credential.secret !== 'string' || credential.secret.length === 0) {
      throw new TypeError('secret must be a non-empty string');
    }
    return { kind: 'secret', clientId: credential.clientId, secret: credential.secret };
  }
  const malformed = (message: string, cause?: unknown) =>
    new IdentityError('ERR_IDENTITY_CREDENTIAL_MALFORMED', message, {
      clientId: credential.clientId,
      tenantId,
      cause,
    });
  const blocks = credential.certificatePem.match(PEM_CERTIFICATE) ?? [];
  const leafPem = blocks[0];
  if (!leafPem) throw malformed('The certificate is not a PEM certificate.');
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(leafPem);
  } catch (error) {
    throw malformed('The certificate cannot be read.', error);
  }
  let key: ReturnType<typeof createPrivateKey>;
  try {
    key = createPrivateKey(credential.privateKeyPem);
  } catch (error) {
    throw malformed('The private key cannot be read (PEM, unencrypted PKCS#8 or PKCS#1).', error);
  }
  // PS256 (the assertion algorithm Entra recommends and msal uses with SHA-256 thumbprints) needs RSA.
  if (key.asymmetricKeyType !== 'rsa') throw malformed('The private key is not an RSA key.');
  if (!leaf.checkPrivateKey(key)) {
    throw malformed('The private key does not belong to the certificate.');
  }
  return {
    kind: 'certificate',
    clientId: credential.clientId,
    privateKeyPem: key.export({ format: 'pem', type: 'pkcs8' }).toString(),
    certificatePem: blocks.join('\n'),
    certificate: summarize(leaf),
  };
}
