// The terms of use at `/terms` (the app package's `termsOfUseUrl`): short and plain.
import type { LegalDocument } from './legal-layout.js';

export const TERMS_OF_USE: LegalDocument = {
  title: 'Terms of use',
  lead: 'The rules for using Quorum, the Teams tab and Outlook add-in that connects your organization’s calendars.',
  sections: [
    {
      heading: 'Who may use it',
      blocks: [
        'Quorum is for members of a Microsoft 365 organization whose tenant administrator has connected it. By connecting a tenant, an administrator confirms they may grant Quorum access to that organization’s calendars on its behalf.',
      ],
    },
    {
      heading: 'Using it well',
      blocks: [
        [
          'Book meetings and send org events only to people who expect them, and within your organization’s policies.',
          'Do not try to reach calendars, tenants or data you have not been given, or to disrupt the service.',
          'Keep your own app registration’s secret or certificate safe; rotate it in Quorum before it expires.',
        ],
      ],
    },
    {
      heading: 'Your data',
      blocks: [
        'Your organization keeps ownership of its data. How Quorum handles it is described in the privacy statement.',
      ],
    },
    {
      heading: 'No warranty',
      blocks: [
        'Quorum is provided as is. Calendar data comes from Microsoft 365 and may be delayed or incomplete; check important meetings in Outlook. To the extent the law allows, the operator of this deployment is not liable for missed or double-booked meetings.',
      ],
    },
    {
      heading: 'Changes and ending',
      blocks: [
        'These terms may change; the version on this page applies. An administrator can stop using Quorum at any time by deleting the tenant connection or removing the app in Microsoft Entra.',
      ],
    },
  ],
};
