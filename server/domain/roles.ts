// Quorum roles inside an org: owners (tenant admins who could grant consent, DESIGN J1.2) appoint
// admins; the last owner can never be demoted, so an org always has someone who can appoint.
import { AppError } from '../http/errors.js';
import type { KeyedQueue } from './keyed-queue.js';
import type { MemberRepository } from './member-repository.js';
import type { Member, MemberRole } from './types.js';

/** The roles an owner may give; ownership comes only from Entra directory roles. */
export type AssignableRole = Exclude<MemberRole, 'owner'>;

export interface RoleChange {
  before: MemberRole;
  member: Member;
}

export function isOrgAdmin(member: Pick<Member, 'role'>): boolean {
  return member.role === 'admin' || member.role === 'owner';
}

/** The org's owners and admins, owners first, then by name. */
export async function listOrgAdmins(
  members: MemberRepository,
  orgId: string,
): Promise<readonly Member[]> {
  const rank = (m: Member) => (m.role === 'owner' ? 0 : 1);
  return (await members.all(orgId))
    .filter(isOrgAdmin)
    .sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName));
}

/**
 * Sets a member's role. `ERR_NOT_FOUND` when the org has no such member; `ERR_LAST_OWNER` when it
 * would leave the org without an owner. Changes in one org run one at a time through `queue`, so two
 * owners demoting each other at once cannot both succeed.
 */
export function changeMemberRole(
  members: MemberRepository,
  queue: KeyedQueue,
  orgId: string,
  memberId: string,
  role: AssignableRole,
): Promise<RoleChange> {
  return queue.run(`roles:${orgId}`, async () => {
    const target = await members.get(orgId, memberId);
    if (!target)
      throw new AppError('ERR_NOT_FOUND', { detail: 'No such member in your organization.' });
    const before = target.role;
    if (before === role) return { before, member: target };
    if (before === 'owner') {
      const owners = (await members.all(orgId)).filter((m) => m.role === 'owner');
      if (owners.length <= 1) throw new AppError('ERR_LAST_OWNER');
    }
    const member: Member = { ...target, role };
    await members.put(member);
    return { before, member };
  });
}
