// Ranking candidate slots, purely: for each slot, who is free (with buffers), who is inside their
// own working hours, and which rooms are free for the whole slot; then the order DESIGN J4 asks
// for — every required attendee free, then more optional attendees free, then inside everyone's
// working hours, then room fit, then earliest. Each level also prefers "more" when "all" is out of
// reach (more required free, more people in working hours). `score` in [0, 1] follows the order;
// 1 is as good as it gets (everyone free and in hours, the best-fitting rooms free).
import { coversAll, overlapsAny, type Interval } from '../intervals.js';

export interface RankedPerson {
  readonly key: string;
  readonly required: boolean;
  /** False when Quorum cannot read them: never free (or free, if the policy lets unknown pass). */
  readonly known: boolean;
  /** Sorted, merged blocking intervals. */
  readonly blocking: readonly Interval[];
  /** Sorted, merged working intervals; null when their working hours are unknown. */
  readonly working: readonly Interval[] | null;
}

export interface RankedRoom {
  readonly key: string;
  readonly capacity: number | null;
  readonly known: boolean;
  readonly blocking: readonly Interval[];
}

export interface RankingInput {
  readonly slots: readonly Interval[];
  readonly people: readonly RankedPerson[];
  /** The org policy's `unknownBlocks`. */
  readonly unknownBlocks: boolean;
  readonly bufferBeforeMs: number;
  readonly bufferAfterMs: number;
  /** Rooms wanted per slot (0 for none) and the seats each must have. */
  readonly roomCount: number;
  readonly seatsNeeded: number;
  /** Candidate rooms, best fit first. */
  readonly rooms: readonly RankedRoom[];
  readonly maxResults: number;
}

export type PersonState = 'free' | 'busy' | 'unknown';

export interface RankedSlot {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  /** Per person, in input order. */
  readonly people: readonly { state: PersonState; inWorkingHours: boolean | null }[];
  /** Keys of free rooms, best fit first. */
  readonly rooms: readonly string[];
  readonly requiredFree: number;
  readonly optionalFree: number;
  readonly inWorkingHours: number;
}

interface Scored {
  readonly slot: Interval;
  readonly requiredFree: number;
  readonly optionalFree: number;
  readonly inHours: number;
  readonly roomLevel: number;
}

/** 0 when fewer than `count` rooms are free; else 1–100, higher the closer the rooms fit. */
export function roomFitLevel(
  capacities: readonly (number | null)[],
  count: number,
  seats: number,
): number {
  if (count <= 0) return 0;
  if (capacities.length < count) return 0;
  let fit = 0;
  for (const capacity of capacities.slice(0, count)) {
    fit += capacity === null || capacity <= 0 ? 0.5 : Math.min(1, Math.max(1, seats) / capacity);
  }
  return 1 + Math.round((99 * fit) / count);
}

function isFree(room: RankedRoom, slot: Interval): boolean {
  return room.known && !overlapsAny(room.blocking, slot.start, slot.end);
}

function personState(person: RankedPerson, slot: Interval, input: RankingInput): PersonState {
  if (!person.known) return 'unknown';
  const busy = overlapsAny(
    person.blocking,
    slot.start - input.bufferBeforeMs,
    slot.end + input.bufferAfterMs,
  );
  return busy ? 'busy' : 'free';
}

/** Ranks `input.slots`; returns the best `maxResults`. */
export function rankSlots(input: RankingInput): RankedSlot[] {
  const required = input.people.filter((p) => p.required).length;
  const optional = input.people.length - required;
  const withHours = input.people.filter((p) => p.working !== null).length;
  // The best any slot could do: the best-fitting candidate rooms all free.
  const roomLevels = roomFitLevel(
    input.rooms.filter((r) => r.known).map((r) => r.capacity),
    input.roomCount,
    input.seatsNeeded,
  );
  const scored: Scored[] = input.slots.map((slot) => {
    let requiredFree = 0;
    let optionalFree = 0;
    let inHours = 0;
    for (const person of input.people) {
      const state = personState(person, slot, input);
      const counts = state === 'free' || (state === 'unknown' && !input.unknownBlocks);
      if (counts) {
        if (person.required) requiredFree++;
        else optionalFree++;
      }
      if (person.working && coversAll(person.working, slot.start, slot.end)) inHours++;
    }
    // The best-fitting free rooms decide the level; the full list is built for the winners only.
    const fitting: (number | null)[] = [];
    if (input.roomCount > 0) {
      for (const room of input.rooms) {
        if (fitting.length >= input.roomCount) break;
        if (isFree(room, slot)) fitting.push(room.capacity);
      }
    }
    return {
      slot,
      requiredFree,
      optionalFree,
      inHours,
      roomLevel: roomFitLevel(fitting, input.roomCount, input.seatsNeeded),
    };
  });
  scored.sort(
    (a, b) =>
      b.requiredFree - a.requiredFree ||
      b.optionalFree - a.optionalFree ||
      b.inHours - a.inHours ||
      b.roomLevel - a.roomLevel ||
      a.slot.start - b.slot.start,
  );
  // The lexicographic order as one number: each level weighs more than everything below it.
  const key = (s: {
    requiredFree: number;
    optionalFree: number;
    inHours: number;
    roomLevel: number;
  }) =>
    ((s.requiredFree * (optional + 1) + s.optionalFree) * (withHours + 1) + s.inHours) *
      (roomLevels + 1) +
    s.roomLevel;
  const best = key({
    requiredFree: required,
    optionalFree: optional,
    inHours: withHours,
    roomLevel: roomLevels,
  });
  return scored.slice(0, Math.max(0, input.maxResults)).map((s) => ({
    start: s.slot.start,
    end: s.slot.end,
    score: best === 0 ? 1 : Math.floor((key(s) / best) * 10_000) / 10_000,
    people: input.people.map((person) => {
      const state = personState(person, s.slot, input);
      return {
        state,
        inWorkingHours: person.working ? coversAll(person.working, s.slot.start, s.slot.end) : null,
      };
    }),
    rooms:
      input.roomCount > 0 ? input.rooms.filter((r) => isFree(r, s.slot)).map((r) => r.key) : [],
    requiredFree: s.requiredFree,
    optionalFree: s.optionalFree,
    inWorkingHours: s.inHours,
  }));
}
