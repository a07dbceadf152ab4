// Who did an audited action (DESIGN §3 `AuditEntry.actor`): a member, named by id so a rename does
// not rewrite history, or Quorum itself for background state changes.
import type { Member } from './types.js';

/** The actor string of a member's action. */
export function memberActor(member: Pick<Member, 'id'>): string {
  return `member:${member.id}`;
}

/** Actor of changes Quorum makes on its own (sweeps, verification, cleanup). */
export const SYSTEM_ACTOR = 'system';

/** The member id in an actor string, if it names a member. */
export function memberIdOfActor(actor: string): string | undefined {
  return actor.startsWith('member:') ? actor.slice('member:'.length) : undefined;
}
