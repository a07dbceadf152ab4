// Member status reasons (DESIGN §3): what each means to an admin, the fix shown beside it, and the
// overview tile it counts under. The troubleshooting page and the tab read this one table.
import type { StatusCategory, StatusReason } from './types.js';

export interface ReasonInfo {
  category: StatusCategory;
  /** One sentence for the admin. */
  summary: string;
  /** What to do, or null when nothing is needed. */
  fix: string | null;
  /** The Graph or Entra signal that leads to it. */
  signal: string;
}

export const REASONS: Readonly<Record<StatusReason, ReasonInfo>> = {
  connected: {
    category: 'connected',
    summary: "Quorum can read this member's mailbox settings and calendar.",
    fix: null,
    signal: 'The settings and calendar probes succeeded.',
  },
  checking: {
    category: 'checking',
    summary: 'Quorum has not checked this calendar yet, or a check is running.',
    fix: null,
    signal: 'Not probed yet, or a probe is in flight.',
  },
  not_in_directory: {
    category: 'not_connected',
    summary: "No user in a connected Microsoft 365 tenant has this member's email address.",
    fix: "Check the member's email address, or connect the tenant their mailbox lives in.",
    signal: 'No directory user matches the mail, UPN or proxy addresses.',
  },
  account_disabled: {
    category: 'not_connected',
    summary: "The member's Microsoft 365 account is disabled.",
    fix: 'Re-enable the account in the Microsoft 365 admin center.',
    signal: 'accountEnabled is false on the directory user.',
  },
  guest_account: {
    category: 'not_connected',
    summary: 'The member is a guest in this tenant; their calendar lives in their home tenant.',
    fix: 'Connect their home tenant, or ask them to connect a personal calendar.',
    signal: 'userType is Guest.',
  },
  no_mailbox: {
    category: 'needs_attention',
    summary:
      'The member has no Exchange Online mailbox (unlicensed, inactive, soft-deleted or on-premises).',
    fix: 'Assign an Exchange Online licence, or move the mailbox to Exchange Online.',
    signal: '404 MailboxNotEnabledForRESTAPI.',
  },
  outside_access_scope: {
    category: 'needs_attention',
    summary:
      "The tenant's access policy or Exchange RBAC scope leaves this mailbox out of Quorum's reach.",
    fix: "Add the member to the group or management scope that Quorum's access is limited to.",
    signal:
      '403 ErrorAccessDenied "Access to OData is disabled." on the settings or calendar probe.',
  },
  consent_missing: {
    category: 'not_connected',
    summary: "Quorum's app is not consented in this tenant (or consent was revoked).",
    fix: 'Ask a Global or Privileged Role Administrator to grant admin consent again with the activation link.',
    signal: 'AADSTS700016, or every probe 403 without a scope signal.',
  },
  credential_invalid: {
    category: 'not_connected',
    summary: 'The client secret or certificate of this connection is not valid.',
    fix: 'Enter a valid client secret or certificate for the app registration.',
    signal: 'AADSTS7000215, or 700027 with a certificate that has not expired.',
  },
  credential_expired: {
    category: 'not_connected',
    summary: 'The client secret or certificate of this connection has expired.',
    fix: 'Create a new secret or certificate in Entra ID and rotate it here.',
    signal: 'AADSTS7000222, or 700027 with a certificate past its notAfter.',
  },
  connection_disabled: {
    category: 'not_connected',
    summary: 'An admin disabled the tenant connection.',
    fix: 'Enable the connection.',
    signal: 'The connection is disabled in Quorum.',
  },
  member_disconnected: {
    category: 'not_connected',
    summary: 'The member disconnected their calendar from Quorum; it is not read.',
    fix: 'Only the member can reconnect it: in Quorum, My calendar → Reconnect my calendar.',
    signal: "The member disconnected the org-managed calendar (the org's settings allow it).",
  },
  throttled: {
    category: 'checking',
    summary: 'Microsoft is throttling requests; the last known status is kept.',
    fix: null,
    signal: '429 or 503 persisted past retries.',
  },
  error: {
    category: 'needs_attention',
    summary: 'The check failed for an unexpected reason.',
    fix: 'Re-check; if it persists, contact support with the request id.',
    signal: 'Anything else (the Graph request id is kept).',
  },
};

export function categoryOf(reason: StatusReason): StatusCategory {
  return REASONS[reason].category;
}
