// How the store shapes audit entries: checked input, page limits and the purge cutoff.
import { toStoredValue } from './json-value.js';
import type { AuditEntry, AuditInput } from './store.js';

export const MAX_AUDIT_PAGE = 1000;

/** The entry as stored (frozen): `at` defaults to `now()`, an absent `detail` is left out. */
export function buildAuditEntry<D>(
  orgId: string,
  input: AuditInput<D>,
  now: () => Date,
): AuditEntry<D> {
  for (const field of ['actor', 'action', 'target'] as const) {
    if (typeof input[field] !== 'string') throw new TypeError(`audit ${field} must be a string`);
  }
  const entry: AuditEntry<D> = {
    at: input.at ?? now().toISOString(),
    orgId,
    actor: input.actor,
    action: input.action,
    target: input.target,
    ...(input.detail === undefined ? {} : { detail: input.detail }),
  };
  return toStoredValue(entry);
}

export function assertAuditPageLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw new TypeError(`limit must be an integer from 1 to ${MAX_AUDIT_PAGE}`);
  }
}

/**
 * Whether an audit file whose newest entry is `newest` lies wholly before `cutoff` (epoch ms). An
 * entry without a readable time counts as old.
 */
export function isAuditBefore(newest: unknown, cutoff: number): boolean {
  const at = Date.parse((newest as Partial<AuditEntry>).at ?? '');
  return Number.isNaN(at) || at < cutoff;
}
