// Rate limits: in-memory token buckets per tenant and per user (per IP before sign-in), 429 + Retry-After.
import type { RequestHandler } from 'express';
import type { Clock } from '../clock.js';
import { AppError } from './errors.js';

export interface TakeResult {
  readonly allowed: boolean;
  /** Whole seconds until one token is back (0 when allowed). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets of `perMinute` capacity, refilled continuously; idle full buckets are forgotten. */
export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  #lastSweep: number;

  constructor(
    readonly perMinute: number,
    private readonly clock: Clock,
  ) {
    if (!(perMinute > 0)) throw new TypeError('perMinute must be positive');
    this.#perMs = perMinute / 60_000;
    this.#lastSweep = clock.now();
  }

  /** Tokens left for `key` right now. */
  available(key: string): number {
    return this.#refilled(key, this.clock.now()).tokens;
  }

  /** Whether `key` has a token, without taking it; with the wait when it has none. */
  peek(key: string): TakeResult {
    const bucket = this.#refilled(key, this.clock.now());
    if (bucket.tokens >= 1) return { allowed: true, retryAfterSeconds: 0 };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000)),
    };
  }

  /** Takes one token for `key` if there is one. */
  take(key: string): TakeResult {
    const now = this.clock.now();
    this.#sweep(now);
    const result = this.peek(key);
    if (result.allowed) {
      const bucket = this.#refilled(key, now);
      this.#buckets.set(key, { tokens: bucket.tokens - 1, at: now });
    }
    return result;
  }

  /** How many buckets are held (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  #refilled(key: string, now: number): Bucket {
    const bucket = this.#buckets.get(key);
    if (!bucket) return { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.#perMs);
    return { tokens, at: now };
  }

  // A bucket that has refilled completely is indistinguishable from a new one, so it can go.
  #sweep(now: number): void {
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.perMinute)
        this.#buckets.delete(key);
    }
  }
}

export interface RateLimitOptions {
  readonly tenantPerMinute: number;
  readonly userPerMinute: number;
  /** Budget per client IP for requests without a verified caller. Defaults to `tenantPerMinute`. */
  readonly ipPerMinute?: number;
  readonly clock: Clock;
}

/**
 * One rate limiter for every request. A verified caller (res.locals.caller) spends one token from its
 * tenant's bucket and one from its own; a request without one spends from its IP's bucket.
 * When any bucket is empty the answer is 429 ERR_RATE_LIMITED with `Retry-After`.
 */
export function rateLimit(options: RateLimitOptions): RequestHandler {
  const tenants = new TokenBuckets(options.tenantPerMinute, options.clock);
  const users = new TokenBuckets(options.userPerMinute, options.clock);
  const ips = new TokenBuckets(options.ipPerMinute ?? options.tenantPerMinute, options.clock);
  return (req, res, next) => {
    const caller = res.locals.caller;
    const charges: [TokenBuckets, string][] = caller
      ? [
          [tenants, caller.tenantId],
          [users, `${caller.tenantId}/${caller.objectId}`],
        ]
      : [[ips, req.ip ?? req.socket.remoteAddress ?? 'unknown']];
    // Check every bucket before taking from any, so a refusal costs nothing.
    const refusals = charges.map(([buckets, key]) => buckets.peek(key)).filter((r) => !r.allowed);
    if (refusals.length > 0) {
      const wait = Math.max(...refusals.map((r) => r.retryAfterSeconds));
      throw new AppError('ERR_RATE_LIMITED', {
        detail: `Too many requests; retry in ${wait} s.`,
        headers: { 'Retry-After': String(wait) },
      });
    }
    for (const [buckets, key] of charges) buckets.take(key);
    next();
  };
}
