import { describe, expect, it } from 'vitest';
import { DEFAULT_FREE_BUSY_POLICY } from '../../server/domain/types.js';
import { toBusyIntervals } from '../../server/scheduling/availability/busy-intervals.js';
import { blocks, policyOf } from '../../server/scheduling/free-busy-policy.js';

describe('the default free/busy policy (DESIGN §3)', () => {
  it.each([
    ['busy', true],
    ['tentative', true],
    ['oof', true],
    ['free', false],
    ['workingElsewhere', false],
    ['unknown', true],
  ] as const)('%s blocks: %s', (status, blocking) => {
    expect(blocks(DEFAULT_FREE_BUSY_POLICY, status)).toBe(blocking);
  });

  it('is what an org without a policy gets', () => {
    expect(policyOf({})).toBe(DEFAULT_FREE_BUSY_POLICY);
  });
});

describe('an admin-changed policy', () => {
  const relaxed = { blocking: ['busy', 'oof', 'workingElsewhere'] as const, unknownBlocks: false };

  it.each([
    ['busy', true],
    ['tentative', false],
    ['oof', true],
    ['workingElsewhere', true],
    ['unknown', false],
  ] as const)('%s blocks: %s', (status, blocking) => {
    expect(blocks({ ...relaxed, blocking: [...relaxed.blocking] }, status)).toBe(blocking);
  });
});

describe('busy intervals', () => {
  const item = (
    start: number,
    end: number,
    status: 'busy' | 'free' | 'oof' | 'workingElsewhere',
  ) => ({
    start,
    end,
    status,
  });

  it('joins overlaps of one status, drops free time, marks what blocks, clips to the window', () => {
    expect(
      toBusyIntervals(
        [
          item(0, 10, 'busy'),
          item(5, 15, 'busy'),
          item(12, 30, 'oof'),
          item(20, 25, 'free'),
          item(40, 60, 'workingElsewhere'),
          item(90, 120, 'busy'),
        ],
        DEFAULT_FREE_BUSY_POLICY,
        2,
        100,
      ),
    ).toEqual([
      { start: 2, end: 15, status: 'busy', blocking: true },
      { start: 12, end: 30, status: 'oof', blocking: true },
      { start: 40, end: 60, status: 'workingElsewhere', blocking: false },
      { start: 90, end: 100, status: 'busy', blocking: true },
    ]);
  });
});
