// Request and response schemas of the connection routes; the OpenAPI description is built from them.
import { z } from '../http/zod.js';

const Guid = z.guid().transform((v) => v.toLowerCase());
const IsoDate = z.iso.datetime({ offset: true });
const Pem = z.string().min(1).max(32_768);

export const IdParams = z.object({ id: z.uuid() });

export const ConsentLinkBody = z
  .strictObject({
    /** `popup`: the page posts its outcome to `window.opener` and offers to close itself. */
    mode: z.enum(['page', 'popup']).default('page'),
  })
  .openapi('ConsentLinkRequest');

export const ConsentLinkSchema = z
  .object({ url: z.url(), expiresAt: IsoDate })
  .openapi('ConsentLink');

export const CredentialBody = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('secret'),
      secret: z.string().min(1).max(1024),
      /** The secret's expiry as the Azure portal shows it (for alerts before it lapses). */
      expiresAt: IsoDate,
    }),
    z.strictObject({ kind: z.literal('certificate'), certificatePem: Pem, privateKeyPem: Pem }),
    z.strictObject({
      kind: z.literal('generateCertificate'),
      validDays: z.number().int().min(1).max(3650).default(365),
    }),
  ])
  .openapi('ConnectionCredentialInput');

export const CreateConnectionBody = z
  .strictObject({
    tenantId: Guid,
    clientId: Guid,
    displayName: z.string().trim().min(1).max(100).optional(),
    credential: CredentialBody,
  })
  .openapi('CreateConnection');

export const VerifyBody = z
  .strictObject({
    /** Object id or UPN of a mailbox to probe (e.g. one inside an RBAC scope). */
    mailbox: z.string().trim().min(1).max(320).optional(),
  })
  .openapi('VerifyConnection');

const Reason = z.string().openapi({ description: 'A status reason code (DESIGN §3)' });

export const ConnectionSchema = z.object({
  id: z.uuid(),
  tenantId: z.string(),
  displayName: z.string(),
  verifiedDomains: z.array(z.string()),
  credential: z.object({
    kind: z.enum(['platform', 'secret', 'certificate']),
    clientId: z.string(),
    expiresAt: IsoDate.nullable(),
    updatedAt: IsoDate.nullable(),
    thumbprintSha256: z.string().nullable().optional(),
    generated: z.boolean().optional(),
    certificateUrl: z.string().optional(),
  }),
  grantedRoles: z.array(z.string()),
  tier: z.enum(['none', 'availability', 'booking', 'orgEvents', 'attendance']),
  missingFeatures: z.array(z.object({ feature: z.string(), needs: z.array(z.string()) })),
  enabled: z.boolean(),
  createdAt: IsoDate,
  lastEnabledAt: IsoDate.nullable(),
  lastDisabledAt: IsoDate.nullable(),
  health: z.object({
    state: z.enum(['unverified', 'verifying', 'healthy', 'broken']),
    reason: Reason.nullable(),
    summary: z.string().nullable(),
    fix: z.string().nullable(),
    detail: z.string().nullable(),
    checkedAt: IsoDate.nullable(),
    since: IsoDate.nullable(),
    aadsts: z.number().int().nullable(),
    requestId: z.string().nullable(),
  }),
  sync: z.object({
    lastFullAt: IsoDate.nullable(),
    lastDeltaAt: IsoDate.nullable(),
    running: z.string().nullable(),
  }),
});

export const AlertSchema = z.object({
  id: z.string(),
  kind: z.enum(['connection_broken', 'credential_expiring', 'credential_expired']),
  severity: z.enum(['warning', 'critical']),
  orgId: z.string(),
  connectionId: z.string(),
  tenantId: z.string(),
  displayName: z.string(),
  reason: Reason.optional(),
  thresholdDays: z.number().int().optional(),
  expiresAt: IsoDate.optional(),
  daysLeft: z.number().int().optional(),
  since: IsoDate,
  message: z.string(),
  fix: z.string().nullable(),
});

export const ConnectionListSchema = z
  .object({ connections: z.array(ConnectionSchema), alerts: z.array(AlertSchema) })
  .openapi('ConnectionList');

export const SigningSecretSchema = z.object({ secret: z.string() }).openapi('AlertSigningSecret');
