// The privacy statement at `/privacy` (the app package's `privacyUrl`): what Quorum stores, for how
// long, how it reaches calendars (app-only), and how data is deleted. Keep it true to the code.
import type { LegalDocument } from './legal-layout.js';

export const PRIVACY_STATEMENT: LegalDocument = {
  title: 'Privacy statement',
  lead: 'What Quorum keeps about your organization and its people, why, for how long, and how to remove it.',
  sections: [
    {
      heading: 'How Quorum reaches calendars',
      blocks: [
        'Quorum connects the Outlook calendars of a Microsoft 365 organization app-only: a tenant administrator grants Microsoft Graph application permissions once (admin consent), and Quorum’s server then acts as itself, not on behalf of each person. Members never hand Quorum their password.',
        'Administrators decide what Quorum may read: the permissions they grant (see the Overview in the Quorum tab), and, with Exchange RBAC for Applications, which mailboxes it may reach at all. Revoking the consent in Microsoft Entra stops all access at once.',
        'Free/busy is read when someone asks for meeting suggestions, as busy intervals only. Quorum does not read or keep the subject, body or location of anyone’s events, and the admin views never show them.',
      ],
    },
    {
      heading: 'What Quorum stores',
      blocks: [
        [
          'Tenant connections: the tenant id, the app’s client id, and — for an organization’s own app registration — its client secret or certificate private key, encrypted at rest (AES-256-GCM).',
          'A copy of the member directory: each person’s name, email address, role in Quorum, time zone, whether their calendar could be reached (with the reason and when it was last checked), and the calendars they chose for conflicts and bookings.',
          'Meetings booked through Quorum: subject, time, attendees and their answers, the room and the Teams link.',
          'Org events an administrator sends: subject, time, audience and RSVP counts.',
          'Personal calendar connections a member adds: that account’s email address and name, and a refresh token, encrypted at rest.',
          'Settings and the audit log of administrators’ actions (who did what, when).',
        ],
      ],
    },
    {
      heading: 'How long',
      blocks: [
        [
          'The directory copy lives as long as the tenant connection; deleting the connection purges it.',
          'Meetings are deleted automatically 90 days after they end (the operator can change this with QUORUM_MEETING_RETENTION_DAYS).',
          'A personal calendar connection lives until the member removes it.',
          'Settings, org events and the audit log are kept while your organization uses Quorum.',
          'Download links for member exports expire after five minutes.',
        ],
      ],
    },
    {
      heading: 'How to delete data',
      blocks: [
        [
          'Members: in the Quorum tab under My calendar, remove a personal calendar, or disconnect your calendar when your organization allows it.',
          'Administrators: in Connections, delete a tenant connection. Quorum stops reading that tenant, removes its Graph subscriptions and purges the directory data it copied.',
          'Tenant administrators: in the Microsoft Entra admin center, under Enterprise applications, remove Quorum’s permissions or the app itself.',
          'For everything else (settings, audit log, org events), ask the operator of this Quorum deployment to delete your organization.',
        ],
      ],
    },
    {
      heading: 'Sharing',
      blocks: [
        'Quorum sends data only to Microsoft Graph and Microsoft Entra ID (to do what you asked), and to the alert webhook an administrator configures. It sells nothing and shares nothing with advertisers.',
      ],
    },
  ],
};
