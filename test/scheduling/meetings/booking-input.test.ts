import { describe, expect, it } from 'vitest';
import { AppError } from '../../../server/http/errors.js';
import {
  normalizeBooking,
  requestDigest,
  type BookingInput,
} from '../../../server/scheduling/meetings/booking-input.js';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const me = new Set(['adele.vance@contoso.com', 'adelev@contoso.onmicrosoft.com']);

function input(change: Partial<BookingInput> = {}): BookingInput {
  return {
    subject: 'Review',
    start: '2026-03-10T09:00',
    end: '2026-03-10T10:00',
    timeZone: 'America/Los_Angeles',
    attendees: [],
    teams: true,
    ...change,
  };
}

function issuesOf(change: Partial<BookingInput>): { path: string; message: string }[] {
  try {
    normalizeBooking(input(change), NOW, me);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('ERR_VALIDATION');
    return [...((error as AppError).errors ?? [])];
  }
  throw new Error('expected a validation error');
}

describe('normalizeBooking', () => {
  it('stores UTC instants and the IANA zone, lower-cases addresses and leaves the organizer out', () => {
    const booking = normalizeBooking(
      input({
        timeZone: 'Pacific Standard Time',
        room: 'Room.Rainier@contoso.com',
        attendees: [
          { email: 'Megan.Bowen@contoso.com', type: 'required' },
          { email: 'AdeleV@contoso.onmicrosoft.com', type: 'optional' },
        ],
      }),
      NOW,
      me,
    );
    expect(booking).toMatchObject({
      start: '2026-03-10T16:00:00.000Z',
      end: '2026-03-10T17:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      room: 'room.rainier@contoso.com',
      attendees: [{ email: 'megan.bowen@contoso.com', type: 'required' }],
      body: null,
    });
  });

  it('counts the room against the 500 attendees of an event', () => {
    const attendees = Array.from({ length: 500 }, (_, i) => ({
      email: `p${i}@x.com`,
      type: 'required' as const,
    }));
    expect(() => normalizeBooking(input({ attendees }), NOW, me)).not.toThrow();
    expect(issuesOf({ attendees, room: 'room@x.com' })).toEqual([
      {
        in: 'body',
        path: 'attendees',
        message: 'At most 500 attendees, the room included (an Exchange limit).',
      },
    ]);
  });

  it('lists every problem at once', () => {
    expect(
      issuesOf({
        end: '2026-03-10T08:00',
        room: 'adele.vance@contoso.com',
        attendees: [
          { email: 'a@x.com', type: 'required' },
          { email: 'A@x.com', type: 'optional' },
        ],
      }).map((i) => i.path),
    ).toEqual(['end', 'room', 'attendees.1.email']);
  });

  it.each([
    ['ends in the past', { start: '2026-03-01T09:00', end: '2026-03-01T10:00' }, 'end'],
    ['lasts more than 7 days', { end: '2026-03-18T09:00' }, 'end'],
    [
      'starts more than two years ahead',
      { start: '2028-06-01T09:00', end: '2028-06-01T10:00' },
      'start',
    ],
    ['has an unknown zone', { timeZone: 'Somewhere/Else' }, 'timeZone'],
  ])('refuses a meeting that %s', (_, change, path) => {
    expect(issuesOf(change).map((i) => i.path)).toContain(path);
  });
});

describe('requestDigest', () => {
  it('ignores key order and tells different requests apart', () => {
    const a = input({ attendees: [{ email: 'a@x.com', type: 'required' }] });
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as unknown as BookingInput;
    expect(requestDigest(reordered)).toBe(requestDigest(a));
    expect(requestDigest(input({ subject: 'Other' }))).not.toBe(requestDigest(a));
  });
});
