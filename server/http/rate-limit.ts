// Rate limits: in-memory token buckets per tenant and per user (per IP before sign-in), 429 + Retry-After.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
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

/** The limiter's three mount points; one set of buckets behind them. */
export interface RateLimiter {
  /**
   * Mounted after auth, for every route: a verified caller (res.locals.caller) spends one token from its
   * tenant's bucket and one from its own; a request without one spends from its IP's bucket.
   */
  readonly limit: RequestHandler;
  /** Mounted before auth: refuses at once when the IP has spent its budget on failed sign-ins. */
  readonly beforeAuth: RequestHandler;
  /** Mounted as an error handler after auth: charges a failed sign-in to the IP, then passes the error on. */
  readonly chargeFailedAuth: ErrorRequestHandler;
}

function refusal(results: readonly TakeResult[]): AppError | undefined {
  const refused = results.filter((r) => !r.allowed);
  if (refused.length === 0) return undefined;
  const wait = Math.max(...refused.map((r) => r.retryAfterSeconds));
  return new AppError('ERR_RATE_LIMITED', {
    detail: `Too many requests; retry in ${wait} s.`,
    headers: { 'Retry-After': String(wait) },
  });
}

/**
 * One rate limiter for every request, answering 429 ERR_RATE_LIMITED with `Retry-After` when a bucket
 * is empty. Failed sign-ins count against the IP before verification is even tried, so a flood of
 * forged tokens cannot make Quorum fetch key sets on its behalf.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const tenants = new TokenBuckets(options.tenantPerMinute, options.clock);
  const users = new TokenBuckets(options.userPerMinute, options.clock);
  const ips = new TokenBuckets(options.ipPerMinute ?? options.tenantPerMinute, options.clock);
  const ipOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
  return {
    limit: (req, res, next) => {
      const caller = res.locals.caller;
      const charges: [TokenBuckets, string][] = caller
        ? [
            [tenants, caller.tenantId],
            [users, `${caller.tenantId}/${caller.objectId}`],
          ]
        : [[ips, ipOf(req)]];
      // Check every bucket before taking from any, so a refusal costs nothing.
      const refused = refusal(charges.map(([buckets, key]) => buckets.peek(key)));
      if (refused) throw refused;
      for (const [buckets, key] of charges) buckets.take(key);
      next();
    },
    beforeAuth: (req, _res, next) => {
      const refused = refusal([ips.peek(ipOf(req))]);
      if (refused) throw refused;
      next();
    },
    chargeFailedAuth: (err: unknown, req, _res, next) => {
      if (err instanceof AppError && err.code.startsWith('ERR_AUTH_')) ips.take(ipOf(req));
      next(err);
    },
  };
}
