// When and how long to wait before re-sending a Graph request. Graph throttles with 429 and
// sheds load with 503/504, usually with `Retry-After` in seconds (throttling.md); other 4xx/5xx
// are answers, not invitations to try again (graph-facts §8.2, §8.4).

import type { Random } from './clock.js';

export interface RetryOptions {
  /** HTTP attempts per request, the first included. */
  maxAttempts: number;
  /** Give up rather than wait more than this in total across retries. */
  maxTotalWaitMs: number;
  /** Give up rather than wait more than this once (a longer Retry-After is honoured by failing). */
  maxSingleWaitMs: number;
  /** First backoff when Graph sends no Retry-After; doubles on each retry. */
  baseDelayMs: number;
}

export const defaultRetryOptions: Readonly<RetryOptions> = Object.freeze({
  maxAttempts: 5,
  maxTotalWaitMs: 120_000,
  maxSingleWaitMs: 60_000,
  baseDelayMs: 1_000,
});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Whether a request may be sent twice. POST and PATCH are not by default: the SDK's RetryHandler
 * replays them and can double-book an event; callers opt in with `idempotent: true` when the body
 * makes a replay harmless (event creation with a `transactionId`, getSchedule which only reads).
 */
export function isReplayable(method: string, idempotent: boolean | undefined): boolean {
  return idempotent ?? SAFE_METHODS.has(method.toUpperCase());
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * The wait before the next attempt. With Retry-After: that long plus a little jitter (never
 * less, so the server's instruction holds and callers throttled together do not return together).
 * Without: exponential backoff with "equal jitter" (half fixed, half random).
 */
export function retryDelayMs(
  retryAfterMs: number | undefined,
  retryNumber: number,
  options: RetryOptions,
  random: Random,
): number {
  if (retryAfterMs !== undefined) {
    return Math.round(retryAfterMs + random() * Math.min(1_000, 100 + retryAfterMs * 0.1));
  }
  const exp = Math.min(options.maxSingleWaitMs, options.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
