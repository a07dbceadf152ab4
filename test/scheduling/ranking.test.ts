import { describe, expect, it } from 'vitest';
import { mergeIntervals, type Interval } from '../../server/scheduling/intervals.js';
import {
  rankSlots,
  roomFitLevel,
  type RankedPerson,
  type RankedRoom,
  type RankingInput,
} from '../../server/scheduling/suggestions/ranking.js';

const H = 3_600_000;
/** Hours after an arbitrary Monday 00:00Z. */
const h = (hours: number) => Date.parse('2027-01-11T00:00:00Z') + hours * H;
const slot = (from: number, to = from + 1): Interval => ({ start: h(from), end: h(to) });
const busy = (...spans: [number, number][]) => mergeIntervals(spans.map(([a, b]) => slot(a, b)));

function person(key: string, options: Partial<RankedPerson> = {}): RankedPerson {
  return { key, required: true, known: true, blocking: [], working: null, ...options };
}

function rank(input: Partial<RankingInput> & Pick<RankingInput, 'slots' | 'people'>) {
  return rankSlots({
    unknownBlocks: true,
    bufferBeforeMs: 0,
    bufferAfterMs: 0,
    roomCount: 0,
    seatsNeeded: 0,
    rooms: [],
    maxResults: 10,
    ...input,
  });
}

const starts = (slots: { start: number }[]) => slots.map((s) => (s.start - h(0)) / H);

describe('ranking order', () => {
  it.each([
    [
      'every required attendee free beats earlier slots where one is busy',
      {
        slots: [slot(9), slot(10), slot(11)],
        people: [person('a', { blocking: busy([9, 11]) }), person('b')],
      },
      [11, 9, 10],
    ],
    [
      'more optional attendees free comes next',
      {
        slots: [slot(9), slot(10), slot(11)],
        people: [
          person('a'),
          person('o1', { required: false, blocking: busy([9, 10]) }),
          person('o2', { required: false, blocking: busy([9, 11]) }),
        ],
      },
      [11, 10, 9],
    ],
    [
      "then inside everyone's working hours",
      {
        slots: [slot(7), slot(8), slot(9)],
        people: [person('a', { working: busy([9, 17]) }), person('b', { working: busy([8, 16]) })],
      },
      [9, 8, 7],
    ],
    [
      'then the earliest',
      { slots: [slot(11), slot(9), slot(10)], people: [person('a')] },
      [9, 10, 11],
    ],
    [
      'a required attendee outranks any number of optional ones',
      {
        slots: [slot(9), slot(10)],
        people: [
          person('r', { blocking: busy([9, 10]) }),
          person('o1', { required: false, blocking: busy([10, 11]) }),
          person('o2', { required: false, blocking: busy([10, 11]) }),
        ],
      },
      [10, 9],
    ],
  ])('%s', (_, input, expected) => {
    expect(starts(rank(input))).toEqual(expected);
  });

  it('ranks by room fit after working hours: a snug free room beats a big one', () => {
    const rooms: RankedRoom[] = [
      { key: 'small', capacity: 4, known: true, blocking: busy([9, 10]) },
      { key: 'big', capacity: 20, known: true, blocking: [] },
    ];
    const ranked = rank({
      slots: [slot(9), slot(10), slot(11)],
      people: [person('a')],
      roomCount: 1,
      seatsNeeded: 4,
      rooms,
    });
    expect(starts(ranked)).toEqual([10, 11, 9]);
    expect(ranked[0]!.rooms).toEqual(['small', 'big']);
    expect(ranked[2]!.rooms).toEqual(['big']);
  });

  it('puts slots with no free room after slots with one', () => {
    const ranked = rank({
      slots: [slot(9), slot(10)],
      people: [person('a')],
      roomCount: 1,
      seatsNeeded: 2,
      rooms: [{ key: 'only', capacity: 4, known: true, blocking: busy([9, 10]) }],
    });
    expect(starts(ranked)).toEqual([10, 9]);
    expect(ranked[1]!.rooms).toEqual([]);
  });

  it('never offers a room whose schedule is unknown, and needs it free for the whole slot', () => {
    const ranked = rank({
      slots: [slot(9, 10.5)],
      people: [person('a')],
      roomCount: 1,
      seatsNeeded: 2,
      rooms: [
        { key: 'unread', capacity: 4, known: false, blocking: [] },
        { key: 'half', capacity: 4, known: true, blocking: busy([10, 11]) },
      ],
    });
    expect(ranked[0]!.rooms).toEqual([]);
  });
});

