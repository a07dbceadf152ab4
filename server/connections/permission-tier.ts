// The permission tier of a connection (DESIGN §5) and the features its permissions leave out.
// Roles come from the token and are information only: a probe that read a mailbox's settings and
// calendar proves those two permissions even when Exchange RBAC grants them with no tenant-wide role.
import type { MissingFeature, PermissionTier } from '../domain/types.js';

type Feature = MissingFeature['feature'];

/** Each feature and the application permissions of which any one enables it. */
export const FEATURE_PERMISSIONS: Readonly<Record<Feature, readonly string[]>> = {
  directory: [
    'User.Read.All',
    'User.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  availability: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  rooms: ['Place.Read.All', 'Place.ReadWrite.All'],
  verifiedDomains: [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  booking: ['Calendars.ReadWrite'],
  orgEvents: [
    'GroupMember.Read.All',
    'Group.Read.All',
    'Group.ReadWrite.All',
    'Directory.Read.All',
  ],
  attendance: ['OnlineMeetingArtifact.Read.All'],
};

const SETTINGS_PERMISSIONS = ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'];

/**
 * Tiers in order, each with the features it adds to the previous one. Directory listing is not part
 * of a tier: without it members who sign in are still reached by their object id.
 */
const TIERS: readonly [PermissionTier, readonly Feature[]][] = [
  ['availability', ['availability']],
  ['booking', ['booking']],
  ['orgEvents', ['orgEvents']],
  ['attendance', ['attendance']],
];

export interface TierInput {
  /** `roles` of the verification token. */
  roles: readonly string[];
  /** The probe read a mailbox's settings and default calendar. */
  mailboxProbePassed: boolean;
}

export interface TierResult {
  tier: PermissionTier;
  missingFeatures: MissingFeature[];
}

/** The highest tier whose features are all reachable, and every feature that is not. */
export function permissionTier(input: TierInput): TierResult {
  const held = new Set(input.roles);
  const has = (feature: Feature): boolean => {
    if (feature === 'availability') {
      if (input.mailboxProbePassed) return true;
      return (
        FEATURE_PERMISSIONS.availability.some((p) => held.has(p)) &&
        SETTINGS_PERMISSIONS.some((p) => held.has(p))
      );
    }
    return FEATURE_PERMISSIONS[feature].some((p) => held.has(p));
  };
  const missingFeatures: MissingFeature[] = (Object.keys(FEATURE_PERMISSIONS) as Feature[])
    .filter((feature) => !has(feature))
    .map((feature) => ({
      feature,
      needs:
        feature === 'availability'
          ? [...SETTINGS_PERMISSIONS.slice(0, 1), ...FEATURE_PERMISSIONS.availability.slice(0, 1)]
          : [...FEATURE_PERMISSIONS[feature]],
    }));
  let tier: PermissionTier = 'none';
  for (const [name, features] of TIERS) {
    if (!features.every(has)) break;
    tier = name;
  }
  return { tier, missingFeatures };
}
