// Expands a series master into occurrences within a window, in the series' own time zone so
// a 09:30 standup stays at 09:30 across DST. Daily, weekly and absolute/relative monthly patterns
// with endDate, numbered or noEnd ranges.
import type { StoredEvent } from './event-model.js';
import {
  addDays,
  DAY_NAMES,
  dayOfWeek,
  parseDate,
  toIana,
  wallClockOf,
  wallClockToUtc,
  type WallClock,
} from './time-zones.js';

export interface Occurrence {
  startUtc: number;
  endUtc: number;
  /** The occurrence's original start date (YYYY-MM-DD in the series' zone). */
  date: { year: number; month: number; day: number };
}

/** No series expands past this many occurrences (a safety bound for `noEnd`). */
const MAX_OCCURRENCES = 5000;

type Day = { year: number; month: number; day: number };

const INDEX = ['first', 'second', 'third', 'fourth', 'last'];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function* candidateDates(ev: StoredEvent, start: Day): Generator<Day> {
  const rec = ev.recurrence;
  if (!rec) return;
  const p = rec.pattern;
  const interval = Math.max(1, p.interval || 1);
  const days = new Set(p.daysOfWeek.map((d) => DAY_NAMES.indexOf(d.toLowerCase() as never)));
  days.delete(-1);
  if ((p.type === 'weekly' || p.type.startsWith('relative')) && days.size === 0) return;
  if (p.type === 'daily') {
    for (let d = start; ; d = addDays(d, interval)) yield d;
  }
  if (p.type === 'weekly') {
    const firstDay = Math.max(0, DAY_NAMES.indexOf((p.firstDayOfWeek || 'sunday') as never));
    const weekStart = addDays(start, -((dayOfWeek(start) - firstDay + 7) % 7));
    for (let w = weekStart; ; w = addDays(w, 7 * interval)) {
      for (let i = 0; i < 7; i += 1) {
        const d = addDays(w, i);
        if (days.has(dayOfWeek(d))) yield d;
      }
    }
  }
  if (p.type === 'absoluteMonthly' || p.type === 'relativeMonthly') {
    for (let m = 0; ; m += interval) {
      const year = start.year + Math.floor((start.month - 1 + m) / 12);
      const month = ((start.month - 1 + m) % 12) + 1;
      if (p.type === 'absoluteMonthly') {
        if (p.dayOfMonth <= daysInMonth(year, month)) yield { year, month, day: p.dayOfMonth };
        continue;
      }
      const matches: Day[] = [];
      for (let day = 1; day <= daysInMonth(year, month); day += 1) {
        if (days.has(dayOfWeek({ year, month, day }))) matches.push({ year, month, day });
      }
      const idx = INDEX.indexOf(p.index || 'first');
      const pick = idx === 4 ? matches[matches.length - 1] : matches[idx];
      if (pick) yield pick;
    }
  }
  if (p.type === 'absoluteYearly' || p.type === 'relativeYearly') {
    for (let y = start.year; ; y += interval) {
      const month = p.month || start.month;
      if (p.dayOfMonth <= daysInMonth(y, month))
        yield { year: y, month, day: p.dayOfMonth || start.day };
    }
  }
}

const before = (a: Day, b: Day) =>
  a.year !== b.year ? a.year < b.year : a.month !== b.month ? a.month < b.month : a.day < b.day;

/** The occurrences of a series master overlapping [windowStart, windowEnd). */
export function expandSeries(
  ev: StoredEvent,
  windowStart: number,
  windowEnd: number,
): Occurrence[] {
  const rec = ev.recurrence;
  if (!rec) return [];
  const iana = toIana(rec.range.recurrenceTimeZone || ev.startTimeZone) ?? 'UTC';
  const first: WallClock = wallClockOf(ev.startUtc, iana);
  const rangeStart = parseDate(rec.range.startDate) ?? first;
  const rangeEnd = rec.range.type === 'endDate' ? parseDate(rec.range.endDate) : undefined;
  const limit = rec.range.type === 'numbered' ? rec.range.numberOfOccurrences : MAX_OCCURRENCES;
  const durationMs = ev.endUtc - ev.startUtc;
  const durationDays = Math.round(durationMs / 86_400_000);
  const out: Occurrence[] = [];
  let count = 0;
  let steps = 0;
  for (const date of candidateDates(ev, rangeStart)) {
    // Patterns that never produce a date (e.g. 31st of every February) must still terminate.
    steps += 1;
    if (steps > MAX_OCCURRENCES * 7) break;
    if (before(date, rangeStart)) continue;
    if (rangeEnd && before(rangeEnd, date)) break;
    if (count >= limit) break;
    count += 1;
    const startUtc = wallClockToUtc(
      { ...date, hour: first.hour, minute: first.minute, second: first.second },
      iana,
    );
    if (startUtc >= windowEnd) break;
    const endUtc = ev.isAllDay
      ? wallClockToUtc({ ...addDays(date, durationDays), hour: 0, minute: 0, second: 0 }, iana)
      : startUtc + durationMs;
    if (endUtc > windowStart) out.push({ startUtc, endUtc, date });
  }
  return out;
}

/** Every instance of an event (itself, or its occurrences) overlapping the window. */
export function instancesIn(ev: StoredEvent, windowStart: number, windowEnd: number): Occurrence[] {
  if (ev.recurrence) return expandSeries(ev, windowStart, windowEnd);
  if (ev.startUtc < windowEnd && ev.endUtc > windowStart) {
    const iana = toIana(ev.startTimeZone) ?? 'UTC';
    const w = wallClockOf(ev.startUtc, iana);
    return [
      {
        startUtc: ev.startUtc,
        endUtc: ev.endUtc,
        date: { year: w.year, month: w.month, day: w.day },
      },
    ];
  }
  return [];
}
