// Error codes: Tenant connections, the consent flow, alert webhooks and member exports.
import type { ErrorSpec } from './spec.js';

export const connectionErrors = {
  ERR_EXPORT_LINK_INVALID: {
    status: 403,
    title: 'Export link invalid',
    description:
      'The CSV download link is not one Quorum signed, was altered, or its admin no longer holds the role; ask for a new link.',
  },
  ERR_EXPORT_LINK_EXPIRED: {
    status: 410,
    title: 'Export link expired',
    description:
      'The CSV download link is older than its few minutes of validity; ask for a new link.',
  },
  ERR_WEBHOOK_URL_UNSAFE: {
    status: 400,
    title: 'Webhook URL refused',
    description:
      'The alert webhook URL is not https, carries credentials, does not resolve, or points at a private, loopback or link-local address.',
  },
  ERR_CONNECTION_NOT_FOUND: {
    status: 404,
    title: 'Connection not found',
    description: "No tenant connection with this id in the caller's organization.",
  },
  ERR_CONNECTION_EXISTS: {
    status: 409,
    title: 'Connection exists',
    description:
      'The organization already has a connection for this tenant; rotate its credential or delete it first.',
  },
  ERR_CONNECTION_TENANT_TAKEN: {
    status: 409,
    title: 'Tenant belongs to another organization',
    description:
      "Another Quorum organization holds this tenant; a tenant admin moves it by consenting through this organization's activation link.",
  },
  ERR_CONNECTION_KIND: {
    status: 409,
    title: 'Not possible for this connection',
    description:
      'The action does not apply to this kind of connection (for example rotating the credential of a platform connection, or downloading the certificate of a secret).',
  },
  ERR_CONNECTION_CREDENTIAL_INVALID: {
    status: 400,
    title: 'Credential unusable',
    description:
      "The uploaded certificate or private key cannot be read or do not belong together, or the secret's expiry date has passed.",
  },
  ERR_CONNECTION_VERIFICATION_FAILED: {
    status: 422,
    title: 'Verification failed',
    description:
      'The verification probe failed, so the connection stays disabled; `detail` names the reason (consent_missing, credential_invalid, …) and its fix.',
  },
  ERR_CONNECTION_VERIFYING: {
    status: 409,
    title: 'Verification still running',
    description:
      'Microsoft is still applying consent or a new credential; Quorum keeps verifying for a few minutes. Retry shortly.',
  },
  ERR_CONSENT_CALLBACK_INVALID: {
    status: 400,
    title: 'Consent callback malformed',
    description:
      'The consent callback lacks its `state`, or carries neither a consent result, an error nor a sign-in code.',
  },
  ERR_CONSENT_STATE_INVALID: {
    status: 400,
    title: 'Consent link invalid',
    description:
      'The `state` was not issued by Quorum (forged or altered); ask your Quorum admin for a new activation link.',
  },
  ERR_CONSENT_STATE_EXPIRED: {
    status: 400,
    title: 'Consent link expired',
    description: 'The activation link is older than 24 hours; ask your Quorum admin for a new one.',
  },
  ERR_CONSENT_STATE_REPLAYED: {
    status: 409,
    title: 'Consent link already used',
    description:
      'Each activation link works once and this one has been used; ask your Quorum admin for a new one.',
  },
  ERR_CONSENT_STATE_ORG_MISMATCH: {
    status: 403,
    title: 'Consent link not valid for this organization',
    description:
      "The link's organization or the admin who asked for it no longer match (the admin left or lost the role, or the organization is gone).",
  },
  ERR_CONSENT_DENIED: {
    status: 400,
    title: 'Consent not granted',
    description:
      "Microsoft returned an error instead of consent (declined, or the account may not grant admin consent); the page shows Entra's message.",
  },
  ERR_CONSENT_NOT_TENANT_ADMIN: {
    status: 403,
    title: 'Tenant admin required',
    description:
      'The account that signed in after consenting is not a Global or Privileged Role Administrator of the tenant, so it cannot prove control of it.',
  },
  ERR_CONSENT_TENANT_MISMATCH: {
    status: 400,
    title: 'Signed in to another tenant',
    description:
      'The account that signed in after consenting belongs to a different tenant from the one that consented.',
  },
  ERR_CONSENT_SIGN_IN_FAILED: {
    status: 502,
    title: 'Sign-in could not be completed',
    description:
      'Entra ID did not redeem the sign-in code or returned a token Quorum does not accept.',
  },
} as const satisfies Record<`ERR_${string}`, ErrorSpec>;
