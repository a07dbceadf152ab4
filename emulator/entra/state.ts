// Entra state that is not directory data: issued authorization codes, refresh tokens and injected
// token-endpoint faults. Kept per emulator instance (keyed by its context), never global.
import type { EmulatorContext } from '../context.js';
import type { ScopeRequest } from './scopes.js';

/** A one-time authorization code and everything it was bound to at the authorize endpoint. */
export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  /** True when redirectUri is registered as a SPA redirect: no credential, cross-origin redemption. */
  spa: boolean;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
  scopes: ScopeRequest;
  tenantId: string;
  userId: string;
  nonce?: string;
  expiresAt: number;
  redeemed: boolean;
}

/** A refresh token: bound to client, user and the scopes consented at sign-in. Single use (rotation). */
export interface RefreshGrant {
  clientId: string;
  tenantId: string;
  userId: string;
  /** Every scope granted at sign-in (any resource); a refresh may ask for any subset. */
  scopes: string[];
  spa: boolean;
  expiresAt: number;
}

/** A fault injected into the next `remaining` token requests. */
export interface TokenFault {
  status: number;
  remaining: number;
  retryAfter?: number;
  error: string;
  code: number;
  description: string;
}

export interface EntraState {
  codes: Map<string, AuthorizationCode>;
  refreshTokens: Map<string, RefreshGrant>;
  faults: TokenFault[];
  /** Users who signed in to an app, as `${tenantId}:${appId}` → user ids (delegated consent). */
  delegatedSignIns: Map<string, Set<string>>;
}

const states = new WeakMap<EmulatorContext, EntraState>();

/** The Entra state of one emulator (created on first use). */
export function entraState(ctx: EmulatorContext): EntraState {
  let state = states.get(ctx);
  if (!state) {
    state = { codes: new Map(), refreshTokens: new Map(), faults: [], delegatedSignIns: new Map() };
    states.set(ctx, state);
  }
  return state;
}
