import { describe, expect, it } from 'vitest';
import { workingIntervals, type WeeklyHours } from '../../server/scheduling/working-hours.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const nineToFive = (timeZone: string): WeeklyHours => ({
  daysOfWeek: WEEKDAYS,
  startTime: '09:00',
  endTime: '17:00',
  timeZone,
});

function intervals(hours: WeeklyHours, from: string, to: string): [string, string][] {
  return workingIntervals(hours, Date.parse(from), Date.parse(to)).map((i) => [
    new Date(i.start).toISOString().slice(0, 16),
    new Date(i.end).toISOString().slice(0, 16),
  ]);
}

describe('working hours across DST, each in its own zone', () => {
  it.each([
    // America/New_York: DST starts Sunday 14 March 2027, ends Sunday 7 November 2027.
    [
      'New York, Friday before the March change',
      'America/New_York',
      '2027-03-12',
      ['2027-03-12T14:00', '2027-03-12T22:00'],
    ],
    [
      'New York, Monday after the March change',
      'America/New_York',
      '2027-03-15',
      ['2027-03-15T13:00', '2027-03-15T21:00'],
    ],
    [
      'New York, Friday before the November change',
      'America/New_York',
      '2027-11-05',
      ['2027-11-05T13:00', '2027-11-05T21:00'],
    ],
    [
      'New York, Monday after the November change',
      'America/New_York',
      '2027-11-08',
      ['2027-11-08T14:00', '2027-11-08T22:00'],
    ],
    // Europe/London: BST starts 28 March, ends 31 October 2027.
    [
      'London, Friday before the October change',
      'Europe/London',
      '2027-10-29',
      ['2027-10-29T08:00', '2027-10-29T16:00'],
    ],
    [
      'London, Monday after the October change',
      'Europe/London',
      '2027-11-01',
      ['2027-11-01T09:00', '2027-11-01T17:00'],
    ],
    // Europe/Berlin: CEST starts 28 March 2027.
    [
      'Berlin, Friday before the March change',
      'Europe/Berlin',
      '2027-03-26',
      ['2027-03-26T08:00', '2027-03-26T16:00'],
    ],
    [
      'Berlin, Monday after the March change',
      'Europe/Berlin',
      '2027-03-29',
      ['2027-03-29T07:00', '2027-03-29T15:00'],
    ],
    // Asia/Kolkata: no DST, half-hour offset.
    ['Kolkata in March', 'Asia/Kolkata', '2027-03-15', ['2027-03-15T03:30', '2027-03-15T11:30']],
    ['Kolkata in November', 'Asia/Kolkata', '2027-11-08', ['2027-11-08T03:30', '2027-11-08T11:30']],
    // Australia/Sydney: DST (southern) ends 4 April 2027, starts 3 October 2027.
    [
      'Sydney, Friday before DST ends',
      'Australia/Sydney',
      '2027-04-02',
      ['2027-04-01T22:00', '2027-04-02T06:00'],
    ],
    [
      'Sydney, Monday after DST ends',
      'Australia/Sydney',
      '2027-04-05',
      ['2027-04-04T23:00', '2027-04-05T07:00'],
    ],
    [
      'Sydney, Monday after DST starts',
      'Australia/Sydney',
      '2027-10-04',
      ['2027-10-03T22:00', '2027-10-04T06:00'],
    ],
  ])('%s', (_, zone, day, expected) => {
    // The local day may begin the UTC day before (Sydney): read the days around it.
    const from = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString();
    const to = new Date(Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000).toISOString();
    expect(intervals(nineToFive(zone), from, to)).toContainEqual(expected);
  });

  it('makes the night of the US spring change an hour shorter and the autumn one longer', () => {
    const nights: WeeklyHours = {
      daysOfWeek: ['sunday'],
      startTime: '01:00',
      endTime: '05:00',
      timeZone: 'America/New_York',
    };
    expect(intervals(nights, '2027-03-13T00:00:00Z', '2027-03-16T00:00:00Z')).toEqual([
      ['2027-03-14T06:00', '2027-03-14T09:00'],
    ]);
    expect(intervals(nights, '2027-11-06T00:00:00Z', '2027-11-09T00:00:00Z')).toEqual([
      ['2027-11-07T05:00', '2027-11-07T10:00'],
    ]);
  });

  it('runs hours that end before they start into the next day', () => {
    const night: WeeklyHours = {
      daysOfWeek: ['monday'],
      startTime: '22:00',
      endTime: '06:00',
      timeZone: 'Europe/London',
    };
    expect(intervals(night, '2027-01-11T00:00:00Z', '2027-01-13T00:00:00Z')).toEqual([
      ['2027-01-11T22:00', '2027-01-12T06:00'],
    ]);
  });

  it('reads 09:00–00:00 as running to midnight, and equal times as the whole day', () => {
    const late = { ...nineToFive('UTC'), daysOfWeek: ['monday'], endTime: '00:00' };
    expect(intervals(late, '2027-01-11T00:00:00Z', '2027-01-13T00:00:00Z')).toEqual([
      ['2027-01-11T09:00', '2027-01-12T00:00'],
    ]);
    const allDay = { ...late, startTime: '00:00' };
    expect(intervals(allDay, '2027-01-11T00:00:00Z', '2027-01-13T00:00:00Z')).toEqual([
      ['2027-01-11T00:00', '2027-01-12T00:00'],
    ]);
  });

  it('clips to the window, skips days off and reads Graph-style times', () => {
    const hours = { ...nineToFive('UTC'), startTime: '09:00:00.0000000', endTime: '17:00:00' };
    expect(intervals(hours, '2027-01-08T12:00:00Z', '2027-01-11T10:00:00Z')).toEqual([
      ['2027-01-08T12:00', '2027-01-08T17:00'],
      ['2027-01-11T09:00', '2027-01-11T10:00'],
    ]);
  });

  it('gives nothing for malformed times or no days', () => {
    expect(
      intervals(
        { ...nineToFive('UTC'), startTime: 'nine' },
        '2027-01-11T00:00:00Z',
        '2027-01-12T00:00:00Z',
      ),
    ).toEqual([]);
    expect(
      intervals(
        { ...nineToFive('UTC'), daysOfWeek: [] },
        '2027-01-11T00:00:00Z',
        '2027-01-12T00:00:00Z',
      ),
    ).toEqual([]);
  });
});
