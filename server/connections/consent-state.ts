// The activation link's `state` (DESIGN §9): an HS256 JWT bound to the org and the member who asked
// for it, single-use (its `jti` is recorded when used) and expiring. The key is a store system secret
// made on first use, so restarts keep outstanding links valid and nothing is in configuration.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, errors as jose, jwtVerify } from 'jose';
import type { Store } from '../store/index.js';
import { AppError } from '../http/errors.js';

/** `consent`: the admin-consent redirect; `confirm`: the tenant admin's sign-in that follows it. */
export type ConsentStateKind = 'consent' | 'confirm';
/** How the callback page reports: a full page, or a popup that also posts to its opener. */
export type ConsentMode = 'page' | 'popup';

export interface ConsentState {
  kind: ConsentStateKind;
  orgId: string;
  memberId: string;
  /** The `jti`: recorded on use, so a state works once. */
  nonce: string;
  mode: ConsentMode;
  /** For `confirm`: the tenant the signed-in admin must belong to. */
  tenantId?: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface ConsentStateOptions {
  store: Store;
  now: () => number;
}

const KEY_NAME = 'consent-state-key';
const NONCES_DOC = 'consent-nonces';
const ISSUER = 'quorum';
const AUDIENCE: Record<ConsentStateKind, string> = {
  consent: 'quorum:consent',
  confirm: 'quorum:consent-confirm',
};
/** A state longer than this is not one of ours; refuse before parsing. */
const MAX_STATE_LENGTH = 2048;

type NonceRecords = Record<string, number>;

/** Signs, verifies and consumes consent states. */
export class ConsentStates {
  #key: Promise<Uint8Array> | undefined;

  constructor(private readonly options: ConsentStateOptions) {}

  /** The signing key, created (32 random bytes) and kept as a system secret the first time. */
  private key(): Promise<Uint8Array> {
    this.#key ??= (async () => {
      const { store } = this.options;
      let encoded = await store.readSystemSecret(KEY_NAME);
      if (encoded === undefined) {
        encoded = randomBytes(32).toString('base64');
        await store.putSystemSecret(KEY_NAME, encoded);
      }
      return new Uint8Array(Buffer.from(encoded, 'base64'));
    })().catch((error: unknown) => {
      this.#key = undefined;
      throw error;
    });
    return this.#key;
  }

  /** A signed state valid for `ttlMs`. */
  async sign(
    input: Omit<ConsentState, 'nonce' | 'expiresAt'>,
    ttlMs: number,
  ): Promise<{ token: string; state: ConsentState }> {
    const now = this.options.now();
    const state: ConsentState = { ...input, nonce: randomUUID(), expiresAt: now + ttlMs };
    const token = await new SignJWT({
      org: state.orgId,
      mode: state.mode,
      ...(state.tenantId ? { tid: state.tenantId } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE[state.kind])
      .setSubject(state.memberId)
      .setJti(state.nonce)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(state.expiresAt / 1000))
      .sign(await this.key());
    return { token, state };
  }

  /**
   * Checks signature, kind and expiry. `ERR_CONSENT_STATE_INVALID` for anything not signed by us (or
   * of the other kind), `ERR_CONSENT_STATE_EXPIRED` once it has expired. Does not consume it.
   */
  async verify(token: string | undefined, kind: ConsentStateKind): Promise<ConsentState> {
    if (!token || token.length > MAX_STATE_LENGTH) {
      throw new AppError('ERR_CONSENT_STATE_INVALID');
    }
    try {
      const { payload } = await jwtVerify(token, await this.key(), {
        issuer: ISSUER,
        audience: AUDIENCE[kind],
        algorithms: ['HS256'],
        currentDate: new Date(this.options.now()),
        requiredClaims: ['jti', 'sub', 'exp'],
      });
      const { org, mode, tid, sub, jti, exp } = payload;
      if (typeof org !== 'string' || typeof sub !== 'string' || typeof jti !== 'string') {
        throw new AppError('ERR_CONSENT_STATE_INVALID');
      }
      if (kind === 'confirm' && typeof tid !== 'string') {
        throw new AppError('ERR_CONSENT_STATE_INVALID');
      }
      return {
        kind,
        orgId: org,
        memberId: sub,
        nonce: jti,
        mode: mode === 'popup' ? 'popup' : 'page',
        ...(typeof tid === 'string' ? { tenantId: tid } : {}),
        expiresAt: (exp ?? 0) * 1000,
      };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof jose.JWTExpired) throw new AppError('ERR_CONSENT_STATE_EXPIRED');
      throw new AppError('ERR_CONSENT_STATE_INVALID');
    }
  }

  /** Records the state as used; `ERR_CONSENT_STATE_REPLAYED` when it already was. */
  async consume(state: ConsentState): Promise<void> {
    const now = this.options.now();
    let replayed = false;
    await this.options.store.updateOrgDoc<NonceRecords>(state.orgId, NONCES_DOC, (current) => {
      const next: NonceRecords = {};
      // Keep only records that could still match a live state; expired states fail on their own.
      for (const [nonce, expiresAt] of Object.entries(current ?? {})) {
        if (expiresAt > now) next[nonce] = expiresAt;
      }
      if (next[state.nonce] !== undefined) replayed = true;
      else next[state.nonce] = state.expiresAt;
      return next;
    });
    if (replayed) throw new AppError('ERR_CONSENT_STATE_REPLAYED');
  }

  /**
   * The PKCE pair of a confirm sign-in, derived from the key and the state's nonce: nothing to store,
   * and the verifier never travels through the browser.
   */
  async pkce(state: ConsentState): Promise<{ verifier: string; challenge: string }> {
    const verifier = createHmac('sha256', await this.key())
      .update(`pkce:${state.nonce}`)
      .digest('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    return { verifier, challenge };
  }
}
