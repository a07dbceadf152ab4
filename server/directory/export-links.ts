// Signed, short-lived download links for the member CSV (`POST /api/org/exports/members`): a link
// opened by a browser cannot carry a bearer token, so the link itself is the credential. It names
// the org, the admin who asked and the filters, expires in minutes, and is HMAC-SHA256 signed with
// a key kept as a store system secret (created on first use).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { MemberFilter } from './member-list.js';

const KEY_NAME = 'members-export-hmac-key';

export interface ExportClaims {
  orgId: string;
  memberId: string;
  filter: MemberFilter;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

const keys = new WeakMap<Store, Promise<Buffer>>();

/** The signing key: read from the store, or created and stored on first use. */
export function exportSigningKey(store: Store): Promise<Buffer> {
  let key = keys.get(store);
  if (!key) {
    key = (async () => {
      const existing = await store.readSystemSecret(KEY_NAME);
      if (existing) return Buffer.from(existing, 'base64');
      const fresh = randomBytes(32);
      await store.putSystemSecret(KEY_NAME, fresh.toString('base64'));
      return fresh;
    })();
    key.catch(() => keys.delete(store));
    keys.set(store, key);
  }
  return key;
}

const mac = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export function signExportToken(key: Buffer, claims: ExportClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, payload)}`;
}

export type ExportTokenCheck =
  { ok: true; claims: ExportClaims } | { ok: false; problem: 'invalid' | 'expired' };

/** Checks the signature (constant-time) before reading anything, then the expiry. */
export function verifyExportToken(key: Buffer, token: string, now: number): ExportTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, problem: 'invalid' };
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, problem: 'invalid' };
  }
  let claims: ExportClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ExportClaims;
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (typeof claims.expiresAt !== 'number' || typeof claims.orgId !== 'string') {
    return { ok: false, problem: 'invalid' };
  }
  if (claims.expiresAt <= now) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
}
