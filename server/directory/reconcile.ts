// Reconciles an org's members with the directory snapshots of its tenant connections: links each
// member to its best directory user (identity is then that user's tid + oid), unlinks members whose
// user is gone, removes directory-provisioned members who are out of scope, and provisions the
// people in scope who are not members yet (DESIGN §3, §5; org.settings.provisioning).
//
// No I/O: it returns the members to write and to delete.
import { newId } from '../domain/ids.js';
import type { Member, Organization, TenantConnection } from '../domain/types.js';
import {
  looksLikePerson,
  primaryAddress,
  sameLink,
  toDirectoryLink,
  type DirectoryUser,
} from './directory-user.js';
import { AddressIndex, addressKey, compareCandidates, type Candidate } from './matching.js';
import { applyReason, uncheckedCalendar } from './member-state.js';
import type { DirectorySnapshots } from './snapshots.js';
import { cooperative } from './yield.js';

export interface ReconcileInput {
  org: Readonly<Organization>;
  /** Every connection of the org, oldest first. */
  connections: readonly Readonly<TenantConnection>[];
  snapshots: DirectorySnapshots;
  /** Non-person mailboxes found by earlier sweeps, per connection id. */
  exclusions: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * For `provisioning.mode: group`: whether a user is in the group (transitively); undefined when
   * the group could not be read, so no member is added or removed on its account.
   */
  inGroup?: ((user: DirectoryUser) => boolean) | undefined;
  members: readonly Member[];
  now: string;
}

/** A member to write: `before` is the value it was computed from (null for a new member). */
export interface MemberChange {
  before: Member | null;
  after: Member;
}

export interface ReconcileResult {
  put: MemberChange[];
  deleted: Member[];
  created: number;
  linked: number;
  unlinked: number;
}

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const userKey = (user: DirectoryUser) => `${user.tenantId}/${user.id}`;

/** Whether provisioning wants this user as a member: true, false, or undefined = cannot tell. */
function inScope(
  input: ReconcileInput,
  user: DirectoryUser,
  connectionId: string,
): boolean | undefined {
  if (!looksLikePerson(user)) return false;
  if (input.exclusions.get(connectionId)?.has(user.id)) return false;
  const mode = input.org.settings.provisioning.mode;
  if (mode === 'none') return false;
  if (mode === 'group') return input.inGroup ? input.inGroup(user) : undefined;
  return true;
}

/** Directory-provisioned plain members follow the directory; owners, admins, invitees stay. */
function removable(member: Member): boolean {
  return member.source === 'directory' && member.role === 'member';
}

function linkTo(member: Member, candidate: Candidate, now: string): Member {
  const user = candidate.user;
  const sameConnection = member.calendar.tenantConnectionId === candidate.connectionId;
  const unchanged =
    sameConnection &&
    member.tenantId === user.tenantId &&
    member.objectId === user.id &&
    sameLink(member.directory, user) &&
    (member.source !== 'directory' ||
      (member.displayName === user.displayName && member.email === primaryAddress(user)));
  if (unchanged) return member;
  const fresh = !sameConnection || member.calendar.reason === 'not_in_directory';
  return {
    ...member,
    tenantId: user.tenantId,
    objectId: user.id,
    ...(member.source === 'directory'
      ? { displayName: user.displayName, email: primaryAddress(user) }
      : {}),
    directory: toDirectoryLink(user, now),
    calendar: fresh
      ? {
          ...uncheckedCalendar(candidate.connectionId),
          timeZone: member.calendar.timeZone,
          workingHours: member.calendar.workingHours,
          disconnected: member.calendar.disconnected,
          selectedCalendarIds: member.calendar.selectedCalendarIds,
          destinationCalendarId: member.calendar.destinationCalendarId,
        }
      : member.calendar,
  };
}

function newMember(input: ReconcileInput, candidate: Candidate): Member {
  const user = candidate.user;
  return {
    id: newId(),
    orgId: input.org.id,
    tenantId: user.tenantId,
    objectId: user.id,
    email: primaryAddress(user),
    displayName: user.displayName,
    role: 'member',
    source: 'directory',
    createdAt: input.now,
    directory: toDirectoryLink(user, input.now),
    calendar: uncheckedCalendar(candidate.connectionId),
    personalCalendars: [],
  };
}

