// Members by invitation (`POST /api/org/members/invitations`): an admin lists email addresses;
// each becomes a member (source `invite`) matched against the directory right away when Quorum
// holds the tenant's users, else at the next sync. A matched invitee is `checking` until its first
// probe; one no connected tenant knows is `not_in_directory`.
import { newId } from '../domain/ids.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { Member, TenantConnection } from '../domain/types.js';
import { primaryAddress, toDirectoryLink } from './directory-user.js';
import { AddressIndex, addressKey } from './matching.js';
import { applyReason, uncheckedCalendar } from './member-state.js';
import type { DirectorySnapshots } from './snapshots.js';

export interface InviteResult {
  created: Member[];
  /** Addresses that already belong to a member (compared plus-alias aware). */
  existing: string[];
}

export async function inviteMembers(
  deps: { members: MemberRepository; snapshots: DirectorySnapshots; now: () => Date },
  orgId: string,
  connections: readonly Readonly<TenantConnection>[],
  emails: readonly string[],
): Promise<InviteResult> {
  const now = deps.now().toISOString();
  const index = await AddressIndex.build(
    connections
      .filter((c) => deps.snapshots.get(c.id))
      .map((c) => ({ connectionId: c.id, users: deps.snapshots.get(c.id)!.users.values() })),
  );
  // Without every enabled tenant's users at hand, "not in the directory" cannot be said yet.
  const allKnown = connections.every((c) => !c.enabled || deps.snapshots.get(c.id));

  const existing = await deps.members.all(orgId);
  const taken = new Set(existing.map((m) => addressKey(m.email)));
  const claimed = new Set(
    existing
      .filter((m) => m.tenantId && m.objectId)
      .map((m) => `${m.tenantId!.toLowerCase()}/${m.objectId!.toLowerCase()}`),
  );
  const result: InviteResult = { created: [], existing: [] };
  for (const raw of emails) {
    const email = raw.trim().toLowerCase();
    const key = addressKey(email);
    if (taken.has(key)) {
      result.existing.push(email);
      continue;
    }
    taken.add(key);
    const base: Member = {
      id: newId(),
      orgId,
      tenantId: null,
      objectId: null,
      email,
      displayName: email,
      role: 'member',
      source: 'invite',
      createdAt: now,
      directory: null,
      calendar: uncheckedCalendar(null),
      personalCalendars: [],
    };
    const match = index.match(email);
    const userKey = match && `${match.user.tenantId}/${match.user.id}`;
    let member: Member;
    if (match && userKey && !claimed.has(userKey)) {
      claimed.add(userKey);
      member = {
        ...base,
        tenantId: match.user.tenantId,
        objectId: match.user.id,
        displayName: match.user.displayName || primaryAddress(match.user),
        directory: toDirectoryLink(match.user, now),
        calendar: uncheckedCalendar(match.connectionId),
      };
    } else {
      member = allKnown ? applyReason(base, 'not_in_directory', now) : base;
    }
    result.created.push(member);
  }
  if (result.created.length > 0) await deps.members.putMany(orgId, result.created);
  return result;
}
