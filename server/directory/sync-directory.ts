// Directory sync for one tenant connection (DESIGN §5): a full listing of `/users` in pages of 999,
// then `/users/delta` increments from the stored delta link; 410 (or a lost snapshot after a
// restart) starts a full listing again.
//
// The delta link of a full listing is taken *before* the listing, with `$deltatoken=latest`: a
// change made while the pages are read is then replayed by the next delta query instead of lost.
import { collect, type GraphClient } from '../microsoft/graph/index.js';
import type { GraphUserDelta } from '../microsoft/graph-types.js';
import { DeltaExpiredError, listUsers, usersDelta } from '../microsoft/users.js';
import type { TenantConnection } from '../domain/types.js';
import { DIRECTORY_SELECT, fromGraphUser, type DirectoryUser } from './directory-user.js';
import type { ConnectionSnapshot, DirectorySnapshots } from './snapshots.js';

export interface DirectorySyncOptions {
  /** List every user even when a delta link and a snapshot exist. */
  full?: boolean;
  now: () => Date;
  /** Called as users are read: `done` users so far. */
  onProgress?: (done: number) => void;
}

export interface DirectorySyncResult {
  mode: 'full' | 'delta';
  /** A delta link was refused (410 / expired) and a full listing replaced it. */
  resynced: boolean;
  /** Users in the snapshot afterwards. */
  users: number;
  /** Users added or changed, and removed, by this sync (a full listing counts every user). */
  changed: number;
  removed: number;
  deltaLink: string;
}

/** `GET /users/delta?$deltatoken=latest` — a delta link for "from now on", without the users. */
async function latestDeltaLink(graph: GraphClient, tenantId: string): Promise<string> {
  const { deltaLink } = await collect(
    graph.pages<GraphUserDelta>({
      tenantId,
      path: '/users/delta',
      query: { $select: DIRECTORY_SELECT, $deltatoken: 'latest' },
    }),
  );
  if (deltaLink === undefined) throw new Error('/users/delta?$deltatoken=latest gave no deltaLink');
  return deltaLink;
}

async function fullSync(
  graph: GraphClient,
  snapshots: DirectorySnapshots,
  connection: Readonly<TenantConnection>,
  options: DirectorySyncOptions,
  resynced: boolean,
): Promise<DirectorySyncResult> {
  const deltaLink = await latestDeltaLink(graph, connection.tenantId);
  const users = new Map<string, DirectoryUser>();
  for await (const page of listUsers(graph, connection.tenantId, { select: DIRECTORY_SELECT })) {
    for (const raw of page.value) {
      const user = fromGraphUser(connection.tenantId, raw);
      users.set(user.id, user);
    }
    options.onProgress?.(users.size);
  }
  snapshots.replace({
    connectionId: connection.id,
    tenantId: connection.tenantId.toLowerCase(),
    users,
    syncedAt: options.now().toISOString(),
  });
  return { mode: 'full', resynced, users: users.size, changed: users.size, removed: 0, deltaLink };
}

function applyDelta(
  snapshot: ConnectionSnapshot,
  tenantId: string,
  delta: Awaited<ReturnType<typeof usersDelta>>,
): { changed: number; removed: number } {
  let removed = 0;
  for (const raw of delta.changed) {
    const user = fromGraphUser(tenantId, raw);
    snapshot.users.set(user.id, user);
  }
  for (const { id } of delta.removed) {
    if (snapshot.users.delete(id.toLowerCase())) removed += 1;
  }
  return { changed: delta.changed.length, removed };
}

/**
 * Brings the connection's snapshot up to date: a delta query when a delta link and a snapshot
 * exist, otherwise (or on `full`, or when Graph refuses the link) a full listing. Throws what the
 * Graph client throws (`GraphError`, or the identity layer's error when no token can be had).
 */
export async function syncDirectory(
  graph: GraphClient,
  snapshots: DirectorySnapshots,
  connection: Readonly<TenantConnection>,
  options: DirectorySyncOptions,
): Promise<DirectorySyncResult> {
  const snapshot = snapshots.get(connection.id);
  const deltaLink = connection.sync.deltaLink;
  if (options.full || !snapshot || !deltaLink) {
    return fullSync(graph, snapshots, connection, options, false);
  }
  let delta;
  try {
    delta = await usersDelta(graph, connection.tenantId, { deltaLink });
  } catch (error) {
    if (error instanceof DeltaExpiredError) {
      return fullSync(graph, snapshots, connection, options, true);
    }
    throw error;
  }
  const counts = applyDelta(snapshot, connection.tenantId, delta);
  snapshot.syncedAt = options.now().toISOString();
  options.onProgress?.(counts.changed + counts.removed);
  return {
    mode: 'delta',
    resynced: false,
    users: snapshot.users.size,
    ...counts,
    deltaLink: delta.deltaLink,
  };
}
