import { describe, expect, it } from 'vitest';
import type { AppointmentSnapshot } from '../../../addin/taskpane/appointment.js';
import {
  DEFAULT_FILTERS,
  durationOf,
  suggestionRequest,
  type RequestContext,
} from '../../../addin/taskpane/suggestion-request.js';

const snapshot: AppointmentSnapshot = {
  start: new Date(2027, 2, 17, 10, 0),
  end: new Date(2027, 2, 17, 11, 0),
  attendees: [
    { email: 'adele.vance@contoso.com', name: 'Adele', required: true, kind: 'user' },
    { email: 'megan.bowen@contoso.com', name: 'Megan', required: true, kind: 'user' },
    { email: 'rainier@contoso.com', name: 'Rainier', required: true, kind: 'user' },
    { email: 'lee.gu@contoso.com', name: 'Lee', required: false, kind: 'user' },
  ],
};

const context: RequestContext = {
  organizerEmail: 'Megan.Bowen@contoso.com',
  roomEmails: new Set(['rainier@contoso.com']),
  timeZone: 'Europe/Berlin',
  now: new Date(2027, 2, 15, 8, 0),
};

describe('the suggestions request', () => {
  it('asks about people only: not the organizer (the server adds them) and not rooms', () => {
    const body = suggestionRequest(snapshot, DEFAULT_FILTERS, context);
    expect(body.required).toEqual(['adele.vance@contoso.com']);
    expect(body.optional).toEqual(['lee.gu@contoso.com']);
    expect(body.includeOrganizer).toBe(true);
    expect(body.organizerTimeZone).toBe('Europe/Berlin');
  });

  it('searches a week from the meeting’s day, for a meeting as long as the form’s', () => {
    const body = suggestionRequest(snapshot, DEFAULT_FILTERS, context);
    expect(body.durationMinutes).toBe(60);
    expect(body.granularityMinutes).toBe(30);
    expect(body.start).toBe(new Date(2027, 2, 17).toISOString());
    expect(body.end).toBe(new Date(2027, 2, 24).toISOString());
  });

  it('starts today when the meeting’s day has passed', () => {
    const later = { ...context, now: new Date(2027, 2, 20, 15, 0) };
    const body = suggestionRequest(snapshot, { ...DEFAULT_FILTERS, range: 'day' }, later);
    expect(body.start).toBe(new Date(2027, 2, 20).toISOString());
    expect(body.end).toBe(new Date(2027, 2, 21).toISOString());
  });

  it('adds a day when what is left of a one-day window cannot hold the meeting', () => {
    const lateEvening = { ...context, now: new Date(2027, 2, 17, 23, 30) };
    const body = suggestionRequest(snapshot, { ...DEFAULT_FILTERS, range: 'day' }, lateEvening);
    expect(body.end).toBe(new Date(2027, 2, 19).toISOString());
  });

  it('asks for one room with the chosen capacity and building, or none', () => {
    const withRoom = suggestionRequest(
      snapshot,
      { ...DEFAULT_FILTERS, minCapacity: 8, building: 'Building 1' },
      context,
    );
    expect(withRoom.rooms).toEqual({ count: 1, minCapacity: 8, building: 'Building 1' });
    expect(suggestionRequest(snapshot, DEFAULT_FILTERS, context).rooms).toEqual({ count: 1 });
    expect(
      suggestionRequest(snapshot, { ...DEFAULT_FILTERS, needRoom: false }, context).rooms,
    ).toBeUndefined();
  });

  it.each([
    ['a zero-length meeting', 0, 30],
    ['an end before the start', -60, 30],
    ['a 25-minute meeting', 25, 25],
    ['a three-day meeting', 3 * 1440, 1440],
  ])('uses a sensible length for %s', (_, minutes, expected) => {
    const s = { ...snapshot, end: new Date(snapshot.start.getTime() + minutes * 60_000) };
    expect(durationOf(s)).toBe(expected);
  });
});

describe('a pinned search day', () => {
  it('searches from the day the pane pinned, not where the meeting moved', () => {
    const moved = { ...snapshot, start: new Date(2027, 2, 22, 9), end: new Date(2027, 2, 22, 10) };
    const body = suggestionRequest(moved, DEFAULT_FILTERS, {
      ...context,
      searchFrom: new Date(2027, 2, 17, 10),
    });
    expect(body.start).toBe(new Date(2027, 2, 17).toISOString());
  });
});
