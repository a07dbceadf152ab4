// The identity layer: app-only Microsoft Graph tokens per customer tenant through msal-node.
export {
  createIdentity,
  type AccessToken,
  type GetGraphTokenOptions,
  type Identity,
  type IdentityLogger,
  type IdentityOptions,
} from './identity.js';
export {
  describeCertificate,
  type AppCredential,
  type CertificateCredential,
  type CertificateSummary,
  type SecretCredential,
} from './credentials.js';
export {
  IDENTITY_ERROR_CODES,
  IdentityError,
  type IdentityErrorCode,
  type IdentityErrorDetails,
} from './errors.js';
export {
  generateCertificateCredential,
  type GenerateCertificateOptions,
  type GeneratedCertificate,
} from './generate-certificate.js';
