import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/http/errors.js';
import { parseInstant } from '../../server/scheduling/instants.js';
import { checkAttendeeCount, parseWindow } from '../../server/scheduling/request-window.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('parseInstant', () => {
  it.each([
    ['2027-03-15T09:00:00Z', undefined, '2027-03-15T09:00:00.000Z'],
    ['2027-03-15T09:00:00.250+01:00', undefined, '2027-03-15T08:00:00.250Z'],
    ['2027-03-15T09:00', 'America/New_York', '2027-03-15T13:00:00.000Z'],
    ['2027-03-12T09:00:00', 'America/New_York', '2027-03-12T14:00:00.000Z'],
    ['2027-03-14T02:30', 'America/New_York', '2027-03-14T07:30:00.000Z'],
  ])('reads %s (zone %s) as %s', (text, zone, iso) => {
    const result = parseInstant(text, zone);
    expect(result.ok && new Date(result.instant).toISOString()).toBe(iso);
  });

  it.each([
    ['2027-03-15T09:00:00', undefined, /offset/],
    ['2027-02-30T09:00:00Z', undefined, /valid/],
    ['15/03/2027 09:00', undefined, /ISO 8601/],
    ['2027-03-15', undefined, /ISO 8601/],
    ['2027-03-15T25:00:00Z', undefined, /valid/],
  ])('refuses %s', (text, zone, message) => {
    const result = parseInstant(text, zone);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('parseWindow', () => {
  it.each([
    ['reversed', '2027-03-15T10:00:00Z', '2027-03-15T09:00:00Z', 'ERR_SCHEDULE_WINDOW_INVALID'],
    ['empty', '2027-03-15T10:00:00Z', '2027-03-15T10:00:00Z', 'ERR_SCHEDULE_WINDOW_INVALID'],
    [
      '91 days long',
      '2027-01-01T00:00:00Z',
      '2027-04-02T00:00:00Z',
      'ERR_SCHEDULE_WINDOW_TOO_LONG',
    ],
    ['not a date', 'soon', '2027-03-15T10:00:00Z', 'ERR_VALIDATION'],
    ['90 days long', '2027-01-01T00:00:00Z', '2027-04-01T00:00:00Z', undefined],
  ])('answers a window that is %s with %s', (_, start, end, code) => {
    expect(codeOf(() => parseWindow(start, end, undefined))).toBe(code);
  });

  it('names the field that does not parse', () => {
    try {
      parseWindow('2027-03-15T09:00:00Z', '2027-03-15T10:00', undefined);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).errors).toEqual([
        { in: 'body', path: 'end', message: expect.stringMatching(/offset/) },
      ]);
    }
  });
});

describe('checkAttendeeCount', () => {
  const people = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@contoso.com`);

  it('allows 100 distinct attendees, counting duplicates and case once', () => {
    expect(codeOf(() => checkAttendeeCount(people(100), ['P0@Contoso.com']))).toBeUndefined();
  });

  it('refuses 101', () => {
    expect(codeOf(() => checkAttendeeCount(people(100), ['extra@contoso.com']))).toBe(
      'ERR_SCHEDULE_TOO_MANY_ATTENDEES',
    );
  });
});
