// One line that says how good a slot is: who is free, busy or unknown, and the best free room.
import type { Suggestion } from './schedule-api.js';

export interface SlotCounts {
  readonly free: number;
  readonly busy: number;
  readonly unknown: number;
  readonly total: number;
  /** Required attendees who are busy. */
  readonly requiredBusy: number;
  readonly outsideHours: number;
}

export function countSlot(s: Suggestion): SlotCounts {
  const by = (state: string) => s.attendees.filter((a) => a.availability === state).length;
  return {
    free: by('free'),
    busy: by('busy'),
    unknown: by('unknown'),
    total: s.attendees.length,
    requiredBusy: s.attendees.filter((a) => a.required && a.availability === 'busy').length,
    outsideHours: s.attendees.filter((a) => a.inWorkingHours === false).length,
  };
}

/** "Everyone is free", "3 of 4 free · 1 can't see", … */
export function describeCounts(c: SlotCounts): string {
  if (c.total > 0 && c.free === c.total) return 'Everyone is free';
  const parts = [`${c.free} of ${c.total} free`];
  if (c.busy > 0) parts.push(`${c.busy} busy`);
  if (c.unknown > 0) parts.push(`${c.unknown} can't see`);
  return parts.join(' · ');
}
