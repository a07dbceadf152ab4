// Quorum roles: admins see who administers the org; owners appoint and remove admins (DESIGN J1.2).
// The last owner cannot be demoted; every change is audited.
import type { RequestHandler } from 'express';
import type { RouteModule } from '../../app.js';
import { memberActor } from '../../domain/audit.js';
import { KeyedQueue } from '../../domain/keyed-queue.js';
import { membershipOf, requireMembership, requireOrgAdmin } from '../../domain/membership.js';
import { changeMemberRole, listOrgAdmins } from '../../domain/roles.js';
import type { Member } from '../../domain/types.js';
import { AppError } from '../errors.js';
import { validate } from '../validate.js';
import { z } from '../zod.js';
import { membershipDepsOf, servicesOf } from './membership-deps.js';

const RoleMemberSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    email: z.string(),
    role: z.enum(['owner', 'admin', 'member']),
  })
  .openapi('RoleMember');

const AdminsSchema = z.object({ admins: z.array(RoleMemberSchema) }).openapi('OrgAdmins');

const RoleBodySchema = z
  .object({ role: z.enum(['admin', 'member']) })
  .strict()
  .openapi('RoleChange');

const RoleParamsSchema = z.object({ id: z.string().min(1).max(100) });

function view(member: Member): z.infer<typeof RoleMemberSchema> {
  return {
    id: member.id,
    displayName: member.displayName,
    email: member.email,
    role: member.role,
  };
}

/** 403 `ERR_OWNER_REQUIRED` unless the member is an owner. Mount after requireMembership. */
function requireOwner(): RequestHandler {
  return (_req, res, next) => {
    next(
      membershipOf(res).member.role === 'owner' ? undefined : new AppError('ERR_OWNER_REQUIRED'),
    );
  };
}

export const roleRoutes: RouteModule = ({ router, api, deps }) => {
  const services = servicesOf(deps);
  const membership = requireMembership(membershipDepsOf(deps));
  const queue = new KeyedQueue();

  api.route({
    method: 'get',
    path: '/api/org/admins',
    summary: "The organization's owners and admins (admins)",
    tags: ['Org'],
    errors: ['ERR_ORG_NOT_SET_UP', 'ERR_ROLE_REQUIRED'],
    responses: {
      200: {
        description: 'Owners first',
        content: { 'application/json': { schema: AdminsSchema } },
      },
    },
  });
  router.get('/api/org/admins', membership, requireOrgAdmin(), async (_req, res) => {
    const { org } = membershipOf(res);
    res.json({ admins: (await listOrgAdmins(services.members, org.id)).map(view) });
  });

  const input = validate({ params: RoleParamsSchema, body: RoleBodySchema });
  api.route({
    method: 'put',
    path: '/api/org/members/:id/role',
    summary: "Appoint or remove an admin (owners); the last owner can't be demoted",
    tags: ['Org'],
    request: {
      params: RoleParamsSchema,
      body: { content: { 'application/json': { schema: RoleBodySchema } } },
    },
    errors: [
      'ERR_ORG_NOT_SET_UP',
      'ERR_OWNER_REQUIRED',
      'ERR_VALIDATION',
      'ERR_NOT_FOUND',
      'ERR_LAST_OWNER',
    ],
    responses: {
      200: {
        description: 'The member with the new role',
        content: { 'application/json': { schema: RoleMemberSchema } },
      },
    },
  });
  router.put('/api/org/members/:id/role', membership, requireOwner(), input, async (_req, res) => {
    const { org, member: actor } = membershipOf(res);
    const { params, body } = input.get(res);
    const { before, member } = await changeMemberRole(
      services.members,
      queue,
      org.id,
      params.id,
      body.role,
    );
    if (before !== member.role) {
      await services.store.appendAudit(org.id, {
        actor: memberActor(actor),
        action: 'org.member.role_changed',
        target: `member:${member.id}`,
        detail: { before, after: member.role },
      });
    }
    res.json(view(member));
  });
};
