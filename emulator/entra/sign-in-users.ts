// Who can sign in on the emulated pages: enabled people of the named tenant, or of every tenant
// for `organizations`/`common` — only the home tenant's for a single-tenant app.
import type { EmulatorContext } from '../context.js';
import type { AppRegistration, Tenant, User } from '../world/types.js';
import type { TenantPath } from './tenant-path.js';

export interface SignInGroup {
  tenant: Tenant;
  users: User[];
}

/** Value of a user option in the pickers: `{tenantId}/{userId}`. */
export function userOptionValue(tenant: Tenant, user: User): string {
  return `${tenant.id}/${user.id}`;
}

/** The people a sign-in page lists, grouped by tenant. */
export function signInGroups(
  ctx: EmulatorContext,
  path: TenantPath,
  app: AppRegistration,
): SignInGroup[] {
  const tenants = path.kind === 'tenant' ? [path.tenant] : [...ctx.world.tenants.values()];
  return tenants
    .filter((t) => app.signInAudience !== 'AzureADMyOrg' || t.id === app.homeTenantId)
    .map((tenant) => ({
      tenant,
      users: tenant.users
        .filter((u) => !u.deleted && u.accountEnabled && u.mailbox.kind !== 'room')
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    }))
    .filter((g) => g.users.length > 0);
}

/** Finds the user an option value (or a `login_hint` UPN/mail) names among the listed people. */
export function findSignInUser(
  groups: SignInGroup[],
  value: string | undefined,
): { tenant: Tenant; user: User } | undefined {
  if (!value) return undefined;
  const key = value.toLowerCase();
  for (const { tenant, users } of groups) {
    for (const user of users) {
      if (
        userOptionValue(tenant, user) === key ||
        user.userPrincipalName.toLowerCase() === key ||
        user.mail?.toLowerCase() === key
      ) {
        return { tenant, user };
      }
    }
  }
  return undefined;
}

/** Most people a picker lists per tenant; generated 50,000-user tenants would make pages unusable. */
export const PICKER_LIMIT = 200;

/** True when some tenant has more people than the picker lists (the page then offers a UPN field). */
export function pickerTruncated(groups: SignInGroup[]): boolean {
  return groups.some((g) => g.users.length > PICKER_LIMIT);
}

function listed(group: SignInGroup, selected: string | undefined): User[] {
  if (group.users.length <= PICKER_LIMIT) return group.users;
  // Administrators first (consent needs one), then the preselected user, then the rest.
  const admins = group.users.filter((u) => u.directoryRoles.length > 1);
  const chosen = group.users.filter((u) => userOptionValue(group.tenant, u) === selected);
  const rest = group.users.filter((u) => u.directoryRoles.length <= 1);
  return [...new Set([...admins, ...chosen, ...rest])].slice(0, PICKER_LIMIT);
}

/** `<select>` options grouped by tenant (optgroups only when several tenants are listed). */
export function userOptionsHtml(
  groups: SignInGroup[],
  selected: string | undefined,
  esc: (v: unknown) => string,
): string {
  const option = (tenant: Tenant, user: User) => {
    const value = userOptionValue(tenant, user);
    const isSelected = selected === value ? ' selected' : '';
    return `<option value="${esc(value)}"${isSelected}>${esc(user.displayName)} (${esc(user.userPrincipalName)})</option>`;
  };
  if (groups.length === 1 && groups[0]) {
    const g = groups[0];
    return listed(g, selected)
      .map((u) => option(g.tenant, u))
      .join('\n');
  }
  return groups
    .map(
      (g) =>
        `<optgroup label="${esc(g.tenant.displayName)}">${listed(g, selected)
          .map((u) => option(g.tenant, u))
          .join('\n')}</optgroup>`,
    )
    .join('\n');
}

/** The optional "type an account" field shown when the list is truncated (it wins over the list). */
export function accountFieldHtml(groups: SignInGroup[]): string {
  if (!pickerTruncated(groups)) return '';
  return `<label for="login_upn">Or type the account (user principal name)</label>
<input id="login_upn" name="login_upn" type="email" autocomplete="username">`;
}
