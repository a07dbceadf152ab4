// Half-open time intervals [start, end) in epoch milliseconds, and the few operations availability
// needs: merge, clip, and "does anything in this sorted list overlap / cover [s, e)?".

export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Sorted, with overlapping and touching intervals joined; empty ones dropped. */
export function mergeIntervals(intervals: Iterable<Interval>): Interval[] {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) out[out.length - 1] = { start: last.start, end: interval.end };
    } else {
      out.push({ start: interval.start, end: interval.end });
    }
  }
  return out;
}

/** The parts of `intervals` inside [start, end). */
export function clipIntervals<T extends Interval>(
  intervals: readonly T[],
  start: number,
  end: number,
): T[] {
  const out: T[] = [];
  for (const interval of intervals) {
    const s = Math.max(interval.start, start);
    const e = Math.min(interval.end, end);
    if (e > s)
      out.push(
        s === interval.start && e === interval.end ? interval : { ...interval, start: s, end: e },
      );
  }
  return out;
}

/** Index of the first interval of a sorted, merged list that ends after `instant`. */
function firstEndingAfter(merged: readonly Interval[], instant: number): number {
  let lo = 0;
  let hi = merged.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (merged[mid]!.end <= instant) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether some interval of a sorted, merged list overlaps [start, end). */
export function overlapsAny(merged: readonly Interval[], start: number, end: number): boolean {
  const candidate = merged[firstEndingAfter(merged, start)];
  return candidate !== undefined && candidate.start < end;
}

/** Whether one interval of a sorted, merged list contains all of [start, end). */
export function coversAll(merged: readonly Interval[], start: number, end: number): boolean {
  const candidate = merged[firstEndingAfter(merged, start)];
  return candidate !== undefined && candidate.start <= start && candidate.end >= end;
}
