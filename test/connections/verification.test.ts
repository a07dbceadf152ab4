import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../server/connections/probe.js';
import { verifyWithRetry } from '../../server/connections/verification.js';
import { FakeClock } from '../microsoft/support/fake-clock.js';

const passed: ProbeResult = {
  ok: true,
  tenantId: 't',
  roles: [],
  mailbox: 'm',
  organization: undefined,
};

function failed(
  reason: 'consent_missing' | 'throttled' | 'credential_invalid',
  retryAfterSeconds?: number,
): ProbeResult {
  return {
    ok: false,
    roles: [],
    failure: { reason, detail: reason, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
  };
}

function script(...results: ProbeResult[]) {
  let calls = 0;
  return {
    attempt: () => Promise.resolve(results[Math.min(calls++, results.length - 1)]!),
    calls: () => calls,
  };
}

describe('verification while consent replicates', () => {
  it('retries missing consent with backoff until the probe passes', async () => {
    const clock = new FakeClock();
    const probe = script(failed('consent_missing'), failed('consent_missing'), passed);
    const outcome = await verifyWithRetry(
      probe.attempt,
      { windowMs: 300_000, replicating: true },
      clock,
    );
    expect(outcome).toEqual({ result: passed, attempts: 3 });
    expect(clock.sleeps).toEqual([2_000, 4_000]);
  });

  it('gives up when the next pause would pass the window, with the last failure', async () => {
    const clock = new FakeClock();
    const probe = script(failed('consent_missing'));
    const outcome = await verifyWithRetry(
      probe.attempt,
      { windowMs: 60_000, replicating: true },
      clock,
    );
    expect(outcome.result).toEqual(failed('consent_missing'));
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
    expect(clock.sleeps).toEqual([2_000, 4_000, 8_000, 16_000, 30_000]);
  });

  it('does not retry missing consent of a connection nobody just changed', async () => {
    const probe = script(failed('consent_missing'), passed);
    const outcome = await verifyWithRetry(
      probe.attempt,
      { windowMs: 300_000, replicating: false },
      new FakeClock(),
    );
    expect(outcome.attempts).toBe(1);
  });

  it('never retries a definite answer such as a wrong secret', async () => {
    const probe = script(failed('credential_invalid'), passed);
    const outcome = await verifyWithRetry(
      probe.attempt,
      { windowMs: 300_000, replicating: true },
      new FakeClock(),
    );
    expect(outcome).toMatchObject({ attempts: 1, result: { ok: false } });
  });

  it("waits at least as long as Microsoft's Retry-After when throttled", async () => {
    const clock = new FakeClock();
    const probe = script(failed('throttled', 45), passed);
    await verifyWithRetry(probe.attempt, { windowMs: 300_000, replicating: false }, clock);
    expect(clock.sleeps).toEqual([45_000]);
  });

  it('tries once with a window of 0', async () => {
    const probe = script(failed('throttled'), passed);
    const outcome = await verifyWithRetry(
      probe.attempt,
      { windowMs: 0, replicating: true },
      new FakeClock(),
    );
    expect(probe.calls()).toBe(1);
    expect(outcome.result.ok).toBe(false);
  });
});
