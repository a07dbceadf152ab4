// The JSON shape of a directory user: Graph's default property set, `$select`, and what
// `User.ReadBasic.All` may see.
import type { User } from '../world/types.js';
import { GraphErrors } from './errors.js';
import { BASIC_USER_PROPERTIES } from './permissions.js';

const PROPERTIES: Record<string, (u: User) => unknown> = {
  id: (u) => u.id,
  businessPhones: () => [],
  displayName: (u) => u.displayName,
  givenName: (u) => u.givenName ?? null,
  surname: (u) => u.surname ?? null,
  jobTitle: (u) => u.jobTitle ?? null,
  mail: (u) => u.mail,
  mobilePhone: () => null,
  officeLocation: (u) => u.officeLocation ?? null,
  preferredLanguage: () => null,
  userPrincipalName: (u) => u.userPrincipalName,
  accountEnabled: (u) => u.accountEnabled,
  userType: (u) => u.userType,
  proxyAddresses: (u) => [...u.proxyAddresses],
  otherMails: (u) => [...u.otherMails],
  assignedLicenses: (u) =>
    u.assignedLicenses.map((l) => ({ ...l, disabledPlans: [...l.disabledPlans] })),
  mailNickname: (u) => u.userPrincipalName.split('@')[0] ?? null,
  onPremisesSyncEnabled: (u) => (u.mailbox.onPremises ? true : null),
  usageLocation: (u) => (u.assignedLicenses.length > 0 ? 'US' : null),
  department: () => null,
  companyName: () => null,
  employeeId: () => null,
  city: () => null,
  country: () => null,
  securityIdentifier: (u) => `S-1-12-1-${u.id.replace(/-/g, '').slice(0, 8)}`,
};

const CANONICAL = new Map(Object.keys(PROPERTIES).map((k) => [k.toLowerCase(), k]));

/** Graph's default property set for users (graph-facts §2.1). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

/** A property's value by (case-insensitive) name, for `$filter`. */
export function userPropertyValue(user: User, name: string): unknown {
  const canonical = CANONICAL.get(name.toLowerCase());
  return canonical ? PROPERTIES[canonical]?.(user) : undefined;
}

/** Resolves a `$select` list to canonical names, or throws Graph's 400 for an unknown property. */
export function resolveUserSelect(select: string[] | undefined): string[] {
  if (!select || select.length === 0) return DEFAULT_USER_PROPERTIES;
  return select.map((name) => {
    const canonical = CANONICAL.get(name.toLowerCase());
    if (!canonical) {
      throw GraphErrors.badRequest(
        `Could not find a property named '${name}' on type 'Microsoft.DirectoryServices.User'.`,
      );
    }
    return canonical;
  });
}

/** Projects a user onto properties; with only `User.ReadBasic.All` the others read as null. */
export function shapeUser(
  user: User,
  properties: string[],
  basicOnly: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) {
    out[p] = basicOnly && !BASIC_USER_PROPERTIES.has(p) ? null : (PROPERTIES[p]?.(user) ?? null);
  }
  return out;
}

/** `@odata.context` suffix for a users collection with `$select`: `users(id,mail)`. */
export function selectSuffix(select: string[] | undefined): string {
  return select && select.length > 0 ? `(${select.join(',')})` : '';
}
