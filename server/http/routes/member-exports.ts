// CSV export of the member table (DESIGN §4): an admin asks for a link (`POST
// /api/org/exports/members`, same filters as the list) and gets a signed URL valid for a few
// minutes; the browser downloads `GET /exports/members.csv?token=…` without a bearer token.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RouteModule } from '../../app.js';
import {
  exportSigningKey,
  signExportToken,
  verifyExportToken,
} from '../../directory/export-links.js';
import { CSV_HEADER, csvLine, memberCsvLine } from '../../directory/members-csv.js';
import { directoryRuntime } from '../../directory/runtime.js';
import { membershipOf } from '../../domain/membership.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import {
  ORG_ADMIN_ERRORS,
  orgAdminOnly,
  StatusCategorySchema,
  StatusReasonSchema,
} from './org-admin.js';

/** How long a download link works. */
export const EXPORT_LINK_TTL_MS = 5 * 60_000;
const ROWS_PER_WRITE = 1000;

const ExportRequestSchema = z.strictObject({
  status: StatusCategorySchema.optional(),
  reason: StatusReasonSchema.optional(),
  q: z.string().max(200).optional(),
});

const ExportLinkSchema = z
  .object({
    url: z.string().describe('Signed download link; no bearer token needed.'),
    expiresAt: z.string(),
  })
  .openapi('ExportLink');

const DownloadQuerySchema = z.object({ token: z.string().min(1).max(4096) });

export const memberExportRoutes: RouteModule = ({ router, api, deps }) => {
  const guard = orgAdminOnly(deps);
  const runtime = () => directoryRuntime(deps);

  api.route({
    method: 'post',
    path: '/api/org/exports/members',
    summary: 'A short-lived signed link to the member table as CSV (admins)',
    request: { body: { content: { 'application/json': { schema: ExportRequestSchema } } } },
    responses: {
      201: {
        description: 'The link',
        content: { 'application/json': { schema: ExportLinkSchema } },
      },
    },
    errors: [...ORG_ADMIN_ERRORS, 'ERR_VALIDATION'],
  });
  const request = validate({ body: ExportRequestSchema });
  router.post('/api/org/exports/members', ...guard, request, async (_req, res) => {
    const { body } = request.get(res);
    const { org, member } = membershipOf(res);
    const expiresAt = deps.clock.now() + EXPORT_LINK_TTL_MS;
    const key = await exportSigningKey(runtime().services.store);
    const token = signExportToken(key, {
      orgId: org.id,
      memberId: member.id,
      filter: body,
      expiresAt,
    });
    const url = `${deps.config.publicUrl}/exports/members.csv?token=${encodeURIComponent(token)}`;
    res.status(201).json({ url, expiresAt: new Date(expiresAt).toISOString() });
  });

  api.route({
    method: 'get',
    path: '/exports/members.csv',
    summary: 'Download the member table as CSV with a signed link',
    auth: false,
    request: { query: DownloadQuerySchema },
    responses: { 200: { description: 'CSV (UTF-8)', content: { 'text/csv': {} } } },
    errors: ['ERR_VALIDATION', 'ERR_EXPORT_LINK_INVALID', 'ERR_EXPORT_LINK_EXPIRED'],
  });
  const download = validate({ query: DownloadQuerySchema });
  router.get('/exports/members.csv', download, async (_req, res) => {
    const { query } = download.get(res);
    const rt = runtime();
    const check = verifyExportToken(
      await exportSigningKey(rt.services.store),
      query.token,
      deps.clock.now(),
    );
    if (!check.ok) {
      throw new AppError(
        check.problem === 'expired' ? 'ERR_EXPORT_LINK_EXPIRED' : 'ERR_EXPORT_LINK_INVALID',
      );
    }
    const { orgId, memberId, filter } = check.claims;
    // The admin who asked must still be one when the link is used.
    const asker = await rt.services.members.get(orgId, memberId);
    if (!asker || (asker.role !== 'admin' && asker.role !== 'owner')) {
      throw new AppError('ERR_EXPORT_LINK_INVALID');
    }
    const members = await rt.memberList.all(orgId, filter);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="quorum-members.csv"');
    res.setHeader('Cache-Control', 'no-store');
    // A byte-order mark lets spreadsheet programs read the file as UTF-8.
    res.write(`\uFEFF${csvLine(CSV_HEADER)}`);
    for (let i = 0; i < members.length; i += ROWS_PER_WRITE) {
      const chunk = members
        .slice(i, i + ROWS_PER_WRITE)
        .map(memberCsvLine)
        .join('');
      if (res.destroyed) return;
      if (!res.write(chunk)) {
        await new Promise((resolve) => {
          res.once('drain', resolve);
          res.once('close', resolve);
        });
      }
      await nextTurn();
    }
    res.end();
  });
};
