import { describe, expect, it } from 'vitest';
import { normalizeMailboxSettings } from '../../server/microsoft/mailbox-settings.js';
import { toIanaTimeZone } from '../../server/microsoft/time-zones.js';

describe('toIanaTimeZone', () => {
  it.each([
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['GMT Standard Time', 'Europe/London'],
    ['Tokyo Standard Time', 'Asia/Tokyo'],
    ['UTC', 'Etc/UTC'],
    ['Europe/Paris', 'Europe/Paris'],
  ])('maps %s to %s', (windows, iana) => {
    expect(toIanaTimeZone(windows)).toBe(iana);
  });

  it.each([['Customized Time Zone'], ['Not A Zone'], [''], [null]])(
    'has no IANA zone for %s',
    (name) => {
      expect(toIanaTimeZone(name)).toBeUndefined();
    },
  );
});

describe('normalizeMailboxSettings', () => {
  it('converts the mailbox and working-hours zones and keeps the raw name', () => {
    expect(
      normalizeMailboxSettings({
        timeZone: 'Eastern Standard Time',
        workingHours: {
          daysOfWeek: ['monday', 'friday'],
          startTime: '08:30:00.0000000',
          endTime: '17:00:00.0000000',
          timeZone: { name: 'Eastern Standard Time' },
        },
        userPurpose: { value: 'room' },
      }),
    ).toEqual({
      timeZone: 'America/New_York',
      rawTimeZone: 'Eastern Standard Time',
      workingHours: {
        daysOfWeek: ['monday', 'friday'],
        startTime: '08:30:00',
        endTime: '17:00:00',
        timeZone: 'America/New_York',
      },
      userPurpose: 'room',
    });
  });
});
