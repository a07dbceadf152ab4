// Suggestions and availability across the 2027 DST changes on the emulator: the US springs forward
// two weeks before Europe (14 vs 28 March) and falls back a week after it (7 November vs 31
// October), so the hours New York and London share move by an hour in those weeks. A recurring
// New York meeting keeps its local time; an all-day London absence is a London date; windows of
// 62 days or more are read in two parts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createEvent, SAM, syncedContoso } from './schedule-fixtures.js';

interface Slot {
  start: string;
  score: number;
  attendees: { email: string; availability: string; inWorkingHours: boolean | null }[];
}

let quorum: TestQuorum;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

beforeAll(async () => {
  quorum = await startQuorum();
  await syncedContoso(quorum);
  // Joni (New York): 10:00–11:00 New York time every weekday, 8–19 March 2027.
  await createEvent(quorum, 'joni.sherman@contoso.com', {
    subject: 'Daily client call',
    start: '2027-03-08T10:00:00',
    end: '2027-03-08T11:00:00',
    timeZone: 'Eastern Standard Time',
    recurrence: {
      pattern: {
        type: 'weekly',
        interval: 1,
        month: 0,
        dayOfMonth: 0,
        daysOfWeek: WEEKDAYS,
        firstDayOfWeek: 'monday',
        index: 'first',
      },
      range: {
        type: 'endDate',
        startDate: '2027-03-08',
        endDate: '2027-03-19',
        recurrenceTimeZone: 'Eastern Standard Time',
        numberOfOccurrences: 0,
      },
    },
  });
  // Lynne (London) is away all of Wednesday 17 March, a London date.
  await createEvent(quorum, 'lynne.robbins@contoso.com', {
    subject: 'Away',
    start: '2027-03-17T00:00:00',
    end: '2027-03-18T00:00:00',
    timeZone: 'GMT Standard Time',
    isAllDay: true,
    showAs: 'oof',
  });
  // And one meeting of Joni's far out, in the second part of a long window.
  await createEvent(quorum, 'joni.sherman@contoso.com', {
    subject: 'Quarterly review',
    start: '2027-05-10T09:00:00',
    end: '2027-05-10T10:00:00',
    timeZone: 'Eastern Standard Time',
  });
});
afterAll(async () => {
  await quorum.close();
});

async function perfectSlots(body: Record<string, unknown>): Promise<string[]> {
  const { status, body: result } = await quorum.api<{ suggestions: Slot[] }>(
    SAM,
    'POST',
    '/api/schedule/suggestions',
    { durationMinutes: 60, granularityMinutes: 60, maxResults: 100, ...body },
  );
  expect(status).toBe(200);
  return result.suggestions
    .filter((s) => s.score === 1)
    .map((s) => s.start.slice(0, 13))
    .sort();
}

const hours = (day: string, ...h: number[]) => h.map((n) => `${day}T${String(n).padStart(2, '0')}`);

