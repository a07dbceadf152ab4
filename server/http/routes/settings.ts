// Org settings for admins: read them, and change any of them in one validated, audited PATCH — all of
// it or nothing. The alert webhook must be safe to call (DESIGN §9); the service mailbox must live in
// one of the org's own tenants, since app-only sending works in any mailbox of a connected tenant.
import { createHash } from 'node:crypto';
import type { RouteModule } from '../../app.js';
import { memberActor } from '../../domain/audit.js';
import { KeyedQueue } from '../../domain/keyed-queue.js';
import { membershipOf, requireMembership, requireOrgAdmin } from '../../domain/membership.js';
import type { OrgSettings } from '../../domain/types.js';
import { assertSafeWebhookUrl, UnsafeWebhookUrlError } from '../../notifications/webhook-url.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';

const BLOCKING = ['busy', 'tentative', 'oof', 'workingElsewhere'] as const;

const FreeBusyPolicySchema = z
  .object({
    blocking: z
      .array(z.enum(BLOCKING))
      .min(1)
      .max(BLOCKING.length)
      .refine((list) => new Set(list).size === list.length, 'Statuses must not repeat.')
      .refine((list) => list.includes('busy'), 'Busy time always blocks; keep `busy`.'),
    unknownBlocks: z.boolean(),
  })
  .strict()
  .openapi('FreeBusyPolicy');

const ProvisioningSchema = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('allPeople') }).strict(),
    z.object({ mode: z.literal('group'), groupId: z.guid() }).strict(),
    z.object({ mode: z.literal('none') }).strict(),
  ])
  .openapi('Provisioning');

const SettingsSchema = z
  .object({
    allowMemberDisconnect: z.boolean(),
    freeBusyPolicy: FreeBusyPolicySchema,
    alertWebhookUrl: z.string().nullable(),
    serviceMailbox: z.string().nullable(),
    provisioning: ProvisioningSchema,
  })
  .openapi('OrgSettings');

const SettingsPatchSchema = z
  .object({
    allowMemberDisconnect: z.boolean().optional(),
    freeBusyPolicy: FreeBusyPolicySchema.optional(),
    alertWebhookUrl: z.string().min(1).max(2048).nullable().optional().openapi({
      description: 'HTTPS; never a private, loopback or link-local address. null removes it.',
    }),
    serviceMailbox: z.email().max(320).nullable().optional().openapi({
      description: "A mailbox in a verified domain of one of the org's tenants. null removes it.",
    }),
    provisioning: ProvisioningSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Name at least one setting to change.')
  .openapi('OrgSettingsPatch');

type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Webhook URLs often carry their own secret in the path or query: the audit log keeps a fingerprint. */
function auditValue(key: keyof OrgSettings, value: unknown): unknown {
  if (key !== 'alertWebhookUrl' || typeof value !== 'string') return value;
  const fingerprint = createHash('sha256').update(value).digest('hex').slice(0, 12);
  return `${new URL(value).origin}/… (sha256:${fingerprint})`;
}

export const settingsRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const admin = [requireMembership(membershipDepsOf(deps)), requireOrgAdmin()];
  const queue = new KeyedQueue();
  const ok = (description: string) => ({
    200: { description, content: { 'application/json': { schema: SettingsSchema } } },
  });

  api.route({
    method: 'get',
    path: '/api/org/settings',
    summary: "The organization's settings (admins)",
    tags: ['Org'],
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED'],
    responses: ok('Current settings'),
  });
  router.get('/api/org/settings', ...admin, (_req, res) => {
    res.json(membershipOf(res).org.settings);
  });

  const input = validate({ body: SettingsPatchSchema });
  api.route({
    method: 'patch',
    path: '/api/org/settings',
    summary:
      'Change settings (admins): any subset, validated as a whole, audited with before/after',
    tags: ['Org'],
    request: { body: { content: { 'application/json': { schema: SettingsPatchSchema } } } },
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED', 'ERR_VALIDATION', 'ERR_WEBHOOK_URL_UNSAFE'],
    responses: ok('The settings after the change'),
  });
  router.patch('/api/org/settings', ...admin, input, async (_req, res) => {
    const { org, member } = membershipOf(res);
    const patch = input.get(res).body;
    await checkWebhookUrl(patch, deps.config.allowPrivateWebhooks);
    if (typeof patch.serviceMailbox === 'string') {
      patch.serviceMailbox = patch.serviceMailbox.toLowerCase();
      checkServiceMailbox(patch.serviceMailbox, await services.orgs.listConnections(org.id));
    }

    const settings = await queue.run(org.id, async () => {
      const current = (await services.orgs.get(org.id))?.settings ?? org.settings;
      const keys = (Object.keys(patch) as (keyof OrgSettings)[]).filter(
        (k) => JSON.stringify(patch[k]) !== JSON.stringify(current[k]),
      );
      if (keys.length === 0) return current;
      const changes = Object.fromEntries(keys.map((k) => [k, patch[k]])) as Partial<OrgSettings>;
      const updated = await services.orgs.updateSettings(org.id, changes);
      await services.store.appendAudit(org.id, {
        actor: memberActor(member),
        action: 'org.settings.updated',
        target: `org:${org.id}`,
        detail: {
          before: Object.fromEntries(keys.map((k) => [k, auditValue(k, current[k])])),
          after: Object.fromEntries(keys.map((k) => [k, auditValue(k, changes[k])])),
        },
      });
      return updated.settings;
    });
    res.json(settings);
  });
};

async function checkWebhookUrl(patch: SettingsPatch, allowPrivate: boolean): Promise<void> {
  if (typeof patch.alertWebhookUrl !== 'string') return;
  try {
    await assertSafeWebhookUrl(patch.alertWebhookUrl, { allowPrivate });
  } catch (error) {
    if (!(error instanceof UnsafeWebhookUrlError)) throw error;
    throw new AppError('ERR_WEBHOOK_URL_UNSAFE', {
      detail: error.message,
      errors: [{ in: 'body', path: 'alertWebhookUrl', message: error.message }],
    });
  }
}

function checkServiceMailbox(
  mailbox: string,
  connections: readonly { verifiedDomains: readonly string[] }[],
): void {
  const domain = mailbox.slice(mailbox.lastIndexOf('@') + 1);
  const domains = new Set(
    connections.flatMap((c) => c.verifiedDomains.map((d) => d.toLowerCase())),
  );
  if (domains.has(domain)) return;
  const message =
    domains.size === 0
      ? 'Connect a Microsoft 365 tenant before choosing a service mailbox.'
      : `${domain} is not a verified domain of a tenant connected to this organization.`;
  throw new AppError('ERR_VALIDATION', {
    detail: message,
    errors: [{ in: 'body', path: 'serviceMailbox', message }],
  });
}
