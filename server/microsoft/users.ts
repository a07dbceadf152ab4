// Directory users (graph-facts §2): full listing in pages of 999, then `/users/delta` increments.

import { collect, GraphError, type GraphClient, type GraphPage } from './graph/index.js';
import type { GraphUser, GraphUserDelta } from './graph-types.js';
import { userPath } from './paths.js';

/** What Quorum needs to match members and tell people from disabled accounts and guests. */
export const USER_SELECT = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'proxyAddresses',
  'otherMails',
  'accountEnabled',
  'userType',
].join(',');

/** `GET /users?$select=…&$top=999` — every user of the tenant, page by page (999 is Graph's maximum). */
export function listUsers(
  graph: GraphClient,
  tenantId: string,
  options: { select?: string } = {},
): AsyncGenerator<GraphPage<GraphUser>, void, undefined> {
  return graph.pages<GraphUser>({
    tenantId,
    path: '/users',
    query: { $select: options.select ?? USER_SELECT, $top: 999 },
  });
}

/** `GET /users/{id|upn}` — one user; 404 `Request_ResourceNotFound` surfaces as a `GraphError`. */
export async function getUser(
  graph: GraphClient,
  tenantId: string,
  idOrUpn: string,
  options: { select?: string } = {},
): Promise<GraphUser> {
  return graph.get<GraphUser>(tenantId, userPath(idOrUpn), {
    query: { $select: options.select ?? USER_SELECT },
  });
}

/** The delta link was refused: Graph no longer has that sync state, so a full resync is due. */
export class DeltaExpiredError extends GraphError {
  override readonly name: string = 'DeltaExpiredError';
  constructor(cause: GraphError) {
    super({ ...cause, message: cause.message, cause });
  }
}

/** Graph signals an unusable delta token with 410 Gone, or a 4xx carrying one of these codes (§2.3, §8.3). */
const EXPIRED_CODES = new Set(['syncStateNotFound', 'resyncRequired', 'syncStateInvalid']);

export interface UsersDeltaResult {
  changed: GraphUser[];
  /** Ids removed since the last sync; `deleted` is permanent, `changed` is soft-deleted. */
  removed: { id: string; reason: 'changed' | 'deleted' }[];
  /** Keep for the next call. */
  deltaLink: string;
}

/**
 * `GET /users/delta?$select=…` — all users (first sync), or `GET {deltaLink}` — what changed since.
 * Follows every page; throws `DeltaExpiredError` when the link is too old (410), so the caller
 * runs `listUsers` again and starts over with a fresh delta.
 */
export async function usersDelta(
  graph: GraphClient,
  tenantId: string,
  options: { deltaLink?: string; select?: string } = {},
): Promise<UsersDeltaResult> {
  const source = graph.pages<GraphUserDelta>(
    options.deltaLink !== undefined
      ? { tenantId, path: options.deltaLink }
      : { tenantId, path: '/users/delta', query: { $select: options.select ?? USER_SELECT } },
  );
  let items: GraphUserDelta[];
  let deltaLink: string | undefined;
  try {
    ({ items, deltaLink } = await collect(source));
  } catch (error) {
    if (error instanceof GraphError && (error.status === 410 || EXPIRED_CODES.has(error.code))) {
      throw new DeltaExpiredError(error);
    }
    throw error;
  }
  if (deltaLink === undefined) {
    throw new GraphError({
      status: 200,
      code: 'DeltaLinkMissing',
      message: 'the last page of /users/delta carried no @odata.deltaLink',
      attempts: 1,
    });
  }
  const changed: GraphUser[] = [];
  const removed: UsersDeltaResult['removed'] = [];
  for (const item of items) {
    if (item['@removed']) removed.push({ id: item.id, reason: item['@removed'].reason });
    else changed.push(item);
  }
  return { changed, removed, deltaLink };
}
