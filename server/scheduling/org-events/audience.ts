// Who an org event invites: a group's transitive members (nested groups included), everyone — the
// org's members whose calendars are connected — or a list. Addresses deduplicated case-insensitively,
// the service mailbox itself left out; then split into parts of at most 500 (Exchange's attendee
// limit per event), as even as possible.
import type { MemberRepository } from '../../domain/member-repository.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import { listTransitiveUsers } from '../../microsoft/groups.js';
import type { Audience } from './org-event.js';

/** Exchange's limit of attendees on one event (graph-facts §3.5). */
export const MAX_RECIPIENTS_PER_EVENT = 500;

export interface AudienceDeps {
  readonly graph: GraphClient;
  readonly members: MemberRepository;
}

/** The lower-case addresses the audience names, in a stable order, without duplicates. */
export async function resolveAudience(
  deps: AudienceDeps,
  orgId: string,
  tenantId: string,
  audience: Audience,
  serviceMailbox: string,
): Promise<string[]> {
  const found: string[] = [];
  if (audience.kind === 'list') {
    found.push(...audience.emails);
  } else if (audience.kind === 'everyone') {
    for (const member of await deps.members.all(orgId)) {
      if (member.calendar.status === 'connected' && member.email) found.push(member.email);
    }
  } else {
    for await (const page of listTransitiveUsers(deps.graph, tenantId, audience.groupId)) {
      // Users without a mailbox address cannot receive an invitation.
      for (const user of page) if (user.mail) found.push(user.mail);
    }
  }
  const self = serviceMailbox.toLowerCase();
  const unique = new Set<string>();
  for (const address of found) {
    const normalized = address.trim().toLowerCase();
    if (normalized && normalized !== self) unique.add(normalized);
  }
  return [...unique];
}

/** Splits recipients into the fewest parts of at most `max`, sizes differing by at most one. */
export function splitRecipients(
  recipients: readonly string[],
  max: number = MAX_RECIPIENTS_PER_EVENT,
): string[][] {
  if (recipients.length === 0) return [];
  const parts = Math.ceil(recipients.length / max);
  const base = Math.floor(recipients.length / parts);
  const extra = recipients.length % parts;
  const out: string[][] = [];
  let at = 0;
  for (let i = 0; i < parts; i += 1) {
    const size = base + (i < extra ? 1 : 0);
    out.push(recipients.slice(at, at + size));
    at += size;
  }
  return out;
}
