// Org event times: instants with offsets, wall-clock times in the event's zone (across DST), and
// the wall-clock `dateTimeTimeZone` Graph gets.
import { describe, expect, it } from 'vitest';
import {
  parseEventTime,
  resolveZone,
  toGraphDateTime,
} from '../../../server/scheduling/org-events/event-time.js';

describe('event times', () => {
  it('resolves IANA and Windows zone names, and refuses unknown ones', () => {
    expect(resolveZone('Europe/Paris')).toBe('Europe/Paris');
    expect(resolveZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(resolveZone('Mars/Olympus')).toBeUndefined();
  });

  it.each([
    ['2031-03-08T09:00', 'America/Los_Angeles', '2031-03-08T17:00:00.000Z'],
    // The day after the US switch to daylight time (9 March 2031).
    ['2031-03-10T09:00', 'America/Los_Angeles', '2031-03-10T16:00:00.000Z'],
    ['2031-10-27T09:30:00', 'Europe/Berlin', '2031-10-27T08:30:00.000Z'],
    ['2031-05-06T17:00:00Z', 'Europe/Berlin', '2031-05-06T17:00:00.000Z'],
    ['2031-05-06T17:00:00+02:00', 'UTC', '2031-05-06T15:00:00.000Z'],
  ])('reads %s in %s as %s', (value, zone, expected) => {
    expect(new Date(parseEventTime(value, zone)!).toISOString()).toBe(expected);
  });

  it.each(['2031-02-30T09:00', 'tomorrow', '2031-05-06'])('refuses %s', (value) => {
    expect(parseEventTime(value, 'UTC')).toBeUndefined();
  });

  it('gives Graph the wall-clock time in the zone', () => {
    expect(toGraphDateTime(Date.parse('2031-03-10T16:00:00Z'), 'America/Los_Angeles')).toEqual({
      dateTime: '2031-03-10T09:00:00',
      timeZone: 'America/Los_Angeles',
    });
  });
});
