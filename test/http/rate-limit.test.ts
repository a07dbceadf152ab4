import type { Request, RequestHandler, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/http/errors.js';
import { createRateLimiter, TokenBuckets } from '../../server/http/rate-limit.js';
import { createFakeClock } from '../support/fake-clock.js';

describe('TokenBuckets', () => {
  it('allows a full minute of requests at once, then refuses with the wait to the next token', () => {
    const clock = createFakeClock();
    const buckets = new TokenBuckets(6, clock);
    for (let i = 0; i < 6; i += 1) expect(buckets.take('t').allowed).toBe(true);
    expect(buckets.take('t')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('refills continuously with time', () => {
    const clock = createFakeClock();
    const buckets = new TokenBuckets(60, clock);
    for (let i = 0; i < 60; i += 1) buckets.take('u');
    expect(buckets.take('u').allowed).toBe(false);
    clock.advance(999);
    expect(buckets.take('u')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(buckets.take('u').allowed).toBe(true);
    clock.advance(10 * 60_000);
    expect(buckets.available('u')).toBe(60);
  });

  it('keeps keys independent', () => {
    const buckets = new TokenBuckets(1, createFakeClock());
    expect(buckets.take('a').allowed).toBe(true);
    expect(buckets.take('a').allowed).toBe(false);
    expect(buckets.take('b').allowed).toBe(true);
  });

  it('does not spend a token when refusing', () => {
    const clock = createFakeClock();
    const buckets = new TokenBuckets(60, clock);
    for (let i = 0; i < 60; i += 1) buckets.take('k');
    for (let i = 0; i < 100; i += 1) buckets.take('k');
    clock.advance(1000);
    expect(buckets.take('k').allowed).toBe(true);
  });

  it('forgets idle buckets once they have refilled', () => {
    const clock = createFakeClock();
    const buckets = new TokenBuckets(10, clock);
    for (let i = 0; i < 100; i += 1) buckets.take(`ip-${i}`);
    expect(buckets.size).toBe(100);
    clock.advance(61_000);
    buckets.take('fresh');
    expect(buckets.size).toBe(1);
  });

  it('rejects a non-positive rate', () => {
    expect(() => new TokenBuckets(0, createFakeClock())).toThrow(TypeError);
  });
});

describe('createRateLimiter', () => {
  const caller = (objectId: string) => ({
    tenantId: 'aaaaaaaa-0000-4000-8000-00000000000a',
    objectId,
    name: null,
    preferredUsername: null,
    directoryRoleIds: [],
  });

  function run(handler: RequestHandler, locals: Record<string, unknown>, ip = '10.0.0.1'): unknown {
    let outcome: unknown = 'next';
    try {
      handler({ ip } as Request, { locals } as unknown as Response, () => undefined);
    } catch (error) {
      outcome = error;
    }
    return outcome;
  }

  it('charges the tenant bucket for every user of the tenant', () => {
    const { limit } = createRateLimiter({
      tenantPerMinute: 3,
      userPerMinute: 2,
      clock: createFakeClock(),
    });
    expect(run(limit, { caller: caller('u1') })).toBe('next');
    expect(run(limit, { caller: caller('u1') })).toBe('next');
    expect(run(limit, { caller: caller('u1') })).toMatchObject({
      code: 'ERR_RATE_LIMITED',
      status: 429,
    });
    expect(run(limit, { caller: caller('u2') })).toBe('next');
    const refused = run(limit, { caller: caller('u3') });
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'ERR_RATE_LIMITED', headers: { 'Retry-After': '20' } });
  });

  it('keys requests without a caller by IP', () => {
    const { limit } = createRateLimiter({
      tenantPerMinute: 100,
      userPerMinute: 10,
      ipPerMinute: 1,
      clock: createFakeClock(),
    });
    expect(run(limit, {}, '10.0.0.1')).toBe('next');
    expect(run(limit, {}, '10.0.0.1')).toMatchObject({ code: 'ERR_RATE_LIMITED' });
    expect(run(limit, {}, '10.0.0.2')).toBe('next');
  });

  it('charges failed sign-ins to the IP and refuses before verifying once the budget is spent', () => {
    const limiter = createRateLimiter({
      tenantPerMinute: 100,
      userPerMinute: 10,
      ipPerMinute: 2,
      clock: createFakeClock(),
    });
    const failed = new AppError('ERR_AUTH_TOKEN_INVALID');
    const passOn = (err: unknown) => {
      let forwarded: unknown;
      limiter.chargeFailedAuth(
        err,
        { ip: '10.0.0.9' } as Request,
        {} as Response,
        (e?: unknown) => {
          forwarded = e;
        },
      );
      return forwarded;
    };
    expect(run(limiter.beforeAuth, {}, '10.0.0.9')).toBe('next');
    expect(passOn(failed)).toBe(failed);
    expect(passOn(new Error('not an auth failure'))).toBeInstanceOf(Error);
    expect(run(limiter.beforeAuth, {}, '10.0.0.9')).toBe('next');
    passOn(failed);
    expect(run(limiter.beforeAuth, {}, '10.0.0.9')).toMatchObject({
      code: 'ERR_RATE_LIMITED',
      status: 429,
    });
    expect(run(limiter.beforeAuth, {}, '10.0.0.10')).toBe('next');
  });
});
