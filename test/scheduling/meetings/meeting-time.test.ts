import { describe, expect, it } from 'vitest';
import {
  fromGraphTime,
  parseMeetingTime,
  resolveTimeZone,
  toGraphTime,
} from '../../../server/scheduling/meetings/meeting-time.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseMeetingTime', () => {
  it.each([
    [
      'a summer morning in Los Angeles',
      '2026-07-01T09:00',
      'America/Los_Angeles',
      '2026-07-01T16:00:00.000Z',
    ],
    [
      'a winter morning in Los Angeles',
      '2026-01-15T09:00',
      'America/Los_Angeles',
      '2026-01-15T17:00:00.000Z',
    ],
    [
      'a time skipped by the US spring change (moves forward)',
      '2026-03-08T02:30',
      'America/Los_Angeles',
      '2026-03-08T10:30:00.000Z',
    ],
    [
      'a time repeated by the US autumn change (first one)',
      '2026-11-01T01:30',
      'America/Los_Angeles',
      '2026-11-01T08:30:00.000Z',
    ],
    [
      'a time skipped by the EU spring change',
      '2026-03-29T02:30',
      'Europe/Berlin',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'a time repeated by the EU autumn change',
      '2026-10-25T02:30',
      'Europe/Berlin',
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'the day after the EU change',
      '2026-03-30T09:00',
      'Europe/London',
      '2026-03-30T08:00:00.000Z',
    ],
    [
      'an instant in UTC, whatever the zone',
      '2026-03-10T17:00:00Z',
      'Asia/Kolkata',
      '2026-03-10T17:00:00.000Z',
    ],
    [
      'an instant with an offset',
      '2026-03-10T09:00:00-08:00',
      'Europe/Paris',
      '2026-03-10T17:00:00.000Z',
    ],
    ['seconds and fractions', '2026-03-10T09:00:30.5', 'UTC', '2026-03-10T09:00:30.000Z'],
  ])('reads %s', (_, value, zone, expected) => {
    expect(iso(parseMeetingTime(value, zone))).toBe(expected);
  });

  it.each([
    ['2026-02-30T09:00'],
    ['2026-13-01T09:00'],
    ['2026-03-10T24:00'],
    ['tomorrow'],
    ['2026-03-10'],
  ])('refuses %s', (value) => {
    expect(parseMeetingTime(value, 'UTC')).toBeUndefined();
  });
});

describe('resolveTimeZone', () => {
  it('takes IANA and Windows names and refuses others', () => {
    expect(resolveTimeZone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(resolveTimeZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(resolveTimeZone('Mars/Olympus_Mons')).toBeUndefined();
  });
});

describe('toGraphTime and fromGraphTime', () => {
  it("writes the instant as the meeting zone's wall clock", () => {
    expect(toGraphTime('2026-07-01T16:00:00.000Z', 'America/Los_Angeles')).toEqual({
      dateTime: '2026-07-01T09:00:00',
      timeZone: 'America/Los_Angeles',
    });
  });

  it("reads Graph's UTC answers and zoned ones alike", () => {
    expect(fromGraphTime({ dateTime: '2026-07-01T16:00:00.0000000', timeZone: 'UTC' })).toBe(
      '2026-07-01T16:00:00.000Z',
    );
    expect(
      fromGraphTime({ dateTime: '2026-07-01T09:00:00', timeZone: 'Pacific Standard Time' }),
    ).toBe('2026-07-01T16:00:00.000Z');
    expect(fromGraphTime({ dateTime: '2026-07-01T09:00:00', timeZone: 'Nowhere' })).toBeUndefined();
  });
});
