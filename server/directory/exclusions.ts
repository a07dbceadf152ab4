// Mailboxes the health sweep found not to be people (`mailboxSettings.userPurpose` room, shared,
// equipment, others): remembered per tenant connection so the next sync does not provision them
// again. Stored as one small org document per connection.
import type { Store } from '../store/index.js';

const PREFIX = 'directory-exclusions:';

interface ExclusionsDoc {
  objectIds: string[];
}

/** Object ids (lower-case) of the connection's non-person mailboxes. */
export async function readExclusions(
  store: Store,
  orgId: string,
  connectionId: string,
): Promise<Set<string>> {
  const doc = await store.getOrgDoc<ExclusionsDoc>(orgId, PREFIX + connectionId);
  return new Set(doc?.objectIds ?? []);
}

/** Adds object ids to the connection's exclusions (no write when nothing is new). */
export async function addExclusions(
  store: Store,
  orgId: string,
  connectionId: string,
  objectIds: readonly string[],
): Promise<void> {
  if (objectIds.length === 0) return;
  await store.updateOrgDoc<ExclusionsDoc>(orgId, PREFIX + connectionId, (current) => {
    const ids = new Set(current?.objectIds ?? []);
    for (const id of objectIds) ids.add(id.toLowerCase());
    return { objectIds: [...ids].sort() };
  });
}

/** Forgets the connection's exclusions (connection deleted). */
export async function dropExclusions(
  store: Store,
  orgId: string,
  connectionId: string,
): Promise<void> {
  await store.deleteOrgDoc(orgId, PREFIX + connectionId);
}
