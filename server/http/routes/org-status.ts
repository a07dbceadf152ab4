// `GET /api/org/status` (DESIGN §4): counts per status tile and per reason, sync progress, and per
// tenant connection its health, credential expiry and last sync times; alerts from extensions.
import type { RouteModule } from '../../app.js';
import { buildOrgStatus } from '../../directory/org-status.js';
import { directoryRuntime } from '../../directory/runtime.js';
import { membershipOf } from '../../domain/membership.js';
import { z } from '../zod.js';
import {
  ORG_ADMIN_ERRORS,
  orgAdminOnly,
  StatusCategorySchema,
  StatusReasonSchema,
} from './org-admin.js';

const OrgStatusSchema = z
  .object({
    members: z.object({
      total: z.number().int(),
      byCategory: z.record(StatusCategorySchema, z.number().int()),
      byReason: z.partialRecord(StatusReasonSchema, z.number().int()),
    }),
    sync: z.object({
      running: z.boolean(),
      jobId: z.string().nullable(),
      progress: z
        .object({ phase: z.string(), done: z.number().int(), total: z.number().int() })
        .nullable(),
    }),
    connections: z.array(
      z.object({
        id: z.string(),
        tenantId: z.string(),
        displayName: z.string(),
        enabled: z.boolean(),
        health: z.object({
          state: z.enum(['unverified', 'verifying', 'healthy', 'broken']),
          reason: StatusReasonSchema.nullable(),
          checkedAt: z.string().nullable(),
        }),
        credential: z.object({
          kind: z.enum(['platform', 'secret', 'certificate']),
          expiresAt: z.string().nullable(),
        }),
        members: z.number().int(),
        sync: z.object({
          running: z.boolean(),
          lastFullAt: z.string().nullable(),
          lastDeltaAt: z.string().nullable(),
          lastSweepAt: z.string().nullable(),
        }),
      }),
    ),
    alerts: z.array(
      z.object({
        kind: z.string(),
        severity: z.enum(['info', 'warning', 'critical']),
        message: z.string(),
        connectionId: z.string().nullable(),
        at: z.string(),
      }),
    ),
  })
  .openapi('OrgStatus');

export const orgStatusRoutes: RouteModule = ({ router, api, deps }) => {
  const guard = orgAdminOnly(deps);
  api.route({
    method: 'get',
    path: '/api/org/status',
    summary: "The org's connection status overview (admins)",
    responses: {
      200: { description: 'Status', content: { 'application/json': { schema: OrgStatusSchema } } },
    },
    errors: [...ORG_ADMIN_ERRORS],
  });
  router.get('/api/org/status', ...guard, async (_req, res) => {
    const { org } = membershipOf(res);
    const runtime = directoryRuntime(deps);
    res.json(
      await buildOrgStatus(
        {
          orgs: runtime.services.orgs,
          members: runtime.services.members,
          jobs: runtime.jobs,
          extensions: runtime.statusExtensions,
        },
        org.id,
      ),
    );
  });
};
