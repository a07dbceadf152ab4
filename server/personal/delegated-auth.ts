// Delegated sign-in for personal calendars (DESIGN J3): msal-node's authorization code flow with PKCE
// against `{authority}/organizations` (any work account, any tenant) and refresh-token redemption,
// over the identity layer's CA-trusting transport.
//
// msal-node keeps refresh tokens in its token cache and never returns them, while Quorum must keep
// them itself (encrypted in the store, to survive restarts and to serve several processes). So each
// exchange runs on a fresh msal instance whose cache holds only that exchange: its one refresh token
// is read from the serialized cache (MSAL's documented cache schema) and the instance is dropped.
import { randomUUID } from 'node:crypto';
import { ConfidentialClientApplication, type AuthenticationResult } from '@azure/msal-node';
import { systemClock, type Clock } from '../clock.js';
import { prepareCredential, type AppCredential } from '../microsoft/identity/credentials.js';
import type { IdentityError } from '../microsoft/identity/errors.js';
import {
  authorityOrigin,
  msalConfiguration,
  type IdentityLogger,
} from '../microsoft/identity/identity.js';
import { toIdentityError } from '../microsoft/identity/map-error.js';
import { RecordingNetworkClient } from '../microsoft/identity/network-client.js';
import type { Fetch } from '../net/fetch.js';

/** What Quorum asks a personal account for; msal adds `openid profile offline_access`. */
export const PERSONAL_CALENDAR_SCOPES = ['https://graph.microsoft.com/Calendars.ReadWrite'];

/** The signed-in account, from the ID token the token endpoint returned over TLS. */
export interface DelegatedAccount {
  readonly tenantId: string;
  readonly objectId: string;
  /** `preferred_username` (usually the UPN). */
  readonly username: string;
  readonly name: string | null;
}

export interface DelegatedTokens {
  readonly accessToken: string;
  readonly expiresOn: Date;
  /** The refresh token to keep (rotated: store it in place of the one redeemed). */
  readonly refreshToken: string;
  readonly account: DelegatedAccount;
}

export interface AuthorizationUrlRequest {
  readonly redirectUri: string;
  readonly state: string;
  /** Base64url SHA-256 of the PKCE verifier (S256). */
  readonly codeChallenge: string;
  readonly nonce: string;
}

export interface RedeemCodeRequest {
  readonly code: string;
  readonly redirectUri: string;
  readonly codeVerifier: string;
  readonly nonce: string;
}

/** Delegated token failures: the identity layer's `IdentityError` (codes, AADSTS, transient). */
export type DelegatedAuthError = IdentityError;

/** True when only the user signing in again can fix it (refresh token expired, revoked, or consent gone). */
export function needsReauthentication(error: DelegatedAuthError): boolean {
  return (
    error.msalErrorCode === 'invalid_grant' ||
    error.msalErrorCode === 'interaction_required' ||
    error.msalErrorCode === 'consent_required'
  );
}

export interface DelegatedAuth {
  /** The authorize URL to send the browser to. */
  authorizationUrl(request: AuthorizationUrlRequest): Promise<string>;
  /** Redeems an authorization code (with its PKCE verifier) for tokens. */
  redeemCode(request: RedeemCodeRequest): Promise<DelegatedTokens>;
  /** Redeems a refresh token in the account's own tenant; keep the rotated one it returns. */
  refresh(refreshToken: string, tenantId: string): Promise<DelegatedTokens>;
}

export interface DelegatedAuthOptions {
  /** Origin of the Entra ID authority (the same as the identity layer's). */
  readonly authorityHost: string;
  /** Quorum's own multi-tenant app: the redirect URI is registered on it. */
  readonly credential: AppCredential;
  /** Outbound HTTP that trusts the configured CA. */
  readonly fetch: Fetch;
  readonly logger?: IdentityLogger;
  readonly clock?: Clock;
  readonly requestTimeoutMs?: number;
}

interface CachedRefreshToken {
  home_account_id?: string;
  secret?: string;
}

