// Directory sync and health sweep on demand (`POST /api/org/sync`), and the progress and outcome
// of jobs (`GET /api/org/jobs/:id`), DESIGN §4. A sync already running is joined, not repeated.
import type { RouteModule } from '../../app.js';
import { directoryRuntime } from '../../directory/runtime.js';
import { membershipOf } from '../../domain/membership.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { ORG_ADMIN_ERRORS, orgAdminOnly } from './org-admin.js';

const SyncBodySchema = z.strictObject({
  full: z.boolean().optional().describe('List every directory user instead of asking for changes.'),
  sweep: z.boolean().optional().describe('Probe every member afterwards (default true).'),
});

const JobProgressSchema = z.object({
  phase: z.string().openapi({ example: 'sweep' }),
  done: z.number().int(),
  total: z.number().int().describe('0 while unknown.'),
});

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    state: z.enum(['running', 'succeeded', 'failed', 'interrupted']),
    requestedBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: JobProgressSchema,
    result: z.unknown().describe('Counts per connection and for the members, once finished.'),
    error: z.string().nullable(),
  })
  .openapi('Job');

const StartedSchema = z
  .object({
    jobId: z.string(),
    started: z.boolean().describe('False when joining a running sync.'),
  })
  .openapi('JobStarted');

const JobParams = z.object({ id: z.string().min(1).max(100) });

export const orgSyncRoutes: RouteModule = ({ router, api, deps }) => {
  const guard = orgAdminOnly(deps);

  api.route({
    method: 'post',
    path: '/api/org/sync',
    summary: 'Sync the directory and check every member now (admins)',
    request: { body: { content: { 'application/json': { schema: SyncBodySchema } } } },
    responses: {
      202: { description: 'Running', content: { 'application/json': { schema: StartedSchema } } },
    },
    errors: [...ORG_ADMIN_ERRORS, 'ERR_VALIDATION'],
  });
  const start = validate({ body: SyncBodySchema });
  router.post('/api/org/sync', ...guard, start, async (_req, res) => {
    const { body } = start.get(res);
    const { org, member } = membershipOf(res);
    const { job, started } = await directoryRuntime(deps).syncOrg(org.id, {
      requestedBy: `member:${member.id}`,
      ...(body.full === undefined ? {} : { full: body.full }),
      ...(body.sweep === undefined ? {} : { sweep: body.sweep }),
    });
    res.status(202).location(`/api/org/jobs/${job.id}`).json({ jobId: job.id, started });
  });

  api.route({
    method: 'get',
    path: '/api/org/jobs/:id',
    summary: "A job's progress and outcome (admins)",
    request: { params: JobParams },
    responses: {
      200: { description: 'The job', content: { 'application/json': { schema: JobSchema } } },
    },
    errors: [...ORG_ADMIN_ERRORS, 'ERR_NOT_FOUND'],
  });
  const read = validate({ params: JobParams });
  router.get('/api/org/jobs/:id', ...guard, read, async (_req, res) => {
    const { params } = read.get(res);
    const { org } = membershipOf(res);
    const job = await directoryRuntime(deps).jobs.get(org.id, params.id);
    if (!job) throw new AppError('ERR_NOT_FOUND', { detail: 'No such job in your org.' });
    const { orgId: _orgId, ...shown } = job;
    res.json(shown);
  });
};
