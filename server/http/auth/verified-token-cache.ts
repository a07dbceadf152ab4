// Remembers tokens that verified, until they expire: RS256 verification was the largest single CPU
// cost of a busy API (measured ~18% under the member-list load). Only successes are kept, keyed by the
// token's SHA-256 (never the token itself), and a hit is still refused once the token's `exp` passes.
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Clock } from '../../clock.js';
import type { Caller } from './caller.js';
import type { TokenVerifier } from './token-verifier.js';

export interface VerifiedTokenCacheOptions {
  clock: Clock;
  /** Most tokens remembered at once; the oldest are forgotten first. Default 10,000. */
  maxEntries?: number;
}

interface Entry {
  caller: Caller;
  expiresAtMs: number;
}

export function withVerifiedTokenCache(
  inner: TokenVerifier,
  options: VerifiedTokenCacheOptions,
): TokenVerifier {
  const max = options.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  return {
    async verify(token) {
      const key = createHash('sha256').update(token).digest('base64url');
      const hit = entries.get(key);
      if (hit && options.clock.now() < hit.expiresAtMs) return hit.caller;
      if (hit) entries.delete(key);
      // A miss, or an entry past its exp: the full check decides (and names the failure).
      const caller = await inner.verify(token);
      const exp = decodeJwt(token).exp;
      if (typeof exp === 'number') {
        if (entries.size >= max) {
          const oldest = entries.keys().next();
          if (!oldest.done) entries.delete(oldest.value);
        }
        entries.set(key, { caller, expiresAtMs: exp * 1000 });
      }
      return caller;
    },
  };
}
