// Rooms and room lists (graph-facts §4), read app-only with Place.Read.All. findRooms is
// delegated-only, so places is the only app-only room directory.

import type { GraphClient, GraphPage } from './graph/index.js';
import type { GraphRoom, GraphRoomList } from './graph-types.js';
import { segment } from './paths.js';

/** `GET /places/microsoft.graph.room` — every room of the tenant, page by page. */
export function listRooms(
  graph: GraphClient,
  tenantId: string,
  options: { top?: number } = {},
): AsyncGenerator<GraphPage<GraphRoom>, void, undefined> {
  return graph.pages<GraphRoom>({
    tenantId,
    path: '/places/microsoft.graph.room',
    query: { $top: options.top },
  });
}

/** `GET /places/microsoft.graph.roomlist` — every room list, page by page. */
export function listRoomLists(
  graph: GraphClient,
  tenantId: string,
): AsyncGenerator<GraphPage<GraphRoomList>, void, undefined> {
  return graph.pages<GraphRoomList>({ tenantId, path: '/places/microsoft.graph.roomlist' });
}

/**
 * `GET /places/{roomListEmail}/microsoft.graph.roomlist/rooms` — the rooms of one room list, which
 * Graph addresses by the list's email address, not its id.
 */
export function listRoomsInRoomList(
  graph: GraphClient,
  tenantId: string,
  roomListEmail: string,
): AsyncGenerator<GraphPage<GraphRoom>, void, undefined> {
  return graph.pages<GraphRoom>({
    tenantId,
    path: `/places/${segment(roomListEmail)}/microsoft.graph.roomlist/rooms`,
  });
}
