// Anchor mailboxes for getSchedule (DESIGN §5): every call goes to `/users/{anchor}/calendar/
// getSchedule` in the tenant being asked about, and Outlook allows 4 requests in flight per
// mailbox, so a read that needs more calls spreads them over several anchors. The caller's own
// mailbox comes first when it is in that tenant, then attendees, then other members — connected
// ones first (the anchor's own calendar is opened too), then ones not checked yet, so a tenant
// connected minutes ago, before its first sweep, can already be asked.
import { orgMailboxOf } from '../../domain/org-calendar.js';
import type { Member, StatusReason, TenantConnection } from '../../domain/types.js';
import { OUTLOOK_MAILBOX_CONCURRENCY } from '../../microsoft/graph/index.js';

const TIERS: readonly ReadonlySet<StatusReason>[] = [
  new Set(['connected']),
  new Set(['checking', 'throttled']),
];

/** Mailboxes (object ids) of `tenantId` that may anchor getSchedule calls, best first. */
export function anchorCandidates(
  tenantId: string,
  connections: readonly Readonly<TenantConnection>[],
  preferred: readonly Member[],
  others: readonly Member[],
  limit: number,
): string[] {
  const tid = tenantId.toLowerCase();
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tier of TIERS) {
    for (const member of [preferred, others].flat()) {
      if (out.length >= limit) return out;
      if (!tier.has(member.calendar.reason) || member.calendar.disconnected) continue;
      const managed = orgMailboxOf(member, connections);
      if (!managed || managed.mailbox.tenantId !== tid || seen.has(managed.mailbox.objectId)) {
        continue;
      }
      seen.add(managed.mailbox.objectId);
      out.push(managed.mailbox.objectId);
    }
  }
  return out;
}

/** How many anchors `calls` getSchedule calls need to stay within Outlook's per-mailbox limit. */
export function anchorsNeeded(calls: number): number {
  return Math.max(1, Math.ceil(calls / OUTLOOK_MAILBOX_CONCURRENCY));
}

/**
 * The anchor of chunk `index`: consecutive chunks fill one anchor's slots, then move on, so the
 * caller's mailbox carries the first ones. With fewer anchors than needed they wrap around (the
 * Graph client queues a mailbox's fifth request rather than provoke a 429).
 */
export function anchorFor(
  anchors: readonly string[],
  index: number,
  chunksPerAnchor = OUTLOOK_MAILBOX_CONCURRENCY,
): string {
  if (anchors.length === 0) throw new RangeError('no anchor mailbox');
  return anchors[Math.floor(index / chunksPerAnchor) % anchors.length]!;
}
