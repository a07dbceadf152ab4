import { describe, expect, it } from 'vitest';
import { candidateSlots } from '../../server/scheduling/suggestions/candidate-slots.js';
import { zoneWindow } from '../../server/scheduling/zone-window.js';

function starts(zone: string, from: string, to: string, granularity: number, duration = 30) {
  const start = Date.parse(from);
  const end = Date.parse(to);
  return candidateSlots({
    start,
    end,
    durationMinutes: duration,
    granularityMinutes: granularity,
    offsets: zoneWindow(zone, start, end),
  }).map((s) => new Date(s.start).toISOString().slice(11, 16));
}

describe('candidate slots on the organizer’s wall-clock grid', () => {
  it('starts on the next quarter hour and leaves room for the meeting', () => {
    expect(starts('UTC', '2027-01-11T09:07:00Z', '2027-01-11T10:30:00Z', 15)).toEqual([
      '09:15',
      '09:30',
      '09:45',
      '10:00',
    ]);
  });

  it('keeps local quarter hours in a half-hour zone (Asia/Kolkata, UTC+5:30)', () => {
    expect(starts('Asia/Kolkata', '2027-01-11T10:07:00Z', '2027-01-11T11:10:00Z', 15)).toEqual([
      '10:15',
      '10:30',
    ]);
    // Hourly: local 16:00 and 17:00 are 10:30Z and 11:30Z.
    expect(starts('Asia/Kolkata', '2027-01-11T10:07:00Z', '2027-01-11T12:30:00Z', 60)).toEqual([
      '10:30',
      '11:30',
    ]);
  });

  it('follows the local clock through the US spring change (no 02:00 that night)', () => {
    expect(starts('America/New_York', '2027-03-14T05:00:00Z', '2027-03-14T09:00:00Z', 60)).toEqual([
      '05:00', // 00:00 EST
      '06:00', // 01:00 EST
      '07:00', // 03:00 EDT
      '08:00', // 04:00 EDT
    ]);
  });

  it('re-aligns after a half-hour DST change (Australia/Lord_Howe)', () => {
    // 3 October 2027, 02:00 local (+10:30) becomes 02:30 (+11) at 15:30Z on 2 October: the
    // next local hour after 01:00 is 03:00 (16:00Z).
    expect(
      starts('Australia/Lord_Howe', '2027-10-02T13:30:00Z', '2027-10-02T18:00:00Z', 60),
    ).toEqual(['13:30', '14:30', '16:00', '17:00']);
  });

  it('gives nothing when the meeting does not fit', () => {
    expect(starts('UTC', '2027-01-11T09:00:00Z', '2027-01-11T09:20:00Z', 15)).toEqual([]);
  });
});
