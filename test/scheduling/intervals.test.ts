import { describe, expect, it } from 'vitest';
import {
  clipIntervals,
  coversAll,
  mergeIntervals,
  overlapsAny,
} from '../../server/scheduling/intervals.js';

const i = (start: number, end: number) => ({ start, end });

describe('mergeIntervals', () => {
  it.each([
    ['nothing', [], []],
    ['one', [i(1, 2)], [i(1, 2)]],
    ['overlapping, out of order', [i(5, 8), i(1, 6)], [i(1, 8)]],
    ['touching', [i(1, 2), i(2, 3)], [i(1, 3)]],
    ['contained', [i(1, 10), i(3, 4)], [i(1, 10)]],
    ['apart', [i(4, 5), i(1, 2)], [i(1, 2), i(4, 5)]],
    ['empty and reversed ones dropped', [i(3, 3), i(5, 4), i(1, 2)], [i(1, 2)]],
  ])('merges %s', (_, input, expected) => {
    expect(mergeIntervals(input)).toEqual(expected);
  });
});

describe('queries on a merged list', () => {
  const merged = mergeIntervals([i(10, 20), i(30, 40), i(50, 60)]);

  it.each([
    [0, 10, false],
    [0, 11, true],
    [20, 30, false],
    [19, 21, true],
    [35, 36, true],
    [60, 70, false],
    [0, 100, true],
  ])('overlapsAny [%s, %s) → %s', (s, e, expected) => {
    expect(overlapsAny(merged, s, e)).toBe(expected);
  });

  it.each([
    [10, 20, true],
    [12, 18, true],
    [15, 25, false],
    [20, 30, false],
    [30, 40, true],
    [0, 5, false],
  ])('coversAll [%s, %s) → %s', (s, e, expected) => {
    expect(coversAll(merged, s, e)).toBe(expected);
  });

  it('is false on an empty list', () => {
    expect(overlapsAny([], 0, 10)).toBe(false);
    expect(coversAll([], 0, 10)).toBe(false);
  });
});

describe('clipIntervals', () => {
  it('keeps the parts inside the window and the extra fields', () => {
    expect(
      clipIntervals(
        [
          { start: 0, end: 5, status: 'busy' },
          { start: 8, end: 20, status: 'oof' },
          { start: 30, end: 40, status: 'busy' },
        ],
        2,
        10,
      ),
    ).toEqual([
      { start: 2, end: 5, status: 'busy' },
      { start: 8, end: 10, status: 'oof' },
    ]);
  });
});
