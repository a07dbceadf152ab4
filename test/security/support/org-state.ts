// A fingerprint of everything a request could write in the store — every org's documents, members,
// secret names, tenants and audit log — minus what background work (sweeps, syncs, health checks,
// subscriptions) rewrites on its own, so "nothing changed" can be asserted around a refused request.
import type { Store } from '../../../server/store/index.js';

/** Fields the background rewrites; a refused request is not blamed for them. */
const VOLATILE_KEYS = new Set([
  'checkedAt',
  'health',
  'sync',
  'status',
  'reason',
  'timeZone',
  'workingHours',
  'directory',
  'lastRunAt',
  'updatedAt',
  'progress',
]);

/** Org documents that only background work writes. */
const VOLATILE_DOCS = /job|sweep|sync|subscription|notification|snapshot|status|cache|alert-state/i;

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (VOLATILE_KEYS.has(key)) continue;
      out[key] = stable((value as Record<string, unknown>)[key]);
    }
    return out;
  }
  return value;
}

/** The store's writable state as one comparable string. */
export async function orgStateOf(store: Store): Promise<string> {
  await store.flush();
  const orgs: Record<string, unknown> = {};
  for (const orgId of (await store.listOrgIds()).sort()) {
    const docs: Record<string, unknown> = {};
    for (const key of (await store.listOrgDocKeys(orgId)).sort()) {
      if (!VOLATILE_DOCS.test(key)) docs[key] = await store.getOrgDoc(orgId, key);
    }
    const members = (await store.listMembers(orgId))
      .slice()
      .sort((a, b) => a.id.localeCompare(b.id));
    const audit = await store.listAudit(orgId, { limit: 1000 });
    orgs[orgId] = {
      docs,
      members,
      secrets: (await store.listSecretNames(orgId)).sort(),
      tenants: (await store.listTenantIds(orgId)).sort(),
      // Actions of people, not of the system's own background work.
      audit: audit.entries.filter((e) => e.actor !== 'system').map((e) => [e.action, e.target]),
    };
  }
  return JSON.stringify(stable(orgs));
}

/** Paths (`org.docs.settings.x`) where two states differ, at most `limit` of them. */
export function stateDiff(before: string, after: string, limit = 5): string[] {
  const paths: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (paths.length >= limit || JSON.stringify(a) === JSON.stringify(b)) return;
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys)
        walk(
          (a as Record<string, unknown>)[key],
          (b as Record<string, unknown>)[key],
          `${path}.${key}`,
        );
      return;
    }
    paths.push(`${path}: ${JSON.stringify(a)?.slice(0, 80)} → ${JSON.stringify(b)?.slice(0, 80)}`);
  };
  walk(JSON.parse(before), JSON.parse(after), '');
  return paths;
}