describe('unknown attendees', () => {
  it('are never free: unknown blocks by default and the state says unknown', () => {
    const ranked = rank({
      slots: [slot(9), slot(10)],
      people: [person('known', { blocking: busy([9, 10]) }), person('x', { known: false })],
    });
    expect(starts(ranked)).toEqual([10, 9]);
    expect(ranked[0]!.people.map((p) => p.state)).toEqual(['free', 'unknown']);
    expect(ranked[0]!.requiredFree).toBe(1);
    expect(ranked[0]!.score).toBeLessThan(1);
  });

  it('count as free for ranking when the policy lets unknown pass, and still say unknown', () => {
    const ranked = rank({
      slots: [slot(9)],
      people: [person('x', { known: false })],
      unknownBlocks: false,
    });
    expect(ranked[0]).toMatchObject({ requiredFree: 1, score: 1 });
    expect(ranked[0]!.people[0]!.state).toBe('unknown');
  });
});

describe('buffers and working hours per slot', () => {
  it('keeps a buffer before and after free', () => {
    const people = [person('a', { blocking: busy([8, 8.75]) })];
    const withBuffer = rank({ slots: [slot(9)], people, bufferBeforeMs: 30 * 60_000 });
    expect(withBuffer[0]!.people[0]!.state).toBe('busy');
    const without = rank({ slots: [slot(9)], people, bufferBeforeMs: 10 * 60_000 });
    expect(without[0]!.people[0]!.state).toBe('free');
    const after = rank({
      slots: [slot(9)],
      people: [person('a', { blocking: busy([10.25, 11]) })],
      bufferAfterMs: 30 * 60_000,
    });
    expect(after[0]!.people[0]!.state).toBe('busy');
  });

  it('says whether the slot is inside each person’s hours (null when unknown)', () => {
    const ranked = rank({
      slots: [slot(16.5, 17.5)],
      people: [
        person('a', { working: busy([9, 17]) }),
        person('b', { working: busy([9, 18]) }),
        person('c'),
      ],
    });
    expect(ranked[0]!.people.map((p) => p.inWorkingHours)).toEqual([false, true, null]);
  });
});

describe('scores and limits', () => {
  it('gives 1 to a perfect slot and never rises down the list', () => {
    const ranked = rank({
      slots: Array.from({ length: 12 }, (_, n) => slot(6 + n)),
      people: [
        person('a', { working: busy([9, 17]), blocking: busy([12, 13]) }),
        person('o', { required: false, blocking: busy([9, 10]) }),
      ],
      maxResults: 12,
    });
    expect(ranked[0]!.score).toBe(1);
    for (let n = 1; n < ranked.length; n++) {
      expect(ranked[n]!.score).toBeLessThanOrEqual(ranked[n - 1]!.score);
    }
  });

  it('returns at most maxResults', () => {
    expect(
      rank({ slots: [slot(1), slot(2), slot(3)], people: [person('a')], maxResults: 2 }),
    ).toHaveLength(2);
  });

  it.each([
    [[4], 1, 4, 100],
    [[8], 1, 4, 51],
    [[], 1, 4, 0],
    [[4], 2, 4, 0],
    [[null], 1, 4, 51],
    [[4, 4], 0, 4, 0],
  ])('rates free rooms %j for %s room(s) of %s seats at %s', (capacities, count, seats, level) => {
    expect(roomFitLevel(capacities, count, seats)).toBe(level);
  });
});

describe('room fit in the score', () => {
  it('gives 1 when the best-fitting candidate room is free, less when only a bigger one is', () => {
    const rooms: RankedRoom[] = [
      { key: 'snug', capacity: 8, known: true, blocking: busy([10, 11]) },
      { key: 'big', capacity: 20, known: true, blocking: [] },
    ];
    const ranked = rank({
      slots: [slot(9), slot(10)],
      people: [person('a')],
      roomCount: 1,
      seatsNeeded: 5,
      rooms,
    });
    expect(ranked.map((s) => [starts([s])[0], s.score < 1])).toEqual([
      [9, false],
      [10, true],
    ]);
  });
});
