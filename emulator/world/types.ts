// The emulated Microsoft 365 world: tenants, their directory, mailboxes, apps and consents.
// Both halves of the emulator (Entra ID and Graph) read and change this one model.

/** Well-known directory role template ids (Entra built-in roles), as they appear in `wids`. */
export const DirectoryRoles = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  teamsAdministrator: '69091246-20e8-4a56-aa4d-066075b2a7a8',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  /** Every member of a tenant carries this "User" role template in `wids`. */
  user: 'b79fbf4d-3ef9-4689-8143-76b194e85509',
} as const;

/** The Microsoft Graph resource app id, as used in `requiredResourceAccess` and token `aud` forms. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export type MailboxKind = 'user' | 'room' | 'equipment' | 'shared' | 'none';

/**
 * How an app's access to this mailbox is scoped by the tenant:
 * - `full`: no restriction;
 * - `denied`: outside an application access policy / RBAC scope — Outlook APIs answer 403 "Access to OData is disabled.";
 * - `settingsOnly`: an Exchange RBAC scope grants MailboxSettings but not Calendars.
 */
export type MailboxAccess = 'full' | 'denied' | 'settingsOnly';

export interface WorkingHours {
  daysOfWeek: string[];
  startTime: string; // "08:00:00.0000000"
  endTime: string;
  timeZone: string; // Windows name
}

export type BookingPolicy = 'autoAccept' | 'restricted' | 'delegateApproval';

export interface RoomInfo {
  capacity: number;
  building?: string;
  floorNumber?: number;
  floorLabel?: string;
  isWheelChairAccessible?: boolean;
  bookingType?: 'standard' | 'reserved';
  audioDeviceName?: string;
  videoDeviceName?: string;
  displayDeviceName?: string;
  tags?: string[];
  /** How the room answers invitations: accept when free, decline unless the organizer is allowed, or wait for a delegate. */
  bookingPolicy: BookingPolicy;
  /** For `restricted`: the UPNs allowed to book it. */
  allowedBookers?: string[];
}

export interface Mailbox {
  kind: MailboxKind;
  /** Hosted on-premises (hybrid): Graph answers as for a missing mailbox. */
  onPremises?: boolean;
  timeZone: string; // Windows time zone name, as mailboxSettings returns by default
  workingHours: WorkingHours;
  /** Teams meetings allowed on this calendar (`allowedOnlineMeetingProviders` includes teamsForBusiness). */
  teamsEnabled: boolean;
  access: MailboxAccess;
  room?: RoomInfo;
  /** Out-of-office auto-replies (`mailboxSettings.automaticRepliesSetting`); disabled when absent. */
  automaticReplies?: AutomaticReplies;
}

export interface AutomaticReplies {
  status: 'disabled' | 'alwaysEnabled' | 'scheduled';
  externalAudience?: 'none' | 'contactsOnly' | 'all';
  internalReplyMessage?: string;
  externalReplyMessage?: string;
  /** UTC local strings ("2024-05-06T00:00:00.0000000"), for `scheduled`. */
  scheduledStartDateTime?: string;
  scheduledEndDateTime?: string;
}

export interface User {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string;
  officeLocation?: string;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  proxyAddresses: string[];
  otherMails: string[];
  assignedLicenses: { skuId: string; disabledPlans: string[] }[];
  /** Directory role template ids held by the user (drives `wids`). */
  directoryRoles: string[];
  mailbox: Mailbox;
  /** Soft-deleted users disappear from /users and show as `@removed` in delta. */
  deleted?: boolean;
}

export interface Group {
  id: string;
  displayName: string;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  /** Member ids: users or nested groups. */
  members: string[];
}

export interface RoomList {
  id: string;
  displayName: string;
  emailAddress: string;
  /** Room mailbox addresses. */
  rooms: string[];
}

/** A client secret of an app registration. Only a hash-free value compare is needed locally. */
export interface SecretCredential {
  keyId: string;
  displayName?: string;
  value: string;
  hint: string;
  startDateTime: string;
  endDateTime: string;
}

/** A certificate (public part) registered on an app. */
export interface CertificateCredential {
  keyId: string;
  certPem: string;
  /** base64url SHA-1 thumbprint of the DER (`x5t`). */
  thumbprintSha1: string;
  /** base64url SHA-256 thumbprint of the DER (`x5t#S256`). */
  thumbprintSha256: string;
  startDateTime: string;
  endDateTime: string;
}

/** An application permission (app role) the app asks for, by its Graph value, e.g. `Calendars.ReadWrite`. */
export type GraphPermission = string;

/** An app registration in its home tenant. */
export interface AppRegistration {
  appId: string;
  objectId: string;
  displayName: string;
  homeTenantId: string;
  signInAudience: 'AzureADMyOrg' | 'AzureADMultipleOrgs';
  identifierUris: string[];
  redirectUris: string[];
  /** The subset of `redirectUris` registered as single-page-application (`Spa`) redirects. */
  spaRedirectUris?: string[];
  /** Graph delegated permissions requested statically (what `/.default` means in a user flow). */
  delegatedGraphScopes?: string[];
  /** Graph application permissions requested (granted to a tenant by admin consent). */
  requiredAppRoles: GraphPermission[];
  /** Delegated scopes on its own API (e.g. `access_as_user`), with their ids. */
  apiScopes: { id: string; value: string }[];
  preAuthorizedClientIds: string[];
  /** v2 tokens for its API when 2. */
  accessTokenVersion: 1 | 2;
  emitsWids: boolean;
  secrets: SecretCredential[];
  certificates: CertificateCredential[];
  /** Public clients (SPAs, the Teams/Outlook hosts) need no credential. */
  isPublicClient?: boolean;
  disabled?: boolean;
}

/** An app's service principal in a tenant: exists once an admin consented (or the app is home there). */
export interface ServicePrincipal {
  id: string;
  appId: string;
  tenantId: string;
  /** Granted Graph app roles (values). Empty is possible: tokens are still issued, Graph answers 403. */
  grantedAppRoles: GraphPermission[];
  /** Users who consented to delegated access (for the authorize endpoint). */
  delegatedConsent: boolean;
  createdAt: string;
}

export interface Tenant {
  id: string;
  displayName: string;
  /** Verified domains; the first is the initial `*.onmicrosoft.com`, `defaultDomain` is the default. */
  domains: string[];
  defaultDomain: string;
  users: User[];
  groups: Group[];
  roomLists: RoomList[];
  /** Keyed by appId. */
  servicePrincipals: Record<string, ServicePrincipal>;
  /**
   * Exchange RBAC for Applications role assignments, keyed by appId: Outlook permissions (e.g.
   * `Calendars.ReadBasic`, `MailboxSettings.Read`) Exchange grants the app without a tenant-wide app
   * role, so they never appear in the token's `roles`. The mailboxes in scope are those whose
   * `mailbox.access` lets the app in. Set through `POST /_emulator/tenants/{tenant}/rbac/{appId}`.
   */
  rbacAppRoles?: Record<string, GraphPermission[]>;
}

/** One scenario file: tenants plus the app registrations that live in them. */
export interface ScenarioData {
  tenants: Tenant[];
  apps: AppRegistration[];
}
