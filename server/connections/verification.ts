// Verification with patience: consent and new credentials take minutes to replicate through Entra
// ID and Exchange, and Microsoft throttles. Retries a probe with backoff for a bounded window.
import type { Clock } from '../microsoft/graph/index.js';
import { isRetryable } from './failure-reasons.js';
import type { ProbeResult } from './probe.js';

export interface RetryWindow {
  /** How long to keep trying after the first attempt; 0 tries once. */
  windowMs: number;
  /** Retry `consent_missing` too (consent or a credential was granted moments ago). */
  replicating: boolean;
  /** First pause between attempts; doubles up to `maxDelayMs`. Defaults 2 s and 30 s. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface VerificationOutcome {
  result: ProbeResult;
  attempts: number;
}

/** Runs `attempt` until it passes, fails for good, or the window would be exceeded. */
export async function verifyWithRetry(
  attempt: () => Promise<ProbeResult>,
  window: RetryWindow,
  clock: Clock,
  signal?: AbortSignal,
): Promise<VerificationOutcome> {
  const started = clock.now();
  const initial = window.initialDelayMs ?? 2_000;
  const max = window.maxDelayMs ?? 30_000;
  for (let attempts = 1; ; attempts += 1) {
    const result = await attempt();
    if (result.ok || !isRetryable(result.failure, window.replicating)) return { result, attempts };
    const backoff = Math.min(max, initial * 2 ** (attempts - 1));
    const asked = (result.failure.retryAfterSeconds ?? 0) * 1000;
    const delay = Math.max(backoff, asked);
    if (clock.now() - started + delay > window.windowMs) return { result, attempts };
    await clock.sleep(delay, signal);
  }
}
