// Quorum's domain (DESIGN §3): organizations, members and their calendar connections, tenant
// connections, meetings. Identity is always (tenant id, object id), never an email address.

/** Busy statuses that block a slot, and how unknown availability counts (DESIGN §3 default policy). */
export interface FreeBusyPolicy {
  /** Graph `scheduleItem.status` values that make a member busy. */
  blocking: ('busy' | 'tentative' | 'oof' | 'workingElsewhere' | 'free')[];
  /** Unknown availability blocks (fail closed) and is flagged. */
  unknownBlocks: boolean;
}

export const DEFAULT_FREE_BUSY_POLICY: FreeBusyPolicy = {
  blocking: ['busy', 'tentative', 'oof'],
  unknownBlocks: true,
};

export interface OrgSettings {
  /** Members may disconnect the org-managed calendar (Calendly's admin switch). Default false. */
  allowMemberDisconnect: boolean;
  freeBusyPolicy: FreeBusyPolicy;
  /** HTTPS URL that receives HMAC-signed alerts; null for none. */
  alertWebhookUrl: string | null;
  /** Mailbox that sends org events (J5); null until an admin picks one. */
  serviceMailbox: string | null;
  /** Which directory users become members: every enabled person with a mailbox, or one group. */
  provisioning: { mode: 'allPeople' } | { mode: 'group'; groupId: string } | { mode: 'none' };
}

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  allowMemberDisconnect: false,
  freeBusyPolicy: DEFAULT_FREE_BUSY_POLICY,
  alertWebhookUrl: null,
  serviceMailbox: null,
  provisioning: { mode: 'allPeople' },
};

export interface Organization {
  id: string;
  name: string;
  createdAt: string;
  settings: OrgSettings;
}

export type MemberRole = 'owner' | 'admin' | 'member';
export type MemberSource = 'directory' | 'sso' | 'invite';

/** Member status reason codes (DESIGN §3); `reasons.ts` gives each a sentence and a fix. */
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

/** The tiles of the admin overview. */
export type StatusCategory = 'connected' | 'needs_attention' | 'not_connected' | 'checking';

export interface WorkingHours {
  daysOfWeek: string[];
  /** "09:00" local wall-clock time in `timeZone`. */
  startTime: string;
  endTime: string;
  /** IANA. */
  timeZone: string;
}

/** A member's org-managed calendar connection (kind `org`) and its last health probe. */
export interface OrgCalendarState {
  tenantConnectionId: string | null;
  status: StatusCategory;
  reason: StatusReason;
  /** When the reason last changed / was last confirmed by a probe. */
  checkedAt: string | null;
  /** Graph request id of the failing call, for `error`. */
  requestId?: string;
  /** For `throttled`: when the next probe is due. */
  retryAt?: string;
  /** IANA time zone and working hours read from mailboxSettings. */
  timeZone: string | null;
  workingHours: WorkingHours | null;
  /** The member disconnected the org-managed calendar (only when the org allows it). */
  disconnected: boolean;
  /** Calendars (ids) that count for conflicts beyond the default one; kept while disabled. */
  selectedCalendarIds: string[];
  /** Where Quorum books: a calendar id, `scheduler` (the Quorum Scheduler calendar), or null = default. */
  destinationCalendarId: string | null;
}

/** A personal calendar connected by delegated OAuth (any tenant); its refresh token is a store secret. */
export interface PersonalCalendarConnection {
  id: string;
  tenantId: string;
  objectId: string;
  email: string;
  displayName: string;
  status: 'connected' | 'reauth_required' | 'error';
  connectedAt: string;
  checkedAt: string | null;
  /** When the same mailbox is also org-managed, the org connection wins and this one is kept, unused. */
  shadowedByOrg: boolean;
}

/** The directory user a member was matched to, copied from Graph (purged with its tenant connection). */
export interface DirectoryLink {
  tenantId: string;
  objectId: string;
  userPrincipalName: string;
  mail: string | null;
  proxyAddresses: string[];
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  /** Holds at least one licence (absent on links written before it was recorded). */
  licensed?: boolean;
  syncedAt: string;
}

export interface Member {
  id: string;
  orgId: string;
  /** Entra identity, once known (sign-in or directory match). */
  tenantId: string | null;
  objectId: string | null;
  email: string;
  displayName: string;
  role: MemberRole;
  source: MemberSource;
  createdAt: string;
  directory: DirectoryLink | null;
  calendar: OrgCalendarState;
  personalCalendars: PersonalCalendarConnection[];
}

export type CredentialKind = 'platform' | 'secret' | 'certificate';

export interface ConnectionCredential {
  kind: CredentialKind;
  clientId: string;
  /** Store secret name holding the client secret or the PEM private key (never in documents). */
  secretName?: string;
  /** Public certificate (PEM) and its thumbprint, for `certificate`. */
  certificatePem?: string;
  thumbprintSha256?: string;
  /** Client secret expiry as entered, or the certificate's notAfter. */
  expiresAt?: string | null;
  /** When this credential was saved (creation or rotation): consent and new secrets take minutes to apply. */
  updatedAt?: string;
  /** Quorum generated the key pair (only the public certificate ever leaves the server). */
  generated?: boolean;
}

/** Permission tiers (DESIGN §5), each a superset of the previous. */
export type PermissionTier = 'none' | 'availability' | 'booking' | 'orgEvents' | 'attendance';

export type ConnectionHealthState = 'unverified' | 'verifying' | 'healthy' | 'broken';

export interface ConnectionHealth {
  state: ConnectionHealthState;
  /** For `broken`: the connection-level reason (consent_missing, credential_invalid, …). */
  reason: StatusReason | null;
  detail: string | null;
  checkedAt: string | null;
  /** AADSTS number or Graph request id behind the reason. */
  aadsts?: number;
  requestId?: string;
  /** When `state` (or, while broken, `reason`) last changed: an outage's start, for alerts. */
  since?: string | null;
  /** Object id of the mailbox the last successful probe read (re-checks probe it again). */
  mailbox?: string | null;
}

/** A product feature a connection's permissions leave out, and the application permissions it needs. */
export interface MissingFeature {
  feature:
    | 'directory'
    | 'availability'
    | 'rooms'
    | 'verifiedDomains'
    | 'booking'
    | 'orgEvents'
    | 'attendance';
  /** Any one of these (tenant-wide application permissions) enables it. */
  needs: string[];
}

export interface TenantConnection {
  id: string;
  orgId: string;
  tenantId: string;
  displayName: string;
  verifiedDomains: string[];
  credential: ConnectionCredential;
  /** `roles` of the last token, for information (RBAC-scoped tenants may carry none and still work). */
  grantedRoles: string[];
  tier: PermissionTier;
  /** Features the granted permissions do not reach (reported, never fatal). */
  missingFeatures?: MissingFeature[];
  enabled: boolean;
  createdAt: string;
  lastEnabledAt: string | null;
  lastDisabledAt: string | null;
  health: ConnectionHealth;
  sync: {
    lastFullAt: string | null;
    lastDeltaAt: string | null;
    deltaLink: string | null;
    running: string | null; // job id
    /** When the last health sweep of this connection's members finished. */
    lastSweepAt?: string | null;
  };
}
