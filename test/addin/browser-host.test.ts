// @vitest-environment jsdom
// The plain-browser host: msal-browser's sign-in request is an authorization-code + PKCE (S256)
// request for Quorum's API scope, returning to the SPA redirect URI registered for Quorum.
import { PublicClientApplication } from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../addin/host/app-config.js';
import { createBrowserSession, msalConfiguration } from '../../addin/host/browser.js';

const AUTHORITY_HOST = 'https://login.example.test';
const CONFIG: AppConfig = {
  clientId: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43',
  authority: `${AUTHORITY_HOST}/organizations`,
  knownAuthorities: ['login.example.test'],
  apiScope: '4e3f9a52-6c1d-4b8e-9f0a-2d7c5b1e8a43/access_as_user',
  publicUrl: 'http://localhost:3000',
};

// What the authority's openid-configuration says; given up front so the test stays offline.
const METADATA = JSON.stringify({
  authorization_endpoint: `${AUTHORITY_HOST}/organizations/oauth2/v2.0/authorize`,
  token_endpoint: `${AUTHORITY_HOST}/organizations/oauth2/v2.0/token`,
  end_session_endpoint: `${AUTHORITY_HOST}/organizations/oauth2/v2.0/logout`,
  issuer: `${AUTHORITY_HOST}/{tenantid}/v2.0`,
  jwks_uri: `${AUTHORITY_HOST}/organizations/discovery/v2.0/keys`,
});

async function signInUrl(loginHint?: string): Promise<URL> {
  let navigated: string | undefined;
  const msal = new PublicClientApplication(
    msalConfiguration(CONFIG, window.location.origin, {
      authorityMetadata: METADATA,
      onRedirectNavigate: (url) => {
        navigated = url;
        return false;
      },
    }),
  );
  await msal.initialize();
  const session = await createBrowserSession(CONFIG, { window, msal });
  expect(session.host).toBeNull();
  await session.signIn(loginHint);
  if (!navigated) throw new Error('msal did not navigate');
  return new URL(navigated);
}

describe('the plain-browser host', () => {
  it('signs in with authorization code + PKCE S256 for Quorum’s API scope', async () => {
    const url = await signInUrl();
    expect(`${url.origin}${url.pathname}`).toBe(
      `${AUTHORITY_HOST}/organizations/oauth2/v2.0/authorize`,
    );
    const p = url.searchParams;
    expect(p.get('client_id')).toBe(CONFIG.clientId);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('redirect_uri')).toBe(`${window.location.origin}/auth/callback`);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([CONFIG.apiScope, 'openid', 'profile', 'offline_access']),
    );
    expect(p.get('prompt')).toBe('select_account');
    expect(p.get('state')).toBeTruthy();
    expect(p.get('nonce')).toBeTruthy();
  });

  it('passes a login hint to preselect the account', async () => {
    const url = await signInUrl('megan.bowen@contoso.com');
    expect(url.searchParams.get('login_hint')).toBe('megan.bowen@contoso.com');
    expect(url.searchParams.get('prompt')).toBeNull();
  });

  it('uses a new PKCE challenge for every sign-in', async () => {
    const [a, b] = [await signInUrl(), await signInUrl()];
    expect(a.searchParams.get('code_challenge')).not.toBe(b.searchParams.get('code_challenge'));
  });
});