describe('the March changes (US on 14 March, Europe on 28 March 2027)', () => {
  it('moves a New York series an hour earlier in UTC after the US change', async () => {
    const { body } = await quorum.api<{ attendees: { busy: { start: string; end: string }[] }[] }>(
      SAM,
      'POST',
      '/api/schedule/availability',
      {
        attendees: ['joni.sherman@contoso.com'],
        start: '2027-03-08T00:00:00Z',
        end: '2027-03-20T00:00:00Z',
      },
    );
    expect(
      body.attendees[0]!.busy.map((b) => `${b.start.slice(5, 16)}–${b.end.slice(11, 16)}`),
    ).toEqual([
      '03-08T15:00–16:00',
      '03-09T15:00–16:00',
      '03-10T15:00–16:00',
      '03-11T15:00–16:00',
      '03-12T15:00–16:00',
      '03-15T14:00–15:00',
      '03-16T14:00–15:00',
      '03-17T14:00–15:00',
      '03-18T14:00–15:00',
      '03-19T14:00–15:00',
    ]);
  });

  it('suggests only hours New York and London share, which widen once the US springs forward', async () => {
    const perfect = await perfectSlots({
      required: ['joni.sherman@contoso.com'],
      optional: ['lynne.robbins@contoso.com'],
      start: '2027-03-08T00:00:00Z',
      end: '2027-03-20T00:00:00Z',
    });
    // Before: New York 09–17 EST = 14–22Z, London 09–17 GMT: 14–17Z, minus Joni's 15–16Z call.
    // After: New York 09–17 EDT = 13–21Z: 13–17Z, minus her call, now 14–15Z. Lynne is away on
    // the 17th, so that day has no slot with everyone free.
    const before = ['08', '09', '10', '11', '12'].flatMap((d) => hours(`2027-03-${d}`, 14, 16));
    const after = ['15', '16', '18', '19'].flatMap((d) => hours(`2027-03-${d}`, 13, 15, 16));
    expect(perfect).toEqual([...before, ...after].sort());
  });

  it('marks the whole London date of an all-day absence, not a UTC-shifted one', async () => {
    const { body } = await quorum.api<{ suggestions: Slot[] }>(
      SAM,
      'POST',
      '/api/schedule/suggestions',
      {
        required: ['lynne.robbins@contoso.com'],
        includeOrganizer: false,
        durationMinutes: 60,
        granularityMinutes: 60,
        start: '2027-03-16T22:00:00Z',
        end: '2027-03-18T02:00:00Z',
        maxResults: 100,
      },
    );
    const lynne = (s: Slot) => s.attendees[0]!.availability;
    const busyHours = body.suggestions
      .filter((s) => lynne(s) === 'busy')
      .map((s) => s.start.slice(5, 13));
    expect(busyHours.sort()).toEqual(
      Array.from({ length: 24 }, (_, h) => `03-17T${String(h).padStart(2, '0')}`),
    );
  });
});

describe('the autumn changes (Europe on 31 October, US on 7 November 2027)', () => {
  it('follows each zone’s own change', async () => {
    const perfect = await perfectSlots({
      required: ['joni.sherman@contoso.com'],
      start: '2027-10-25T00:00:00Z',
      end: '2027-11-13T00:00:00Z',
    });
    const days = (month: string, list: string[], ...h: number[]) =>
      list.flatMap((d) => hours(`2027-${month}-${d}`, ...h));
    expect(perfect).toEqual(
      [
        // London BST 08–16Z, New York EDT 13–21Z.
        ...days('10', ['25', '26', '27', '28', '29'], 13, 14, 15),
        // London GMT 09–17Z, New York still EDT.
        ...days('11', ['01', '02', '03', '04', '05'], 13, 14, 15, 16),
        // Both on winter time: New York EST 14–22Z.
        ...days('11', ['08', '09', '10', '11', '12'], 14, 15, 16),
      ].sort(),
    );
  });
});

describe('a window of 62 days or more', () => {
  it('is read in two getSchedule calls and misses nothing in the second part', async () => {
    await control(quorum.emulator, 'DELETE', '/stats');
    const { status, body } = await quorum.api<{ attendees: { busy: { start: string }[] }[] }>(
      SAM,
      'POST',
      '/api/schedule/availability',
      {
        attendees: ['joni.sherman@contoso.com'],
        start: '2027-03-01T00:00:00Z',
        end: '2027-05-20T00:00:00Z',
      },
    );
    expect(status).toBe(200);
    const starts = body.attendees[0]!.busy.map((b) => b.start);
    expect(starts).toContain('2027-03-08T15:00:00.000Z');
    expect(starts).toContain('2027-05-10T13:00:00.000Z');
    const stats = await control<{ byRoute: Record<string, Record<string, number>> }>(
      quorum.emulator,
      'GET',
      '/stats',
    );
    expect(stats.body.byRoute['POST /users/:user/calendar/getSchedule']).toEqual({ '200': 2 });
  });
});
