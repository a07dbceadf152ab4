// The page at `/` (the app package's `websiteUrl`): what Quorum is and where its surfaces are.
import type { LegalDocument } from './legal-layout.js';

export const ABOUT_QUORUM: LegalDocument = {
  title: 'Every member’s Outlook calendar, connected once',
  lead: 'Quorum connects the Outlook calendars of a whole Microsoft 365 organization through one admin consent.',
  sections: [
    {
      heading: 'For administrators',
      blocks: [
        'In the Quorum tab in Teams, connect your tenant, see whose calendar Quorum can read and, when it cannot, the reason and the fix; send org events and follow their RSVPs.',
      ],
    },
    {
      heading: 'For everyone',
      blocks: [
        'While writing a meeting in Outlook, open Quorum to find a time that suits every attendee and a free room, and apply it to the meeting. In the Teams tab, book meetings and follow the answers.',
      ],
    },
    {
      heading: 'Open it',
      blocks: [
        [
          'In Teams: the Quorum app, once your administrator has added it.',
          'In Outlook: Quorum on the ribbon of a meeting you organize.',
          'In a browser: /tab for the tab, /demo for an Outlook-like demo of the add-in.',
        ],
      ],
    },
  ],
};
