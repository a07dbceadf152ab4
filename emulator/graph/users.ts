// Directory users: `GET /users` (select, filter, paging) and `GET /users/{id | userPrincipalName}`.
import type { User } from '../world/types.js';
import { GraphErrors, GraphHttpError } from './errors.js';
import { odataContext, option, selectList } from './odata.js';
import { directoryNextLink, directoryPage, directoryTop } from './paging.js';
import { basicProfileOnly, Permissions } from './permissions.js';
import type { Call, GraphResponse, RouteDef } from './pipeline.js';
import { compileUserFilter } from './user-filter.js';
import { resolveUserSelect, selectSuffix, shapeUser, userPropertyValue } from './user-shape.js';

function orderUsers(users: User[], orderby: string | undefined): User[] {
  if (!orderby) return users;
  const m = /^\s*(displayName|userPrincipalName)(\s+(asc|desc))?\s*$/i.exec(orderby);
  if (!m?.[1]) {
    throw GraphErrors.unsupportedQuery('Sorting not supported for current query.');
  }
  const prop = m[1];
  const dir = m[3]?.toLowerCase() === 'desc' ? -1 : 1;
  return [...users].sort(
    (a, b) =>
      dir *
      String(userPropertyValue(a, prop) ?? '').localeCompare(
        String(userPropertyValue(b, prop) ?? ''),
      ),
  );
}

/** `GET /users` */
function listUsers(call: Call): GraphResponse {
  const { query, offset } = directoryPage(call);
  if (option(query, 'skip') !== undefined) {
    throw new GraphHttpError(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
  }
  const top = directoryTop(query);
  const select = selectList(query);
  const properties = resolveUserSelect(select);
  if (option(query, 'search') !== undefined) {
    throw GraphErrors.badRequest(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const countRequested = option(query, 'count')?.toLowerCase() === 'true';
  if (countRequested && call.req.headers.consistencylevel?.toLowerCase() !== 'eventual') {
    throw GraphErrors.badRequest('$count is not currently supported.');
  }
  const filter = option(query, 'filter');
  const predicate = filter ? compileUserFilter(filter) : undefined;
  let users = call.caller.tenant.users.filter((u) => !u.deleted && (!predicate || predicate(u)));
  users = orderUsers(users, option(query, 'orderby'));
  const page = users.slice(offset, offset + top);
  const basic = basicProfileOnly(call.caller);
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(call, `users${selectSuffix(select)}`),
  };
  if (countRequested && offset === 0) body['@odata.count'] = users.length;
  if (offset + top < users.length) {
    body['@odata.nextLink'] = directoryNextLink(call, '/users', query, offset + top);
  }
  body.value = page.map((u) => shapeUser(u, properties, basic));
  return { status: 200, body };
}

/** `GET /users/{id | userPrincipalName}` */
function getUser(call: Call): GraphResponse {
  const idOrUpn = call.params.user ?? '';
  const user = call.ctx.world.findUser(call.caller.tenant, idOrUpn);
  if (!user) throw GraphErrors.directoryNotFound(idOrUpn);
  const select = selectList(call.req.query);
  const properties = resolveUserSelect(select);
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(call, `users${selectSuffix(select)}/$entity`),
      ...shapeUser(user, properties, basicProfileOnly(call.caller)),
    },
  };
}

const access = { family: 'directory', anyOf: Permissions.usersRead } as const;

export const userRoutes: RouteDef[] = [
  { method: 'GET', pattern: '/users', access, handler: listUsers },
  { method: 'GET', pattern: '/users/:user', access, handler: getUser },
];
