// Candidate meeting slots: every start in the window on the organizer's wall-clock grid (:00, :15,
// … for a 15-minute granularity in *their* zone — so half-hour zones like Asia/Kolkata still get
// whole local quarters), each as long as the meeting and ending inside the window. The grid
// follows the zone's clock through DST changes instead of drifting by the change.
import type { Interval } from '../intervals.js';
import type { OffsetSource } from '../zoned-time.js';

const MINUTE = 60_000;

export interface SlotGrid {
  readonly start: number;
  readonly end: number;
  readonly durationMinutes: number;
  readonly granularityMinutes: number;
  /** Offsets of the organizer's zone over the window. */
  readonly offsets: OffsetSource;
}

/** The first instant at or after `t` that falls on the local grid. */
function alignUp(t: number, step: number, offsets: OffsetSource): number {
  const local = t + offsets(t);
  const rest = ((local % step) + step) % step;
  if (rest === 0) return t;
  const next = t + (step - rest);
  // Crossing a transition can move the grid; settle on the new offset's grid.
  const again = next + offsets(next);
  const drift = ((again % step) + step) % step;
  return drift === 0 ? next : next + (step - drift);
}

/** Slots in time order. */
export function candidateSlots(grid: SlotGrid): Interval[] {
  const step = grid.granularityMinutes * MINUTE;
  const duration = grid.durationMinutes * MINUTE;
  const out: Interval[] = [];
  for (let t = alignUp(grid.start, step, grid.offsets); t + duration <= grid.end;) {
    out.push({ start: t, end: t + duration });
    t = alignUp(t + step, step, grid.offsets);
  }
  return out;
}
