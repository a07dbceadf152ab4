// `GET /groups/{id}/transitiveMembers` (and its `microsoft.graph.user` cast): nested groups
// flattened, each member once, typed with `@odata.type`, paged like other directory lists.
import type { Group, Tenant, User } from '../world/types.js';
import { GraphErrors } from './errors.js';
import { odataContext, selectList } from './odata.js';
import { directoryNextLink, directoryPage, directoryTop } from './paging.js';
import { basicProfileOnly, Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { resolveUserSelect, shapeUser } from './user-shape.js';

type Member = { kind: 'user'; user: User } | { kind: 'group'; group: Group };

function transitiveMembers(tenant: Tenant, root: Group): Member[] {
  const usersById = new Map(tenant.users.map((u) => [u.id, u]));
  const seen = new Set<string>([root.id]);
  const out: Member[] = [];
  const queue: Group[] = [root];
  while (queue.length > 0) {
    const group = queue.shift() as Group;
    for (const id of group.members) {
      if (seen.has(id)) continue;
      seen.add(id);
      const user = usersById.get(id);
      if (user) {
        if (!user.deleted) out.push({ kind: 'user', user });
        continue;
      }
      const nested = tenant.groups.find((g) => g.id === id);
      if (nested) {
        out.push({ kind: 'group', group: nested });
        queue.push(nested);
      }
    }
  }
  return out;
}

function shapeGroup(group: Group): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.group',
    id: group.id,
    displayName: group.displayName,
    mail: group.mail,
    mailEnabled: group.mailEnabled,
    securityEnabled: group.securityEnabled,
  };
}

function listMembers(call: Call, usersOnly: boolean): GraphResponse {
  const id = call.params.group ?? '';
  const group = call.ctx.world.findGroup(call.caller.tenant, id);
  if (!group) throw GraphErrors.directoryNotFound(id);
  const { query, offset } = directoryPage(call);
  const top = directoryTop(query);
  const properties = resolveUserSelect(selectList(query));
  const basic = basicProfileOnly(call.caller);
  const members = transitiveMembers(call.caller.tenant, group).filter(
    (m) => !usersOnly || m.kind === 'user',
  );
  const path = `/groups/${group.id}/transitiveMembers${usersOnly ? '/microsoft.graph.user' : ''}`;
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(call, usersOnly ? 'users' : 'directoryObjects'),
  };
  if (offset + top < members.length) {
    body['@odata.nextLink'] = directoryNextLink(call, path, query, offset + top);
  }
  body.value = members
    .slice(offset, offset + top)
    .map((m) =>
      m.kind === 'user'
        ? { '@odata.type': '#microsoft.graph.user', ...shapeUser(m.user, properties, basic) }
        : shapeGroup(m.group),
    );
  return { status: 200, body };
}

const access = { family: 'directory', anyOf: Permissions.groupMembers } as const;

export const groupRoutes: RouteDef[] = [
  {
    method: 'GET',
    pattern: '/groups/:group/transitiveMembers',
    access,
    handler: (call) => listMembers(call, false),
  },
  {
    method: 'GET',
    pattern: '/groups/:group/transitiveMembers/microsoft.graph.user',
    access,
    handler: (call) => listMembers(call, true),
  },
];
