// Redirect URI rules: exact match against the app's registered URIs, except that Entra ignores the
// port of `localhost` redirect URIs; and how an answer is appended (query, fragment or form_post).
import type { AppRegistration } from '../world/types.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function sameIgnoringLocalhostPort(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  let a: URL;
  let b: URL;
  try {
    a = new URL(registered);
    b = new URL(requested);
  } catch {
    return false;
  }
  return (
    LOOPBACK.has(a.hostname) &&
    a.hostname === b.hostname &&
    a.protocol === b.protocol &&
    a.pathname === b.pathname &&
    a.search === b.search &&
    a.hash === '' &&
    b.hash === ''
  );
}

export interface MatchedRedirect {
  registered: string;
  /** Registered as a single-page-application redirect (PKCE S256, no secret, CORS redemption). */
  spa: boolean;
}

/** The registered redirect URI that `requested` matches, if any. */
export function matchRedirectUri(
  app: AppRegistration,
  requested: string,
): MatchedRedirect | undefined {
  const registered = app.redirectUris.find((r) => sameIgnoringLocalhostPort(r, requested));
  if (registered === undefined) return undefined;
  return { registered, spa: app.spaRedirectUris?.includes(registered) ?? false };
}

export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** `redirectUri` with the answer's parameters in its query (kept existing ones) or fragment. */
export function redirectWith(
  redirectUri: string,
  params: Record<string, string | undefined>,
  mode: 'query' | 'fragment' = 'query',
): string {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  const url = new URL(redirectUri);
  if (mode === 'fragment') {
    url.hash = new URLSearchParams(defined).toString();
    return url.toString();
  }
  for (const [k, v] of defined) url.searchParams.append(k, v);
  return url.toString();
}
