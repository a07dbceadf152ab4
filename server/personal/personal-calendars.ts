// Personal calendar connections (DESIGN J3): a member connects a calendar of any work account by
// delegated OAuth; Quorum keeps the refresh token encrypted, the record on the member, and marks a
// connection to the mailbox the org already manages as shadowed (kept, unused; directory/shadowing).
import { randomUUID } from 'node:crypto';
import { KeyedQueue } from '../domain/keyed-queue.js';
import type { MemberRepository } from '../domain/member-repository.js';
import type { Member, PersonalCalendarConnection } from '../domain/types.js';
import { applyOrgPrecedence } from '../directory/shadowing.js';
import { GraphClient, GraphError, type GraphFetch } from '../microsoft/graph/index.js';
import type { GraphCalendar } from '../microsoft/graph-types.js';
import { IdentityError } from '../microsoft/identity/errors.js';
import type { Store } from '../store/index.js';
import { ConnectStateError, ConnectStates } from './connect-state.js';
import type { DelegatedAuth, DelegatedTokens } from './delegated-auth.js';
import { PersonalTokens, refreshTokenSecretName } from './personal-tokens.js';

/** The redirect URI registered on Quorum's app (appPackage/aad.manifest.json). */
export const PERSONAL_CALLBACK_PATH = '/auth/personal/callback';

/** Most personal connections one member keeps. */
export const MAX_PERSONAL_CALENDARS = 10;

/** Why a sign-in did not end in a connection; shown on the result page and posted to the opener. */
export type ConnectProblem =
  | 'state_invalid'
  | 'state_expired'
  | 'state_used'
  | 'denied'
  | 'sign_in_failed'
  | 'calendar_unreadable'
  | 'member_gone'
  | 'limit_reached';

export type ConnectOutcome =
  | { ok: true; connection: PersonalCalendarConnection }
  | { ok: false; problem: ConnectProblem; detail: string };

/** The query Entra sends to the redirect URI. */
export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

export interface PersonalCalendarsOptions {
  readonly store: Store;
  readonly members: MemberRepository;
  readonly auth: DelegatedAuth;
  /** `config.publicUrl`: the base of the redirect URI. */
  readonly publicUrl: string;
  readonly graphBaseUrl: string;
  readonly fetch: GraphFetch;
  readonly now: () => number;
}

export class PersonalCalendars {
  readonly redirectUri: string;
  readonly tokens: PersonalTokens;
  readonly #o: PersonalCalendarsOptions;
  readonly #states: ConnectStates;
  readonly #queue = new KeyedQueue();

  constructor(options: PersonalCalendarsOptions) {
    this.#o = options;
    this.redirectUri = `${options.publicUrl}${PERSONAL_CALLBACK_PATH}`;
    this.#states = new ConnectStates(options.store, options.now);
    this.tokens = new PersonalTokens({ ...options, memberQueue: this.#queue });
  }

  /** The authorize URL a member's browser opens to connect a personal calendar. */
  async startConnect(orgId: string, memberId: string): Promise<{ url: string; expiresAt: string }> {
    const started = await this.#states.start(orgId, memberId);
    const url = await this.#o.auth.authorizationUrl({
      redirectUri: this.redirectUri,
      state: started.state,
      codeChallenge: started.codeChallenge,
      nonce: started.nonce,
    });
    return { url, expiresAt: new Date(started.expiresAt).toISOString() };
  }

