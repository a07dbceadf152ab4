// Delegated Graph access tokens for personal calendar connections: redeemed from the encrypted refresh
// token, cached in memory until five minutes before expiry, one refresh at a time per connection, and
// the rotated refresh token stored before the new access token is used.
import { KeyedQueue } from '../domain/keyed-queue.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { PersonalCalendarConnection } from '../domain/types.js';
import { IdentityError } from '../microsoft/identity/errors.js';
import type { Store } from '../store/index.js';
import {
  needsReauthentication,
  type DelegatedAuth,
  type DelegatedTokens,
} from './delegated-auth.js';

const RENEW_BEFORE_MS = 5 * 60_000;

/** Store secret that holds a personal connection's refresh token. */
export function refreshTokenSecretName(connectionId: string): string {
  return `personal-refresh:${connectionId}`;
}

export type PersonalTokenProblem = 'not_found' | 'reauth_required' | 'unavailable' | 'failed';

/** No token for a personal connection; `problem` says whether the member must sign in again. */
export class PersonalTokenError extends Error {
  override readonly name = 'PersonalTokenError';
  constructor(
    readonly problem: PersonalTokenProblem,
    message: string,
    readonly retryAfterSeconds?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

export interface PersonalTokensOptions {
  readonly store: Store;
  readonly members: MemberRepository;
  readonly auth: DelegatedAuth;
  readonly now: () => number;
  /** Serializes writes to one member's record (key `member:{id}`) with the other personal-calendar writes. */
  readonly memberQueue: KeyedQueue;
}

export class PersonalTokens {
  readonly #o: PersonalTokensOptions;
  readonly #cache = new Map<string, CachedToken>();
  readonly #queue = new KeyedQueue();

  constructor(options: PersonalTokensOptions) {
    this.#o = options;
  }

  /** Keeps the access token a sign-in just produced, so the first use needs no refresh. */
  remember(connectionId: string, token: string, expiresOn: Date): void {
    this.#cache.set(connectionId, { token, expiresAt: expiresOn.getTime() });
  }

  forget(connectionId: string): void {
    this.#cache.delete(connectionId);
  }

  /**
   * A delegated Graph token for the connection. `fresh` skips the in-memory cache (always redeems the
   * refresh token). A refresh token Entra refuses marks the connection `reauth_required`.
   */
  async accessToken(
    orgId: string,
    memberId: string,
    connectionId: string,
    options: { fresh?: boolean } = {},
  ): Promise<string> {
    const cached = options.fresh ? undefined : this.#valid(connectionId);
    if (cached) return cached;
    return this.#queue.run(connectionId, async () => {
      const again = options.fresh ? undefined : this.#valid(connectionId);
      if (again) return again;
      return this.#refresh(orgId, memberId, connectionId);
    });
  }

  #valid(connectionId: string): string | undefined {
    const cached = this.#cache.get(connectionId);
    return cached && cached.expiresAt - RENEW_BEFORE_MS > this.#o.now() ? cached.token : undefined;
  }

  async #refresh(orgId: string, memberId: string, connectionId: string): Promise<string> {
    const { store, members, auth } = this.#o;
    const member = await members.get(orgId, memberId);
    const connection = member?.personalCalendars.find((p) => p.id === connectionId);
    const secretName = refreshTokenSecretName(connectionId);
    const refreshToken = connection ? await store.readSecret(orgId, secretName) : undefined;
    if (!connection || refreshToken === undefined) {
      throw new PersonalTokenError('not_found', 'No such personal calendar connection.');
    }
    let tokens: DelegatedTokens;
    try {
      tokens = await auth.refresh(refreshToken, connection.tenantId);
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      const reauth = needsReauthentication(error);
      await this.#setStatus(orgId, memberId, connectionId, reauth ? 'reauth_required' : 'error');
      if (reauth) {
        throw new PersonalTokenError(
          'reauth_required',
          'Microsoft no longer accepts this sign-in; connect the calendar again.',
          undefined,
          { cause: error },
        );
      }
      throw new PersonalTokenError(
        error.transient ? 'unavailable' : 'failed',
        'Getting a token for the personal calendar failed.',
        error.retryAfterSeconds,
        { cause: error },
      );
    }
    // Rotation: the redeemed refresh token may already be void, so the new one is kept first.
    await store.putSecret(orgId, secretName, tokens.refreshToken);
    this.remember(connectionId, tokens.accessToken, tokens.expiresOn);
    await this.#setStatus(orgId, memberId, connectionId, 'connected');
    return tokens.accessToken;
  }

  async #setStatus(
    orgId: string,
    memberId: string,
    connectionId: string,
    status: PersonalCalendarConnection['status'],
  ): Promise<void> {
    const checkedAt = new Date(this.#o.now()).toISOString();
    await this.#o.memberQueue.run(`member:${memberId}`, () =>
      this.#o.members.update(orgId, memberId, (m) => ({
        ...m,
        personalCalendars: m.personalCalendars.map((p) =>
          p.id === connectionId ? { ...p, status, checkedAt } : p,
        ),
      })),
    );
  }
}
