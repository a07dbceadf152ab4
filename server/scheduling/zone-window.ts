// A zone's offsets worked out once per calendar year and kept: `Intl` is asked once a day and,
// where two answers differ, bisected to the minute of the transition (no zone changes its offset
// twice within a day). Slot and working-hours loops then read offsets from a handful of segments
// instead of formatting a date per question — after the first request, none at all.
import { zoneOffset, type OffsetSource } from './zoned-time.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Room either side of a window for local-date questions near its edges. */
const MARGIN = 3 * DAY;
/** Zone-years kept (a few hundred zones × the years asked about stays far below this). */
const MAX_CACHED = 2_000;

interface Segment {
  /** First instant with `offset` (inclusive). */
  readonly from: number;
  readonly offset: number;
}

const years = new Map<string, readonly Segment[]>();

/** The segments of one UTC calendar year (plus its first instant's offset). */
function yearSegments(zone: string, year: number): readonly Segment[] {
  const key = `${zone}|${year}`;
  const cached = years.get(key);
  if (cached) return cached;
  const lo = Date.UTC(year, 0, 1);
  const hi = Date.UTC(year + 1, 0, 1);
  let previous = lo;
  let previousOffset = zoneOffset(zone, lo);
  const segments: Segment[] = [{ from: lo, offset: previousOffset }];
  for (let t = lo + DAY; t <= hi; t += DAY) {
    const offset = zoneOffset(zone, t);
    if (offset !== previousOffset) {
      // The first minute in (previous, t] with the new offset.
      let a = previous;
      let b = t;
      while (b - a > MINUTE) {
        const mid = a + Math.floor((b - a) / 2 / MINUTE) * MINUTE;
        if (zoneOffset(zone, mid) === previousOffset) a = mid;
        else b = mid;
      }
      if (b < hi) segments.push({ from: b, offset });
      previousOffset = offset;
    }
    previous = t;
  }
  if (years.size >= MAX_CACHED) years.clear();
  years.set(key, segments);
  return segments;
}

/** The offset function of `zone` for instants in `[start, end]` (outside it, `Intl` answers). */
export function zoneWindow(zone: string, start: number, end: number): OffsetSource {
  const lo = start - MARGIN;
  const hi = end + MARGIN;
  const first = new Date(lo).getUTCFullYear();
  const last = new Date(hi).getUTCFullYear();
  const segments: Segment[] = [];
  for (let year = first; year <= last; year++) segments.push(...yearSegments(zone, year));
  // Lookups come in time order (slots, days): start from the segment of the previous answer.
  let at = 0;
  return (instant) => {
    if (instant < lo || instant > hi) return zoneOffset(zone, instant);
    if (segments[at]!.from > instant) at = 0;
    while (at + 1 < segments.length && segments[at + 1]!.from <= instant) at++;
    return segments[at]!.offset;
  };
}
