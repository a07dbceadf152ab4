// The task pane asks for suggestions in the mailbox's time zone (Office.js userProfile), converting
// Windows names to IANA, and falls back to the browser's zone when the host gives none it can use.
import { describe, expect, it } from 'vitest';
import { AppointmentStore } from '../../../addin/demo/appointment-store.js';
import { createFakeOffice } from '../../../addin/demo/fake-office.js';
import { ianaTimeZone, organizerTimeZone } from '../../../addin/taskpane/organizer-time-zone.js';

function officeWithZone(timeZone?: string) {
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
      ...(timeZone === undefined ? {} : { timeZone }),
    },
    theme: { bodyBackgroundColor: '#ffffff' },
  });
}

const BROWSER = 'Asia/Tokyo';
const browserZone = () => BROWSER;

describe('the organizer’s time zone in the task pane', () => {
  it.each([
    ['a Windows name', 'Pacific Standard Time', 'America/Los_Angeles'],
    ['another Windows name', 'W. Europe Standard Time', 'Europe/Berlin'],
    ['the Windows name UTC', 'UTC', 'Etc/UTC'],
    ['an IANA name (Outlook on the web)', 'Europe/Paris', 'Europe/Paris'],
    ['a name with spaces around it', '  Tokyo Standard Time ', 'Asia/Tokyo'],
  ])('uses the mailbox’s zone given as %s', (_, mailbox, expected) => {
    expect(organizerTimeZone(officeWithZone(mailbox), () => 'Australia/Sydney')).toBe(expected);
  });

  it.each([
    ['no zone', undefined],
    ['an empty zone', ''],
    ['a custom Exchange zone', 'Customized Time Zone'],
    ['a name no one knows', 'Mars/Olympus_Mons'],
  ])('falls back to the browser’s zone when the mailbox gives %s', (_, mailbox) => {
    expect(organizerTimeZone(officeWithZone(mailbox), browserZone)).toBe(BROWSER);
  });

  it('converts names without an Office host at all', () => {
    expect(ianaTimeZone('Eastern Standard Time')).toBe('America/New_York');
    expect(ianaTimeZone(undefined)).toBeUndefined();
    expect(ianaTimeZone('Customized Time Zone')).toBeUndefined();
  });
});
