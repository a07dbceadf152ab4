// The status vocabulary shared by the member table, the tiles and the member's own view (DESIGN §3).

/** The four tiles. */
export type StatusCategory = 'connected' | 'needs_attention' | 'not_connected' | 'checking';

export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  'connected',
  'needs_attention',
  'not_connected',
  'checking',
];

/** Stable reason codes; each comes with the server's summary and fix. */
export type StatusReason =
  | 'connected'
  | 'checking'
  | 'not_in_directory'
  | 'account_disabled'
  | 'guest_account'
  | 'no_mailbox'
  | 'outside_access_scope'
  | 'consent_missing'
  | 'credential_invalid'
  | 'credential_expired'
  | 'connection_disabled'
  | 'member_disconnected'
  | 'throttled'
  | 'error';

export const STATUS_REASONS: readonly StatusReason[] = [
  'connected',
  'checking',
  'not_in_directory',
  'account_disabled',
  'guest_account',
  'no_mailbox',
  'outside_access_scope',
  'consent_missing',
  'credential_invalid',
  'credential_expired',
  'connection_disabled',
  'member_disconnected',
  'throttled',
  'error',
];
