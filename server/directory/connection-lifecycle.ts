// What a tenant connection's lifecycle means for its members, for the connection routes to call:
// disabling stops org-managed access at once (members show `connection_disabled`, keep their
// calendar choices, and their personal connections to the same mailbox are used again); deleting
// purges the directory data copied from the tenant.
import type { MemberRepository } from '../domain/member-repository.js';
import type { Store } from '../store/index.js';
import { dropExclusions } from './exclusions.js';
import { applyReason } from './member-state.js';
import type { DirectorySnapshots } from './snapshots.js';

export interface LifecycleDeps {
  members: MemberRepository;
  store: Store;
  snapshots: DirectorySnapshots;
  now: () => Date;
}

const CHUNK = 250;

async function linkedIds(deps: LifecycleDeps, orgId: string, connectionId: string) {
  return (await deps.members.all(orgId))
    .filter((m) => m.calendar.tenantConnectionId === connectionId)
    .map((m) => m.id);
}

/** Marks every member of the connection `connection_disabled`; returns how many. */
export async function markConnectionDisabled(
  deps: LifecycleDeps,
  orgId: string,
  connectionId: string,
): Promise<number> {
  const now = deps.now().toISOString();
  const ids = await linkedIds(deps, orgId, connectionId);
  for (let i = 0; i < ids.length; i += CHUNK) {
    await deps.members.updateMany(orgId, ids.slice(i, i + CHUNK), (current) =>
      current.calendar.tenantConnectionId === connectionId
        ? applyReason(current, 'connection_disabled', now)
        : undefined,
    );
  }
  return ids.length;
}

/**
 * Forgets the tenant's directory: the snapshot, the non-person list, and every member's copy of
 * its directory user. Members provisioned from that directory are removed; owners, admins,
 * invited and signed-in members stay, `not_in_directory`, with their calendar choices.
 */
export async function purgeConnectionDirectory(
  deps: LifecycleDeps,
  orgId: string,
  connectionId: string,
): Promise<{ removed: number; unlinked: number }> {
  deps.snapshots.drop(connectionId);
  await dropExclusions(deps.store, orgId, connectionId);
  const now = deps.now().toISOString();
  const ids = await linkedIds(deps, orgId, connectionId);
  let removed = 0;
  let unlinked = 0;
  for (const id of ids) {
    const member = await deps.members.get(orgId, id);
    if (!member || member.calendar.tenantConnectionId !== connectionId) continue;
    if (member.source === 'directory' && member.role === 'member') {
      if (await deps.members.delete(orgId, id)) removed += 1;
      continue;
    }
    unlinked += 1;
    await deps.members.updateMany(orgId, [id], (current) =>
      applyReason(
        {
          ...current,
          directory: null,
          calendar: { ...current.calendar, tenantConnectionId: null },
        },
        'not_in_directory',
        now,
      ),
    );
  }
  return { removed, unlinked };
}