  /** Finishes a sign-in at the redirect URI. Never throws for what the browser sent. */
  async completeConnect(query: CallbackQuery): Promise<ConnectOutcome> {
    if (!query.state) return fail('state_invalid', 'The sign-in answer carries no state.');
    let pending;
    try {
      pending = await this.#states.consume(query.state);
    } catch (error) {
      if (!(error instanceof ConnectStateError)) throw error;
      if (error.problem === 'expired') {
        return fail('state_expired', 'This sign-in took more than 10 minutes; start again.');
      }
      if (error.problem === 'used') {
        return fail('state_used', 'This sign-in answer was already used; start again.');
      }
      return fail('state_invalid', 'This sign-in answer was not started by Quorum.');
    }
    if (query.error) {
      return query.error === 'access_denied'
        ? fail('denied', 'The sign-in was cancelled or consent was declined.')
        : fail('sign_in_failed', `Microsoft answered ${entraError(query)}.`);
    }
    if (!query.code) return fail('sign_in_failed', 'The sign-in answer carries no code.');
    const { orgId, memberId } = pending;
    if (!(await this.#o.members.get(orgId, memberId))) {
      return fail('member_gone', 'Your Quorum membership no longer exists.');
    }

    let tokens: DelegatedTokens;
    try {
      tokens = await this.#o.auth.redeemCode({
        code: query.code,
        redirectUri: this.redirectUri,
        codeVerifier: pending.codeVerifier,
        nonce: pending.nonce,
      });
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      const aadsts = error.aadsts === undefined ? '' : ` (AADSTS${error.aadsts})`;
      return fail('sign_in_failed', `Microsoft did not complete the sign-in${aadsts}.`);
    }
    let calendar: GraphCalendar;
    try {
      calendar = await this.#readDefaultCalendar(tokens);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      return fail(
        'calendar_unreadable',
        `The account signed in, but its calendar cannot be read (${error.code}, request id ${error.requestId ?? 'none'}).`,
      );
    }
    return this.#save(orgId, memberId, tokens, calendar);
  }

  /** Removes a member's personal connection and its refresh token; false when there is none. */
  async remove(orgId: string, memberId: string, connectionId: string): Promise<boolean> {
    return this.#queue.run(`member:${memberId}`, async () => {
      const member = await this.#o.members.get(orgId, memberId);
      if (!member?.personalCalendars.some((p) => p.id === connectionId)) return false;
      await this.#o.store.deleteSecret(orgId, refreshTokenSecretName(connectionId));
      this.tokens.forget(connectionId);
      await this.#o.members.update(orgId, memberId, (m) => ({
        ...m,
        personalCalendars: m.personalCalendars.filter((p) => p.id !== connectionId),
      }));
      return true;
    });
  }

  /** A Graph client that calls as the personal account (`/me/...`), refreshing its token as needed. */
  graphFor(orgId: string, memberId: string, connectionId: string): GraphClient {
    return new GraphClient({
      baseUrl: this.#o.graphBaseUrl,
      fetch: this.#o.fetch,
      tokenProvider: () => this.tokens.accessToken(orgId, memberId, connectionId),
    });
  }

  /** `GET /me/calendar?$select=id,name,owner` as the account: proves calendar access, names the mailbox. */
  async #readDefaultCalendar(tokens: DelegatedTokens): Promise<GraphCalendar> {
    const graph = new GraphClient({
      baseUrl: this.#o.graphBaseUrl,
      fetch: this.#o.fetch,
      tokenProvider: () => Promise.resolve(tokens.accessToken),
    });
    return graph.get<GraphCalendar>(tokens.account.tenantId, '/me/calendar', {
      query: { $select: 'id,name,owner' },
    });
  }

  async #save(
    orgId: string,
    memberId: string,
    tokens: DelegatedTokens,
    calendar: GraphCalendar,
  ): Promise<ConnectOutcome> {
    return this.#queue.run(`member:${memberId}`, async () => {
      const member = await this.#o.members.get(orgId, memberId);
      if (!member) return fail('member_gone', 'Your Quorum membership no longer exists.');
      const { account } = tokens;
      const existing = member.personalCalendars.find(
        (p) => p.tenantId === account.tenantId && p.objectId === account.objectId,
      );
      if (!existing && member.personalCalendars.length >= MAX_PERSONAL_CALENDARS) {
        return fail(
          'limit_reached',
          `You already have ${MAX_PERSONAL_CALENDARS} personal calendars.`,
        );
      }
      const now = new Date(this.#o.now()).toISOString();
      const connection: PersonalCalendarConnection = {
        id: existing?.id ?? randomUUID(),
        tenantId: account.tenantId,
        objectId: account.objectId,
        email: (calendar.owner?.address ?? account.username).toLowerCase(),
        displayName: account.name ?? calendar.owner?.name ?? account.username,
        status: 'connected',
        connectedAt: existing?.connectedAt ?? now,
        checkedAt: now,
        shadowedByOrg: false,
      };
      await this.#o.store.putSecret(
        orgId,
        refreshTokenSecretName(connection.id),
        tokens.refreshToken,
      );
      this.tokens.remember(connection.id, tokens.accessToken, tokens.expiresOn);
      // The org-managed calendar wins over a connection to the same mailbox (DESIGN J3).
      const updated: Member = applyOrgPrecedence({
        ...member,
        personalCalendars: existing
          ? member.personalCalendars.map((p) => (p.id === existing.id ? connection : p))
          : [...member.personalCalendars, connection],
      });
      await this.#o.members.put(updated);
      const saved = updated.personalCalendars.find((p) => p.id === connection.id) ?? connection;
      return { ok: true, connection: saved };
    });
  }
}

function fail(problem: ConnectProblem, detail: string): ConnectOutcome {
  return { ok: false, problem, detail };
}

/** `error` and the AADSTS number of an error redirect, without the rest of Entra's description. */
function entraError(query: CallbackQuery): string {
  const error = query.error?.replace(/[^\w.-]/g, '').slice(0, 64) ?? 'an error';
  const aadsts = /AADSTS(\d+)/.exec(query.error_description ?? '')?.[1];
  return aadsts ? `${error} (AADSTS${aadsts})` : error;
}
