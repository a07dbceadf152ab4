// PKCE (RFC 7636) verification for authorization codes: S256 and, for confidential clients, plain.
import { createHash, timingSafeEqual } from 'node:crypto';

/** True when `verifier` answers `challenge` under `method`. */
export function pkceMatches(
  verifier: string,
  challenge: string,
  method: 'S256' | 'plain',
): boolean {
  const computed =
    method === 'S256'
      ? createHash('sha256').update(verifier, 'ascii').digest('base64url')
      : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