/** Computes the member changes that bring the org in line with its directory snapshots. */
export async function reconcileMembers(input: ReconcileInput): Promise<ReconcileResult> {
  const { snapshots, now } = input;
  const loaded = input.connections.filter((c) => snapshots.get(c.id));
  const index = await AddressIndex.build(
    loaded.map((c) => ({ connectionId: c.id, users: snapshots.get(c.id)!.users.values() })),
  );
  const order = new Map(input.connections.map((c, i) => [c.id, i]));
  // Tenants with a connection whose users Quorum does not know right now (disabled since a
  // restart, or a sync that failed): their members are left as they are.
  const unknownTenants = new Set(
    input.connections.filter((c) => !snapshots.get(c.id)).map((c) => c.tenantId.toLowerCase()),
  );
  const byIdentity = (member: Member): Candidate | undefined => {
    if (!member.tenantId || !member.objectId) return undefined;
    for (const c of loaded) {
      const user = snapshots.get(c.id)!.users.get(member.objectId.toLowerCase());
      if (user && c.tenantId.toLowerCase() === member.tenantId.toLowerCase()) {
        return { user, connectionId: c.id, connectionOrder: order.get(c.id) ?? 0, primary: true };
      }
    }
    return undefined;
  };

  const result: ReconcileResult = { put: [], deleted: [], created: 0, linked: 0, unlinked: 0 };
  const claimed = new Set<string>();
  const memberEmails = new Set<string>();
  // Members already holding an identity claim their user first; then the oldest. (Plain string
  // order: localeCompare would spend most of a second sorting 50,000 members.)
  const members = [...input.members].sort(
    (a, b) =>
      Number(!a.objectId) - Number(!b.objectId) ||
      compareStrings(a.createdAt, b.createdAt) ||
      compareStrings(a.id, b.id),
  );
  const step = cooperative();
  for (const member of members) {
    await step();
    memberEmails.add(addressKey(member.email));
    if (member.tenantId && unknownTenants.has(member.tenantId.toLowerCase())) {
      if (member.objectId) claimed.add(`${member.tenantId.toLowerCase()}/${member.objectId}`);
      continue;
    }
    const mine = byIdentity(member);
    const byAddress =
      member.source === 'sso' && member.objectId ? undefined : index.match(member.email);
    let candidate = mine;
    if (byAddress && (!mine || compareCandidates(byAddress, mine) < 0)) candidate = byAddress;
    if (candidate && claimed.has(userKey(candidate.user))) candidate = undefined;

    if (candidate) {
      claimed.add(userKey(candidate.user));
      if (removable(member) && inScope(input, candidate.user, candidate.connectionId) === false) {
        result.deleted.push(member);
        continue;
      }
      const next = linkTo(member, candidate, now);
      if (next !== member) {
        if (member.calendar.tenantConnectionId !== candidate.connectionId) result.linked += 1;
        result.put.push({ before: member, after: next });
      }
      continue;
    }
    if (removable(member)) {
      result.deleted.push(member);
      continue;
    }
    if (member.calendar.reason === 'not_in_directory' && member.directory === null) continue;
    result.unlinked += 1;
    const unlinked: Member = {
      ...member,
      directory: null,
      calendar: { ...member.calendar, tenantConnectionId: null },
    };
    result.put.push({ before: member, after: applyReason(unlinked, 'not_in_directory', now) });
  }

  for (const connection of loaded) {
    if (!connection.enabled) continue;
    for (const user of snapshots.get(connection.id)!.users.values()) {
      await step();
      if (claimed.has(userKey(user))) continue;
      if (inScope(input, user, connection.id) !== true) continue;
      const address = primaryAddress(user);
      if (!index.isCanonical(user, address) || memberEmails.has(addressKey(address))) continue;
      claimed.add(userKey(user));
      memberEmails.add(addressKey(address));
      const candidate = index.match(address)!;
      result.put.push({ before: null, after: newMember(input, candidate) });
      result.created += 1;
    }
  }
  return result;
}
