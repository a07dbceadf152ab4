// The admin's member table (DESIGN §4): `GET /api/org/members` (filters, search, offset paging
// with total), invitations, and re-checking one member now.
import type { RouteModule } from '../../app.js';
import { directoryRuntime } from '../../directory/runtime.js';
import { inviteMembers } from '../../directory/invitations.js';
import { toListItem } from '../../directory/member-list.js';
import { recheckMember } from '../../directory/recheck.js';
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

const digits = (max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

export const MemberQuerySchema = z.strictObject({
  status: StatusCategorySchema.optional(),
  reason: StatusReasonSchema.optional(),
  q: z.string().max(200).optional(),
  offset: digits(10_000_000).optional(),
  limit: digits(500).pipe(z.number().min(1)).optional(),
});

const WorkingHoursSchema = z.object({
  daysOfWeek: z.array(z.string()),
  startTime: z.string().openapi({ example: '09:00' }),
  endTime: z.string().openapi({ example: '17:00' }),
  timeZone: z.string().openapi({ example: 'Europe/Amsterdam' }),
});

export const MemberItemSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'admin', 'member']),
    source: z.enum(['directory', 'sso', 'invite']),
    status: StatusCategorySchema,
    reason: StatusReasonSchema,
    summary: z.string().describe('What the reason means, in one sentence for the admin.'),
    fix: z.string().nullable().describe('What to do about it; null when nothing is needed.'),
    checkedAt: z.string().nullable(),
    retryAt: z.string().nullable().describe('For a throttled check: when it is due again.'),
    requestId: z.string().nullable().describe("Graph's request id behind an `error`."),
    timeZone: z.string().nullable().describe('IANA time zone from the mailbox settings.'),
    workingHours: WorkingHoursSchema.nullable(),
  })
  .openapi('Member');

const MemberPageSchema = z
  .object({
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    items: z.array(MemberItemSchema),
  })
  .openapi('MemberPage');

const InvitationsSchema = z.strictObject({
  emails: z.array(z.string().trim().max(320).pipe(z.email())).min(1).max(500),
});

const InvitationsResultSchema = z
  .object({
    created: z.array(MemberItemSchema),
    existing: z.array(z.string()).describe('Addresses that already belong to a member.'),
  })
  .openapi('InvitationsResult');

const IdParams = z.object({ id: z.string().min(1).max(100) });

export const membersRoutes: RouteModule = ({ router, api, deps }) => {
  const guard = orgAdminOnly(deps);
  const runtime = () => directoryRuntime(deps);

  api.route({
    method: 'get',
    path: '/api/org/members',
    summary: 'Members with their calendar connection status (admins)',
    request: { query: MemberQuerySchema },
    responses: {
      200: {
        description: 'One page',
        content: { 'application/json': { schema: MemberPageSchema } },
      },
    },
    errors: [...ORG_ADMIN_ERRORS, 'ERR_VALIDATION'],
  });
  const list = validate({ query: MemberQuerySchema });
  router.get('/api/org/members', ...guard, list, async (_req, res) => {
    const { query } = list.get(res);
    const { org } = membershipOf(res);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const body = await runtime().memberList.pageJson(org.id, { ...query, offset, limit });
    res.type('application/json').send(body);
  });

  api.route({
    method: 'post',
    path: '/api/org/members/invitations',
    summary: 'Invite members by email address (admins)',
    request: { body: { content: { 'application/json': { schema: InvitationsSchema } } } },
    responses: {
      201: {
        description: 'Members created (matched to the directory when possible)',
        content: { 'application/json': { schema: InvitationsResultSchema } },
      },
    },
    errors: [...ORG_ADMIN_ERRORS, 'ERR_VALIDATION'],
  });
  const invite = validate({ body: InvitationsSchema });
  router.post('/api/org/members/invitations', ...guard, invite, async (_req, res) => {
    const { body } = invite.get(res);
    const { org, member } = membershipOf(res);
    const rt = runtime();
    const connections = await rt.services.orgs.listConnections(org.id);
    const result = await inviteMembers(
      { members: rt.services.members, snapshots: rt.snapshots, now: rt.syncDeps.now },
      org.id,
      connections,
      body.emails,
    );
    if (result.created.length > 0) {
      await rt.services.store.appendAudit(org.id, {
        actor: `member:${member.id}`,
        action: 'members.invite',
        target: `org:${org.id}`,
        detail: { emails: result.created.map((m) => m.email) },
      });
    }
    res.status(201).json({ created: result.created.map(toListItem), existing: result.existing });
  });

  api.route({
    method: 'post',
    path: '/api/org/members/:id/recheck',
    summary: "Re-check one member's calendar now (admins)",
    request: { params: IdParams },
    responses: {
      200: {
        description: 'The member after the check',
        content: { 'application/json': { schema: MemberItemSchema } },
      },
    },
    errors: [...ORG_ADMIN_ERRORS, 'ERR_VALIDATION', 'ERR_NOT_FOUND'],
  });
  const recheck = validate({ params: IdParams });
  router.post('/api/org/members/:id/recheck', ...guard, recheck, async (_req, res) => {
    const { params } = recheck.get(res);
    const { org } = membershipOf(res);
    const rt = runtime();
    const result = await recheckMember(rt.syncDeps, org.id, params.id, {
      refreshToken: (tenantId) => rt.services.connections.refreshGraphToken(tenantId),
    });
    if (!result) throw new AppError('ERR_NOT_FOUND', { detail: 'No such member in your org.' });
    if (result.kind === 'removed') {
      throw new AppError('ERR_NOT_FOUND', {
        detail:
          'This mailbox is a room, equipment or shared mailbox, not a person: it was removed.',
      });
    }
    res.json(toListItem(result.member));
  });
};
