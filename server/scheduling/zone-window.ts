// A zone's offsets over one window, worked out once: `Intl` is asked every six hours and, where two
// answers differ, bisected to the minute of the transition. Slot and working-hours loops then read
// offsets from a handful of segments instead of formatting a date per question.
import { zoneOffset, type OffsetSource } from './zoned-time.js';

const MINUTE = 60_000;
const SAMPLE = 6 * 60 * MINUTE;
/** Room either side of the window for local-date questions near its edges. */
const MARGIN = 3 * 86_400_000;

interface Segment {
  /** First instant with `offset` (inclusive). */
  readonly from: number;
  readonly offset: number;
}

/** The offset function of `zone` for instants in `[start, end]` (outside it, `Intl` answers). */
export function zoneWindow(zone: string, start: number, end: number): OffsetSource {
  const lo = Math.floor((start - MARGIN) / MINUTE) * MINUTE;
  const hi = end + MARGIN;
  const segments: Segment[] = [{ from: lo, offset: zoneOffset(zone, lo) }];
  let previous = lo;
  let previousOffset = segments[0]!.offset;
  for (let t = lo + SAMPLE; ; t = Math.min(hi, t + SAMPLE)) {
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
      segments.push({ from: b, offset });
      previousOffset = offset;
    }
    previous = t;
    if (t >= hi) break;
  }
  return (instant) => {
    if (instant < lo || instant > hi) return zoneOffset(zone, instant);
    let offset = segments[0]!.offset;
    for (const segment of segments) {
      if (segment.from > instant) break;
      offset = segment.offset;
    }
    return offset;
  };
}