export function createDelegatedAuth(options: DelegatedAuthOptions): DelegatedAuth {
  const origin = authorityOrigin(options.authorityHost);
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const prepared = prepareCredential(options.credential, 'organizations');

  function instance(): { app: ConfidentialClientApplication; network: RecordingNetworkClient } {
    const network = new RecordingNetworkClient({ fetch: options.fetch, timeoutMs });
    const app = new ConfidentialClientApplication(
      msalConfiguration(origin, prepared, network, options.logger),
    );
    return { app, network };
  }

  /** Runs one exchange on a fresh instance; maps failures as the identity layer does. */
  async function exchange(
    tenant: string,
    run: (
      app: ConfidentialClientApplication,
      correlationId: string,
    ) => Promise<AuthenticationResult | null>,
  ): Promise<DelegatedTokens> {
    const { app, network } = instance();
    const correlationId = randomUUID();
    let result: AuthenticationResult | null;
    try {
      result = await run(app, correlationId);
    } catch (cause) {
      const post = network.takePost(correlationId);
      const error = toIdentityError(cause, {
        credential: prepared,
        tenantId: tenant,
        correlationId,
        now: clock.now(),
        post,
        metadataFailure: post ? undefined : network.lastGetFailure,
        throttle: undefined,
      });
      options.logger?.warn({ err: error.toJSON() }, 'delegated token request failed');
      throw error;
    }
    network.takePost(correlationId);
    const account = result?.account;
    const refreshToken = account ? refreshTokenOf(app, account.homeAccountId) : undefined;
    if (!result?.accessToken || !account || !refreshToken) {
      throw toIdentityError(new Error('Entra ID answered without an access and refresh token.'), {
        credential: prepared,
        tenantId: tenant,
        correlationId,
        now: clock.now(),
        post: undefined,
        metadataFailure: undefined,
        throttle: undefined,
      });
    }
    return {
      accessToken: result.accessToken,
      expiresOn: result.expiresOn ?? new Date(clock.now() + 3_600_000),
      refreshToken,
      account: {
        tenantId: account.tenantId.toLowerCase(),
        objectId: account.localAccountId.toLowerCase(),
        username: account.username,
        name: account.name ?? null,
      },
    };
  }

  return {
    authorizationUrl: (request) =>
      instance().app.getAuthCodeUrl({
        scopes: PERSONAL_CALENDAR_SCOPES,
        redirectUri: request.redirectUri,
        authority: `${origin}/organizations`,
        state: request.state,
        nonce: request.nonce,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: 'S256',
        responseMode: 'query',
        prompt: 'select_account',
      }),
    redeemCode: (request) =>
      exchange('organizations', (app, correlationId) =>
        app.acquireTokenByCode({
          scopes: PERSONAL_CALENDAR_SCOPES,
          redirectUri: request.redirectUri,
          authority: `${origin}/organizations`,
          code: request.code,
          codeVerifier: request.codeVerifier,
          nonce: request.nonce,
          correlationId,
        }),
      ),
    refresh: (refreshToken, tenantId) =>
      exchange(tenantId, (app, correlationId) =>
        app.acquireTokenByRefreshToken({
          scopes: PERSONAL_CALENDAR_SCOPES,
          refreshToken,
          authority: `${origin}/${tenantId}`,
          // The account is not in this fresh cache; cache the answer anyway so the rotated
          // refresh token can be read back.
          forceCache: true,
          correlationId,
        }),
      ),
  };
}

/** The refresh token msal cached for `homeAccountId` (MSAL cache schema: `RefreshToken[*].secret`). */
function refreshTokenOf(
  app: ConfidentialClientApplication,
  homeAccountId: string,
): string | undefined {
  const cache = JSON.parse(app.getTokenCache().serialize()) as {
    RefreshToken?: Record<string, CachedRefreshToken>;
  };
  const entries = Object.values(cache.RefreshToken ?? {});
  return entries.find((e) => e.home_account_id === homeAccountId && e.secret)?.secret;
}
