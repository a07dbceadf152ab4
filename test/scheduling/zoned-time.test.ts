import { describe, expect, it } from 'vitest';
import { zoneWindow } from '../../server/scheduling/zone-window.js';
import {
  addDays,
  fromLocal,
  isTimeZone,
  minutesOfDay,
  offsetsOf,
  toLocal,
  weekday,
  zoneOffset,
} from '../../server/scheduling/zoned-time.js';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('zoneOffset', () => {
  it.each([
    ['America/New_York', '2027-01-15T12:00:00Z', -5],
    ['America/New_York', '2027-07-15T12:00:00Z', -4],
    ['Europe/London', '2027-01-15T12:00:00Z', 0],
    ['Europe/London', '2027-07-15T12:00:00Z', 1],
    ['Europe/Berlin', '2027-01-15T12:00:00Z', 1],
    ['Europe/Berlin', '2027-07-15T12:00:00Z', 2],
    ['Asia/Kolkata', '2027-01-15T12:00:00Z', 5.5],
    ['Asia/Kolkata', '2027-07-15T12:00:00Z', 5.5],
    ['Australia/Sydney', '2027-01-15T12:00:00Z', 11],
    ['Australia/Sydney', '2027-07-15T12:00:00Z', 10],
    ['UTC', '2027-07-15T12:00:00Z', 0],
  ])('gives %s at %s as UTC%s', (zone, instant, hours) => {
    expect(zoneOffset(zone, at(instant))).toBe(hours * HOUR);
  });

  it('changes at the exact instant of a transition (New York, 14 March 2027, 07:00Z)', () => {
    expect(zoneOffset('America/New_York', at('2027-03-14T06:59:00Z'))).toBe(-5 * HOUR);
    expect(zoneOffset('America/New_York', at('2027-03-14T07:00:00Z'))).toBe(-4 * HOUR);
  });
});

describe('fromLocal', () => {
  const local = (zone: string, y: number, mo: number, d: number, h: number, mi = 0) =>
    new Date(
      fromLocal(offsetsOf(zone), { year: y, month: mo, day: d, hour: h, minute: mi }),
    ).toISOString();

  it.each([
    [
      'an ordinary winter time',
      'America/New_York',
      [2027, 1, 11, 9, 0],
      '2027-01-11T14:00:00.000Z',
    ],
    [
      'an ordinary summer time',
      'America/New_York',
      [2027, 7, 12, 9, 0],
      '2027-07-12T13:00:00.000Z',
    ],
    [
      'a time in the US spring gap (moves forward)',
      'America/New_York',
      [2027, 3, 14, 2, 30],
      '2027-03-14T07:30:00.000Z',
    ],
    [
      'a time in the US autumn overlap (first one)',
      'America/New_York',
      [2027, 11, 7, 1, 30],
      '2027-11-07T05:30:00.000Z',
    ],
    [
      'a time in the EU spring gap',
      'Europe/Berlin',
      [2027, 3, 28, 2, 30],
      '2027-03-28T01:30:00.000Z',
    ],
    [
      'a time in the UK autumn overlap',
      'Europe/London',
      [2027, 10, 31, 1, 30],
      '2027-10-31T00:30:00.000Z',
    ],
    [
      'a time in the Sydney April overlap',
      'Australia/Sydney',
      [2027, 4, 4, 2, 30],
      '2027-04-03T15:30:00.000Z',
    ],
    [
      'a time in the Sydney October gap',
      'Australia/Sydney',
      [2027, 10, 3, 2, 30],
      '2027-10-02T16:30:00.000Z',
    ],
    [
      'a half-hour zone without DST',
      'Asia/Kolkata',
      [2027, 3, 14, 9, 0],
      '2027-03-14T03:30:00.000Z',
    ],
  ])('places %s', (_, zone, [y, mo, d, h, mi], expected) => {
    expect(local(zone as string, y!, mo!, d!, h!, mi)).toBe(expected);
  });

  it('round-trips every quarter hour of a DST week through toLocal', () => {
    const offsets = offsetsOf('Europe/London');
    for (let t = at('2027-03-27T00:00:00Z'); t < at('2027-04-01T00:00:00Z'); t += 15 * 60_000) {
      expect(fromLocal(offsets, toLocal(offsets, t))).toBe(t);
    }
  });
});

describe('zoneWindow', () => {
  it.each([
    ['America/New_York', '2027-03-10T00:00:00Z', '2027-03-20T00:00:00Z'],
    ['America/New_York', '2027-11-01T00:00:00Z', '2027-11-10T00:00:00Z'],
    ['Europe/Berlin', '2027-03-25T00:00:00Z', '2027-04-02T00:00:00Z'],
    ['Australia/Sydney', '2027-04-01T00:00:00Z', '2027-04-08T00:00:00Z'],
    ['Australia/Lord_Howe', '2027-10-01T00:00:00Z', '2027-10-06T00:00:00Z'],
    ['Asia/Kolkata', '2027-03-01T00:00:00Z', '2027-03-30T00:00:00Z'],
  ])('agrees with Intl every 7 minutes in %s from %s to %s', (zone, from, to) => {
    const offsets = zoneWindow(zone, at(from), at(to));
    for (let t = at(from); t <= at(to); t += 7 * 60_000) {
      expect(offsets(t)).toBe(zoneOffset(zone, t));
    }
  });
});

describe('calendar helpers', () => {
  it('adds days across month and year ends and names weekdays', () => {
    expect(addDays({ year: 2027, month: 12, day: 30 }, 3)).toEqual({
      year: 2028,
      month: 1,
      day: 2,
    });
    expect(weekday({ year: 2027, month: 3, day: 14 })).toBe(0);
    expect(weekday({ year: 2027, month: 3, day: 15 })).toBe(1);
  });

  it.each([
    ['09:00', 540],
    ['17:30:00', 1050],
    ['08:00:00.0000000', 480],
    ['24:00', 1440],
    ['25:00', undefined],
    ['9am', undefined],
  ])('reads %s as %s minutes', (text, minutes) => {
    expect(minutesOfDay(text)).toBe(minutes);
  });

  it('knows IANA zones and refuses Windows names and nonsense', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('W. Europe Standard Time')).toBe(false);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
