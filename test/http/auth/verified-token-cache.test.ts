import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../server/http/auth/caller.js';
import type { TokenVerifier } from '../../../server/http/auth/token-verifier.js';
import { withVerifiedTokenCache } from '../../../server/http/auth/verified-token-cache.js';
import { AppError } from '../../../server/http/errors.js';
import { createFakeClock } from '../../support/fake-clock.js';

const caller: Caller = {
  tenantId: 't',
  objectId: 'o',
  name: null,
  preferredUsername: null,
  directoryRoleIds: [],
};

function tokenExpiringAt(expSeconds: number, jti = 'a'): string {
  return new UnsecuredJWT({ jti }).setExpirationTime(expSeconds).encode();
}

function countingVerifier(clock: { now(): number }): TokenVerifier & { calls: number } {
  const verifier = {
    calls: 0,
    verify(token: string) {
      verifier.calls += 1;
      const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        exp: number;
      };
      if (clock.now() >= exp.exp * 1000)
        return Promise.reject(new AppError('ERR_AUTH_TOKEN_EXPIRED'));
      return Promise.resolve(caller);
    },
  };
  return verifier;
}

describe('verified token cache', () => {
  it('verifies a token once and then answers from memory until it expires', async () => {
    const clock = createFakeClock();
    const inner = countingVerifier(clock);
    const verifier = withVerifiedTokenCache(inner, { clock });
    const token = tokenExpiringAt(Math.floor(clock.now() / 1000) + 60);
    await verifier.verify(token);
    await verifier.verify(token);
    expect(inner.calls).toBe(1);
  });

  it('sends an expired token back through the full check, which refuses it', async () => {
    const clock = createFakeClock();
    const inner = countingVerifier(clock);
    const verifier = withVerifiedTokenCache(inner, { clock });
    const token = tokenExpiringAt(Math.floor(clock.now() / 1000) + 60);
    await verifier.verify(token);
    clock.advance(61_000);
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'ERR_AUTH_TOKEN_EXPIRED' });
    expect(inner.calls).toBe(2);
  });

  it('never remembers a failure', async () => {
    const clock = createFakeClock();
    const inner: TokenVerifier & { calls: number } = {
      calls: 0,
      verify() {
        inner.calls += 1;
        return Promise.reject(new AppError('ERR_AUTH_TOKEN_INVALID'));
      },
    };
    const verifier = withVerifiedTokenCache(inner, { clock });
    const token = tokenExpiringAt(Math.floor(clock.now() / 1000) + 60);
    await expect(verifier.verify(token)).rejects.toThrow();
    await expect(verifier.verify(token)).rejects.toThrow();
    expect(inner.calls).toBe(2);
  });

  it('forgets the oldest tokens beyond its bound', async () => {
    const clock = createFakeClock();
    const inner = countingVerifier(clock);
    const verifier = withVerifiedTokenCache(inner, { clock, maxEntries: 2 });
    const exp = Math.floor(clock.now() / 1000) + 60;
    const [a, b, c] = ['a', 'b', 'c'].map((jti) => tokenExpiringAt(exp, jti));
    for (const t of [a, b, c, a]) await verifier.verify(t!);
    expect(inner.calls).toBe(4);
  });
});
