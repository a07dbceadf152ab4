// A directory user as Quorum keeps it between syncs: the few properties that decide matching and
// provisioning, copied from Graph's `/users` and `/users/delta` answers.
import type { GraphUser } from '../microsoft/graph-types.js';
import type { DirectoryLink } from '../domain/types.js';

/** `$select` of the directory listing and of delta queries (graph-facts §2.2). */
export const DIRECTORY_SELECT = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'proxyAddresses',
  'accountEnabled',
  'userType',
  'assignedLicenses',
].join(',');

export interface DirectoryUser {
  /** Object id, lower-cased. */
  id: string;
  tenantId: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  proxyAddresses: string[];
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  licensed: boolean;
}

/** Graph's user → Quorum's copy. Missing booleans read as Graph's defaults (enabled member). */
export function fromGraphUser(tenantId: string, user: GraphUser): DirectoryUser {
  const upn = user.userPrincipalName ?? '';
  return {
    id: user.id.toLowerCase(),
    tenantId: tenantId.toLowerCase(),
    displayName: user.displayName?.trim() || user.mail || upn || user.id,
    mail: user.mail ?? null,
    userPrincipalName: upn,
    proxyAddresses: user.proxyAddresses ?? [],
    accountEnabled: user.accountEnabled ?? true,
    userType: user.userType === 'Guest' ? 'Guest' : 'Member',
    licensed: (user.assignedLicenses?.length ?? 0) > 0,
  };
}

/** The address a member provisioned from this user is known by. */
export function primaryAddress(user: DirectoryUser): string {
  return (user.mail ?? user.userPrincipalName).toLowerCase();
}

/**
 * Whether the user looks like a person who may become a member. Room, equipment and shared
 * mailboxes are disabled, unlicensed accounts in Exchange Online; a person has a licence or a
 * usable account. Disabled or unlicensed people are kept so the admin sees why they are not
 * connected; the health sweep removes any mailbox whose `userPurpose` says it is not a person.
 */
export function looksLikePerson(user: DirectoryUser): boolean {
  return (user.accountEnabled || user.licensed) && primaryAddress(user) !== '';
}

/** The copy a member carries of the user it was matched to. */
export function toDirectoryLink(user: DirectoryUser, syncedAt: string): DirectoryLink {
  return {
    tenantId: user.tenantId,
    objectId: user.id,
    userPrincipalName: user.userPrincipalName,
    mail: user.mail,
    proxyAddresses: user.proxyAddresses,
    accountEnabled: user.accountEnabled,
    userType: user.userType,
    licensed: user.licensed,
    syncedAt,
  };
}

/** True when the link already says what `user` says (so the member needs no write). */
export function sameLink(link: DirectoryLink | null, user: DirectoryUser): boolean {
  return (
    link !== null &&
    link.tenantId === user.tenantId &&
    link.objectId === user.id &&
    link.userPrincipalName === user.userPrincipalName &&
    link.mail === user.mail &&
    link.accountEnabled === user.accountEnabled &&
    link.userType === user.userType &&
    link.licensed === user.licensed &&
    link.proxyAddresses.length === user.proxyAddresses.length &&
    link.proxyAddresses.every((a, i) => a === user.proxyAddresses[i])
  );
}
