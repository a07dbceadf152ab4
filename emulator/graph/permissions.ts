// Which Graph permissions each family of routes accepts (any one of them suffices), and the
// mailbox gate Exchange applies before an Outlook route runs (graph-facts §6).
import type { User } from '../world/types.js';
import type { Caller } from './auth.js';
import { GraphErrors } from './errors.js';

/** Permission sets by route family; delegated `.Shared` scopes are accepted where Graph does. */
export const Permissions = {
  usersRead: [
    'User.ReadBasic.All',
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  /** `/users/delta` has no ReadBasic variant. */
  usersDelta: [
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  organization: [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  groupMembers: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  settingsRead: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'],
  calendarRead: [
    'Calendars.ReadBasic',
    'Calendars.Read',
    'Calendars.ReadWrite',
    'Calendars.Read.Shared',
    'Calendars.ReadWrite.Shared',
  ],
  calendarWrite: ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'],
  places: ['Place.Read.All', 'Place.ReadWrite.All'],
} as const;

/** Properties `User.ReadBasic.All` exposes; anything else reads as null with only that role. */
export const BASIC_USER_PROPERTIES = new Set([
  'displayName',
  'givenName',
  'id',
  'mail',
  'photo',
  'securityIdentifier',
  'surname',
  'userPrincipalName',
]);

export interface RouteAccess {
  /** Directory routes deny with Authorization_RequestDenied, Outlook ones with ErrorAccessDenied. */
  family: 'directory' | 'outlook';
  anyOf: readonly string[];
}

/**
 * Throws the family's 403 unless the caller holds one of the permissions and is still consented.
 * For Outlook routes an app may instead hold the permission through an Exchange RBAC assignment.
 */
export function checkAccess(access: RouteAccess, caller: Caller): void {
  const rbac = caller.isApp && access.family === 'outlook' ? rbacPermissions(caller) : [];
  const allowed =
    caller.consented && access.anyOf.some((p) => caller.permissions.has(p) || rbac.includes(p));
  if (allowed) return;
  throw access.family === 'directory' ? GraphErrors.directoryDenied() : GraphErrors.outlookDenied();
}

/** Delegated scopes that let a signed-in user read their own profile (`GET /me`), and only that. */
const OWN_PROFILE_SCOPES = ['User.Read', 'User.ReadWrite'] as const;

/** True when a delegated caller reads their own user object with `User.Read` (Graph allows it). */
export function readsOwnProfile(access: RouteAccess, caller: Caller, viaMe: boolean): boolean {
  return (
    viaMe &&
    !caller.isApp &&
    caller.consented &&
    access.anyOf === Permissions.usersRead &&
    OWN_PROFILE_SCOPES.some((scope) => caller.permissions.has(scope))
  );
}

/** Permissions Exchange RBAC for Applications grants the calling app in its tenant. */
function rbacPermissions(caller: Caller): readonly string[] {
  return caller.tenant.rbacAppRoles?.[caller.appId] ?? [];
}

/** True when the caller may only read the basic user profile. */
export function basicProfileOnly(caller: Caller): boolean {
  return !Permissions.usersDelta.some((p) => caller.permissions.has(p));
}

/**
 * Whether Exchange Online hosts a mailbox for this user: not for `none`, on-premises, or a person's
 * account without a licence (resource and shared mailboxes need none). Disabled accounts keep theirs.
 */
export function hasCloudMailbox(user: User): boolean {
  const mb = user.mailbox;
  if (mb.kind === 'none' || mb.onPremises) return false;
  if (mb.kind === 'user' && user.assignedLicenses.length === 0) return false;
  return true;
}

/** What an Outlook route reads: mailbox settings, or calendar data (RBAC grants them separately). */
export type MailboxNeed = 'settings' | 'calendar';

/** Throws the error Exchange answers for this mailbox state, if any. */
export function checkMailbox(user: User, need: MailboxNeed): void {
  if (!hasCloudMailbox(user)) throw GraphErrors.mailboxNotEnabled();
  const access = user.mailbox.access;
  if (access === 'denied') throw GraphErrors.odataDisabled();
  if (access === 'settingsOnly' && need === 'calendar') throw GraphErrors.odataDisabled();
}
