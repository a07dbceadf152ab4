// The `state` of a personal-calendar sign-in: signed (HMAC-SHA256 with a key only Quorum holds),
// bound to one member of one org, expiring after 10 minutes, and single-use — its pending record
// (the PKCE verifier and nonce, encrypted in the store) is deleted by the first callback that uses it.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/index.js';

export const CONNECT_STATE_TTL_MS = 10 * 60_000;

/** Quorum-wide key that signs states (a system secret, created on first use). */
const STATE_KEY_SECRET = 'personal-connect-state-key';
const PENDING_PREFIX = 'personal-connect:';

/** What the callback needs to finish the flow a member started. */
export interface PendingConnect {
  readonly orgId: string;
  readonly memberId: string;
  readonly codeVerifier: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

export interface StartedConnect {
  readonly state: string;
  readonly codeChallenge: string;
  readonly nonce: string;
  readonly expiresAt: number;
}

/** Why a state was refused. */
export type StateProblem = 'malformed' | 'forged' | 'expired' | 'used';

export class ConnectStateError extends Error {
  override readonly name = 'ConnectStateError';
  constructor(readonly problem: StateProblem) {
    super(`personal calendar sign-in state refused: ${problem}`);
  }
}

interface StatePayload {
  /** org id */
  o: string;
  /** member id */
  m: string;
  /** flow id: names the pending record */
  f: string;
  /** expiry, ms since epoch */
  e: number;
}

export class ConnectStates {
  #key: Promise<Buffer> | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Starts a flow for a member: records the PKCE verifier and nonce, returns the signed state. */
  async start(orgId: string, memberId: string): Promise<StartedConnect> {
    const codeVerifier = randomBytes(32).toString('base64url');
    const nonce = randomBytes(16).toString('base64url');
    const flowId = randomBytes(16).toString('base64url');
    const expiresAt = this.now() + CONNECT_STATE_TTL_MS;
    await this.#purgeExpired(orgId);
    const pending: PendingConnect = { orgId, memberId, codeVerifier, nonce, expiresAt };
    await this.store.putSecret(orgId, PENDING_PREFIX + flowId, JSON.stringify(pending));
    const payload: StatePayload = { o: orgId, m: memberId, f: flowId, e: expiresAt };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const state = `${body}.${await this.#sign(body)}`;
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    return { state, codeChallenge, nonce, expiresAt };
  }

  /**
   * Checks a state and consumes its pending record; throws `ConnectStateError` when the state is
   * malformed, not signed by Quorum, expired, or already used.
   */
  async consume(state: string): Promise<PendingConnect> {
    const payload = await this.#verify(state);
    const name = PENDING_PREFIX + payload.f;
    const stored = await this.store.readSecret(payload.o, name);
    // Delete before use: of two callbacks racing with one state, only the one that deletes wins.
    if (stored === undefined || !(await this.store.deleteSecret(payload.o, name))) {
      throw new ConnectStateError('used');
    }
    if (payload.e <= this.now()) throw new ConnectStateError('expired');
    const pending = JSON.parse(stored) as PendingConnect;
    if (pending.orgId !== payload.o || pending.memberId !== payload.m) {
      throw new ConnectStateError('forged');
    }
    return pending;
  }

  async #verify(state: string): Promise<StatePayload> {
    const [body, signature, extra] = state.split('.');
    if (!body || !signature || extra !== undefined || state.length > 1024) {
      throw new ConnectStateError('malformed');
    }
    const expected = Buffer.from(await this.#sign(body), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ConnectStateError('forged');
    }
    let payload: Partial<StatePayload>;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as StatePayload;
    } catch {
      throw new ConnectStateError('malformed');
    }
    const { o, m, f, e } = payload;
    if (typeof o !== 'string' || typeof m !== 'string' || typeof f !== 'string') {
      throw new ConnectStateError('malformed');
    }
    if (typeof e !== 'number') throw new ConnectStateError('malformed');
    return { o, m, f, e };
  }

  async #sign(body: string): Promise<string> {
    return createHmac('sha256', await this.#stateKey())
      .update(body)
      .digest('base64url');
  }

  #stateKey(): Promise<Buffer> {
    this.#key ??= (async () => {
      const existing = await this.store.readSystemSecret(STATE_KEY_SECRET);
      if (existing !== undefined) return Buffer.from(existing, 'base64');
      const key = randomBytes(32);
      await this.store.putSystemSecret(STATE_KEY_SECRET, key.toString('base64'));
      return key;
    })();
    return this.#key;
  }

  /** Pending flows nobody finished are removed once expired, when the org starts another. */
  async #purgeExpired(orgId: string): Promise<void> {
    const names = (await this.store.listSecretNames(orgId)).filter((n) =>
      n.startsWith(PENDING_PREFIX),
    );
    for (const name of names) {
      const stored = await this.store.readSecret(orgId, name);
      const expiresAt = stored === undefined ? 0 : (JSON.parse(stored) as PendingConnect).expiresAt;
      if (expiresAt <= this.now()) await this.store.deleteSecret(orgId, name);
    }
  }
}
