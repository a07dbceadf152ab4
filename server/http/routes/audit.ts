// The org's audit log for admins (DESIGN §3 AuditEntry): newest first, paged with an opaque cursor,
// each actor shown with the member's current name when the actor is a member.
import type { RouteModule } from '../../app.js';
import { memberIdOfActor } from '../../domain/audit.js';
import { membershipOf, requireMembership, requireOrgAdmin } from '../../domain/membership.js';
import { StoreInvalidCursorError } from '../../store/index.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';

const AuditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.string().min(1).max(200).optional().openapi({
      description: 'The `next` cursor of the previous page.',
    }),
  })
  .strict();

const AuditEntrySchema = z
  .object({
    at: z.string(),
    actor: z.string().openapi({ description: '`member:{id}` or `system`.' }),
    actorName: z.string().nullable(),
    action: z.string(),
    target: z.string(),
    detail: z.unknown().optional(),
  })
  .openapi('AuditEntry');

const AuditPageSchema = z
  .object({
    entries: z.array(AuditEntrySchema),
    next: z.string().optional().openapi({ description: 'Pass as `before` for older entries.' }),
  })
  .openapi('AuditPage');

export const auditRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const input = validate({ query: AuditQuerySchema });

  api.route({
    method: 'get',
    path: '/api/org/audit',
    summary: 'Audit log (admins): admin actions and connection state changes, newest first',
    tags: ['Org'],
    request: { query: AuditQuerySchema },
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED', 'ERR_VALIDATION'],
    responses: {
      200: {
        description: 'One page',
        content: { 'application/json': { schema: AuditPageSchema } },
      },
    },
  });
  router.get(
    '/api/org/audit',
    requireMembership(membershipDepsOf(deps)),
    requireOrgAdmin(),
    input,
    async (_req, res) => {
      const { org } = membershipOf(res);
      const { limit, before } = input.get(res).query;
      let page;
      try {
        page = await services.store.listAudit(org.id, { limit, before });
      } catch (error) {
        if (!(error instanceof StoreInvalidCursorError)) throw error;
        throw new AppError('ERR_VALIDATION', {
          detail: 'The `before` cursor is not one this log handed out.',
          errors: [{ in: 'query', path: 'before', message: 'Unknown cursor.' }],
        });
      }
      const entries = await Promise.all(
        page.entries.map(async ({ orgId: _orgId, ...entry }) => {
          const memberId = memberIdOfActor(entry.actor);
          const actor = memberId ? await services.members.get(org.id, memberId) : undefined;
          return { ...entry, actorName: actor?.displayName ?? null };
        }),
      );
      res.json(page.next === undefined ? { entries } : { entries, next: page.next });
    },
  );
};
