// The demo's fake Office host with Megan Bowen's mailbox and an empty 30-minute meeting open: what
// the task-pane and Outlook-host unit tests need when the meeting itself does not matter.
import { AppointmentStore } from '../../../addin/demo/appointment-store.js';
import { createFakeOffice, type FakeOffice } from '../../../addin/demo/fake-office.js';

export interface FakeOutlookOptions {
  /** The mailbox's time zone as Office.js gives it (userProfile.timeZone); none by default. */
  readonly timeZone?: string;
  /** Office's theme background (default white). */
  readonly background?: string;
}

export function fakeOutlook(options: FakeOutlookOptions = {}): FakeOffice {
  const store = new AppointmentStore({
    subject: '',
    required: [],
    optional: [],
    start: new Date('2027-03-15T09:00:00Z'),
    end: new Date('2027-03-15T09:30:00Z'),
    locations: [],
    teamsMeeting: false,
  });
  return createFakeOffice({
    store,
    user: {
      emailAddress: 'megan.bowen@contoso.com',
      displayName: 'Megan Bowen',
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    },
    theme: { bodyBackgroundColor: options.background ?? '#ffffff' },
  });
}
