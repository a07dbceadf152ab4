// Groups, for org events sent to a group: members are read transitively (nested groups included).

import type { GraphClient, GraphPage } from './graph/index.js';
import type { DirectoryObject, GraphGroup, GraphUser } from './graph-types.js';
import { segment } from './paths.js';

/** `GET /groups/{id}?$select=id,displayName,mail` — one group. */
export async function getGroup(
  graph: GraphClient,
  tenantId: string,
  groupId: string,
): Promise<GraphGroup> {
  return graph.get<GraphGroup>(tenantId, `/groups/${segment(groupId)}`, {
    query: { $select: 'id,displayName,mail' },
  });
}

/**
 * `GET /groups/{id}/transitiveMembers?$select=…&$top=999` — the users in a group and in its nested
 * groups, page by page. Groups, devices and contacts among the members are skipped.
 */
export async function* listTransitiveUsers(
  graph: GraphClient,
  tenantId: string,
  groupId: string,
): AsyncGenerator<GraphUser[], void, undefined> {
  const source: AsyncGenerator<GraphPage<DirectoryObject>> = graph.pages<DirectoryObject>({
    tenantId,
    path: `/groups/${segment(groupId)}/transitiveMembers`,
    query: { $select: 'id,displayName,mail,userPrincipalName', $top: 999 },
  });
  for await (const page of source) {
    yield page.value
      .filter((m) => m['@odata.type'] === '#microsoft.graph.user')
      .map(({ id, displayName, mail, userPrincipalName }) => ({
        id,
        displayName,
        mail,
        ...(userPrincipalName === undefined ? {} : { userPrincipalName }),
      }));
  }
}
