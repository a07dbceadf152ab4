// A person's working hours — days of the week and a wall-clock span in their own zone — as UTC
// intervals over a window. Each day is placed on the zone's calendar, so 09:00–17:00 in New York
// is 14:00–22:00Z in winter and 13:00–21:00Z in summer, and a day of a DST change is 7 or 9 hours
// long only where the change falls inside it.
import type { Interval } from './intervals.js';
import { mergeIntervals } from './intervals.js';
import { zoneWindow } from './zone-window.js';
import {
  addDays,
  atMinutes,
  epochDay,
  fromLocal,
  minutesOfDay,
  toLocal,
  weekday,
  type OffsetSource,
} from './zoned-time.js';

/** Working hours as mailbox settings keep them, the zone as an IANA name. */
export interface WeeklyHours {
  /** `monday` … `sunday` (Graph's `dayOfWeek`). */
  readonly daysOfWeek: readonly string[];
  /** `HH:mm` or `HH:mm:ss`, wall-clock in `timeZone`. */
  readonly startTime: string;
  readonly endTime: string;
  readonly timeZone: string;
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * The working intervals of `hours` overlapping [start, end), merged and clipped to the window. An
 * end at or before the start (22:00–06:00, or 09:00–00:00) runs into the next day; equal start and
 * end means the whole day. Malformed times give no intervals.
 */
export function workingIntervals(
  hours: WeeklyHours,
  start: number,
  end: number,
  offsets: OffsetSource = zoneWindow(hours.timeZone, start, end),
): Interval[] {
  const from = minutesOfDay(hours.startTime);
  let to = minutesOfDay(hours.endTime);
  if (from === undefined || to === undefined || end <= start) return [];
  if (to <= from) to += 1440;
  const days = new Set(
    hours.daysOfWeek.map((d) => DAY_NAMES.indexOf(d.toLowerCase())).filter((d) => d >= 0),
  );
  if (days.size === 0) return [];
  // A day starting the day before the window can still reach into it (night shifts).
  const first = addDays(toLocal(offsets, start), -1);
  const count = epochDay(toLocal(offsets, end)) - epochDay(first) + 1;
  const out: Interval[] = [];
  for (let i = 0; i <= count; i++) {
    const date = addDays(first, i);
    if (!days.has(weekday(date))) continue;
    const s = fromLocal(offsets, atMinutes(date, from));
    const e = fromLocal(offsets, atMinutes(date, to));
    const clippedStart = Math.max(s, start);
    const clippedEnd = Math.min(e, end);
    if (clippedEnd > clippedStart) out.push({ start: clippedStart, end: clippedEnd });
  }
  return mergeIntervals(out);
}
