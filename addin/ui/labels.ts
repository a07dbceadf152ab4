// Short names for statuses and reasons (filters, badges). Sentences and fixes come from the server.
import type { StatusCategory, StatusReason } from '../api/status-types.js';

export const CATEGORY_LABELS: Record<StatusCategory, string> = {
  connected: 'Connected',
  needs_attention: 'Needs attention',
  not_connected: 'Not connected',
  checking: 'Checking',
};

export const REASON_LABELS: Record<StatusReason, string> = {
  connected: 'Connected',
  checking: 'Not checked yet',
  not_in_directory: 'Not in the directory',
  account_disabled: 'Account disabled',
  guest_account: 'Guest account',
  no_mailbox: 'No Exchange Online mailbox',
  outside_access_scope: 'Outside Quorum’s access scope',
  consent_missing: 'Admin consent missing',
  credential_invalid: 'Credential invalid',
  credential_expired: 'Credential expired',
  connection_disabled: 'Connection turned off',
  member_disconnected: 'Disconnected by the member',
  throttled: 'Throttled by Microsoft',
  error: 'Unexpected error',
};

export const HEALTH_LABELS = {
  unverified: 'Not verified',
  verifying: 'Verifying',
  healthy: 'Healthy',
  broken: 'Broken',
} as const;

export const TIER_LABELS = {
  none: 'No permissions',
  availability: 'Availability',
  booking: 'Availability and booking',
  orgEvents: 'Availability, booking and org events',
  attendance: 'Everything, including Teams attendance',
} as const;

/** Features a connection's permissions may leave out (server/connections/permission-tier.ts). */
export const FEATURE_LABELS: Record<string, string> = {
  directory: 'Finding new members in the directory',
  availability: 'Reading availability',
  rooms: 'Rooms',
  verifiedDomains: 'Matching members by verified domain',
  booking: 'Booking meetings',
  orgEvents: 'Org events sent to groups',
  attendance: 'Teams meeting attendance',
};
