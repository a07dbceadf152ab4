// An attendee's busy time as the API shows it: every stretch that is not plain free, clipped to the
// window, overlapping stretches of the same status joined, each marked with whether the org's
// policy lets it block a slot (working elsewhere shows, but does not block, by default).
import type { ShowAs } from '../../microsoft/graph-types.js';
import { blocks, type FreeBusyPolicy } from '../free-busy-policy.js';
import { mergeIntervals, type Interval } from '../intervals.js';
import type { BusyItem } from './calendar-reader.js';

export interface BusyInterval extends Interval {
  readonly status: ShowAs;
  readonly blocking: boolean;
}

/** Busy intervals of `items` within [start, end), sorted by start then status. */
export function toBusyIntervals(
  items: Iterable<BusyItem>,
  policy: FreeBusyPolicy,
  start: number,
  end: number,
): BusyInterval[] {
  const byStatus = new Map<ShowAs, Interval[]>();
  for (const item of items) {
    // Free time is no news, unless an unusual policy makes it block.
    if (item.status === 'free' && !blocks(policy, 'free')) continue;
    const s = Math.max(item.start, start);
    const e = Math.min(item.end, end);
    if (e <= s) continue;
    let list = byStatus.get(item.status);
    if (!list) byStatus.set(item.status, (list = []));
    list.push({ start: s, end: e });
  }
  const out: BusyInterval[] = [];
  for (const [status, list] of byStatus) {
    const blocking = blocks(policy, status);
    for (const interval of mergeIntervals(list)) out.push({ ...interval, status, blocking });
  }
  return out.sort((a, b) => a.start - b.start || a.status.localeCompare(b.status));
}

/** The stretches that block, as one sorted, merged list (what slot checks read). */
export function blockingIntervals(busy: readonly BusyInterval[]): Interval[] {
  return mergeIntervals(busy.filter((b) => b.blocking));
}
