// Exchange's sending limits per mailbox: 30 messages a minute, 10,000 recipients a day, both
// rolling; the earliest slot for the next message and the plan that gives the expected completion.
import { describe, expect, it } from 'vitest';
import {
  nextSlot,
  planSends,
  pruneLedger,
  type LedgerEntry,
} from '../../../server/scheduling/org-events/sending-limits.js';

const T = Date.parse('2031-05-06T12:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

describe('nextSlot', () => {
  it('sends at once under both limits', () => {
    expect(nextSlot([{ at: T - 1_000, recipients: 500 }], 500, T)).toBe(T);
  });

  it('waits for the oldest of 30 messages in the last minute to leave the window', () => {
    const ledger: LedgerEntry[] = Array.from({ length: 30 }, (_, i) => ({
      at: T - 50_000 + i * 1_000,
      recipients: 1,
    }));
    expect(nextSlot(ledger, 1, T)).toBe(T - 50_000 + MIN);
  });

  it('waits until enough recipients of the last day leave the window', () => {
    const ledger: LedgerEntry[] = [
      { at: T - 20 * 3_600_000, recipients: 6_000 },
      { at: T - 10 * 3_600_000, recipients: 3_800 },
    ];
    // 9,800 sent: 200 more fit now, 500 only once the 6,000 leave.
    expect(nextSlot(ledger, 200, T)).toBe(T);
    expect(nextSlot(ledger, 500, T)).toBe(T - 20 * 3_600_000 + DAY);
  });

  it('refuses a message larger than the daily limit', () => {
    expect(() => nextSlot([], 10_001, T)).toThrow(RangeError);
  });
});

describe('planSends', () => {
  it('spreads 35 messages over two minutes and 25 parts of 500 over two days', () => {
    const minute = planSends([], Array(35).fill(1), T);
    expect(minute.slice(0, 30).every((t) => t === T)).toBe(true);
    expect(minute[30]).toBe(T + MIN);
    const day = planSends([], Array(25).fill(500), T);
    expect(day[19]).toBe(T);
    expect(day[20]).toBe(T + DAY);
    expect(day[24]).toBe(T + DAY);
  });

  it('counts what the mailbox already sent', () => {
    const plan = planSends([{ at: T - DAY + 5_000, recipients: 9_900 }], [400], T);
    expect(plan).toEqual([T + 5_000]);
  });
});

describe('pruneLedger', () => {
  it('keeps the last day, oldest first', () => {
    expect(
      pruneLedger(
        [
          { at: T - 1_000, recipients: 2 },
          { at: T - DAY - 1, recipients: 1 },
          { at: T - 5_000, recipients: 3 },
        ],
        T,
      ),
    ).toEqual([
      { at: T - 5_000, recipients: 3 },
      { at: T - 1_000, recipients: 2 },
    ]);
  });
});
