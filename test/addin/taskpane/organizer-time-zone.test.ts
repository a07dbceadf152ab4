// The task pane asks for suggestions in the mailbox's time zone (Office.js userProfile), converting
// Windows names to IANA, and falls back to the browser's zone when the host gives none it can use.
import { describe, expect, it } from 'vitest';
import { ianaTimeZone, organizerTimeZone } from '../../../addin/taskpane/organizer-time-zone.js';
import { fakeOutlook } from '../support/fake-outlook.js';

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
    expect(organizerTimeZone(fakeOutlook({ timeZone: mailbox }), () => 'Australia/Sydney')).toBe(
      expected,
    );
  });

  it.each([
    ['no zone', undefined],
    ['an empty zone', ''],
    ['a custom Exchange zone', 'Customized Time Zone'],
    ['a name no one knows', 'Mars/Olympus_Mons'],
  ])('falls back to the browser’s zone when the mailbox gives %s', (_, mailbox) => {
    expect(organizerTimeZone(fakeOutlook({ timeZone: mailbox }), browserZone)).toBe(BROWSER);
  });

  it('converts names without an Office host at all', () => {
    expect(ianaTimeZone('Eastern Standard Time')).toBe('America/New_York');
    expect(ianaTimeZone(undefined)).toBeUndefined();
    expect(ianaTimeZone('Customized Time Zone')).toBeUndefined();
  });
});
