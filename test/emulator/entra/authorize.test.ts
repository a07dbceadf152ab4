import { createHash, randomBytes } from 'node:crypto';
import { ServerError } from '@azure/msal-node';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confidentialClient,
  postToken,
  startEmulator,
  TENANTS,
  type TestEmulator,
} from '../../support/emulator.js';

let emu: TestEmulator;
const WEB_REDIRECT = 'https://localhost:3443/auth/personal/callback';
const SPA_REDIRECT = 'https://localhost:3443/auth/callback';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function userValue(tenant: string, upn: string): string {
  const t = emu.world.findTenant(tenant);
  const u = t && emu.world.findUser(t, upn);
  if (!t || !u) throw new Error(`no ${upn}`);
  return `${t.id}/${u.id}`;
}

/** Opens the authorize URL (the picker), then picks `upn` and returns the redirect's location. */
async function signIn(authorizeUrl: string, tenant: string, upn: string): Promise<URL> {
  const page = await emu.fetch(authorizeUrl, { redirect: 'manual' });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<label for="login_user">');
  const url = new URL(authorizeUrl);
  const body = new URLSearchParams(url.searchParams);
  body.set('login_user', userValue(tenant, upn));
  body.set('decision', 'signin');
  const res = await emu.fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

function authorizeUrl(tenant: string, params: Record<string, string>): string {
  const q = new URLSearchParams({
    client_id: emu.quorumApp.clientId,
    response_type: 'code',
    redirect_uri: WEB_REDIRECT,
    scope: `${emu.quorumApp.clientId}/access_as_user openid profile offline_access`,
    state: 'xyz',
    ...params,
  });
  return `${emu.loginUrl}/${tenant}/oauth2/v2.0/authorize?${q.toString()}`;
}

async function jwks() {
  const res = await emu.fetch(`${emu.loginUrl}/common/discovery/v2.0/keys`);
  return createLocalJWKSet((await res.json()) as Parameters<typeof createLocalJWKSet>[0]);
}

describe('authorization code + PKCE through msal-node', () => {
  it('signs Megan in and issues a v2 token for Quorum’s API with wids, verifiable with the JWKS', async () => {
    const cca = confidentialClient(emu);
    const { verifier, challenge } = pkce();
    const scopes = [`${emu.quorumApp.clientId}/access_as_user`];
    const url = await cca.getAuthCodeUrl({
      scopes,
      redirectUri: WEB_REDIRECT,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: 'msal-state',
      nonce: 'n-1',
      loginHint: 'megan.bowen@contoso.com',
      authority: emu.authority('organizations'),
    });
    const picker = await (await emu.fetch(url)).text();
    expect(picker).toMatch(/<optgroup label="Contoso">/);
    expect(picker).toContain(
      `value="${userValue(TENANTS.contoso.id, 'megan.bowen@contoso.com')}" selected`,
    );
    const location = await signIn(url, TENANTS.contoso.id, 'megan.bowen@contoso.com');
    expect(location.searchParams.get('state')).toBe('msal-state');
    const code = location.searchParams.get('code') ?? '';
    // msal-node 7's confidential client checks the ID token's nonce against `request.nonce`.
    const result = await cca.acquireTokenByCode(
      {
        code,
        scopes,
        redirectUri: WEB_REDIRECT,
        codeVerifier: verifier,
        nonce: 'n-1',
        state: 'msal-state',
        authority: emu.authority(TENANTS.contoso.id),
      },
      { code, nonce: 'n-1', state: 'msal-state' },
    );
    expect(result.account?.username).toBe('megan.bowen@contoso.com');
    expect(result.idTokenClaims).toMatchObject({ nonce: 'n-1', tid: TENANTS.contoso.id });
    const { payload } = await jwtVerify(result.accessToken, await jwks(), {
      audience: emu.quorumApp.clientId,
      issuer: `${emu.loginUrl}/${TENANTS.contoso.id}/v2.0`,
      algorithms: ['RS256'],
    });
    const megan = emu.world.findUser(
      emu.world.findTenant(TENANTS.contoso.id)!,
      'megan.bowen@contoso.com',
    );
    expect(payload).toMatchObject({
      ver: '2.0',
      scp: 'access_as_user',
      oid: megan?.id,
      tid: TENANTS.contoso.id,
      name: 'Megan Bowen',
      preferred_username: 'megan.bowen@contoso.com',
      azp: emu.quorumApp.clientId,
      azpacr: '1',
    });
    expect(payload.wids).toContain(GLOBAL_ADMIN);

    // The code is one-time.
    const reuse = await cca
      .acquireTokenByCode({ code, scopes, redirectUri: WEB_REDIRECT, codeVerifier: verifier })
      .catch((e: unknown) => e);
    expect(reuse).toBeInstanceOf(ServerError);
    expect((reuse as ServerError).errorCode).toBe('invalid_grant');
    expect((reuse as ServerError).errorMessage).toContain('54005');
  });

  it('refuses a wrong PKCE verifier with invalid_grant AADSTS50148', async () => {
    const { challenge } = pkce();
    const location = await signIn(
      authorizeUrl(TENANTS.contoso.domain, {
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      TENANTS.contoso.id,
      'adele.vance@contoso.com',
    );
    const res = await postToken(emu, TENANTS.contoso.id, {
      client_id: emu.quorumApp.clientId,
      client_secret: emu.quorumApp.clientSecret,
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: WEB_REDIRECT,
      code_verifier: pkce().verifier,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant', error_codes: [50148] });
  });

  it('needs the client secret for a Web redirect (AADSTS7000218) and the same redirect_uri', async () => {
    const { verifier, challenge } = pkce();
    const location = await signIn(
      authorizeUrl(TENANTS.contoso.id, {
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      TENANTS.contoso.id,
      'adele.vance@contoso.com',
    );
    const form = {
      client_id: emu.quorumApp.clientId,
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: WEB_REDIRECT,
      code_verifier: verifier,
    };
    const noSecret = await postToken(emu, TENANTS.contoso.id, form);
    expect(noSecret.status).toBe(401);
    expect(noSecret.body.error_codes).toEqual([7000218]);
    const otherRedirect = await postToken(emu, TENANTS.contoso.id, {
      ...form,
      client_secret: emu.quorumApp.clientSecret,
      redirect_uri: 'https://localhost:3443/consent/callback',
    });
    expect(otherRedirect.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('rotates refresh tokens: the new one works, the used one is refused', async () => {
    const { verifier, challenge } = pkce();
    const location = await signIn(
      authorizeUrl(TENANTS.fabrikam.id, {
        code_challenge: challenge,
        code_challenge_method: 'S256',
        scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access openid',
      }),
      TENANTS.fabrikam.id,
      'kim.akers@fabrikam.com',
    );
    const secret = { client_id: emu.quorumApp.clientId, client_secret: emu.quorumApp.clientSecret };
    const first = await postToken(emu, TENANTS.fabrikam.id, {
      ...secret,
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: WEB_REDIRECT,
      code_verifier: verifier,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    expect(String(first.body.scope)).toContain('https://graph.microsoft.com/Calendars.ReadWrite');
    // A delegated Graph token (personal calendar connections): v1, scp, upn.
    expect(decodeJwt(String(first.body.access_token))).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${TENANTS.fabrikam.id}/`,
      ver: '1.0',
      scp: 'Calendars.ReadWrite',
      upn: 'kim.akers@fabrikam.com',
      idtyp: 'user',
      appid: emu.quorumApp.clientId,
    });
    const rt1 = String(first.body.refresh_token);
    const second = await postToken(emu, 'organizations', {
      ...secret,
      grant_type: 'refresh_token',
      refresh_token: rt1,
      scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access',
    });
    expect(second.status).toBe(200);
    const rt2 = String(second.body.refresh_token);
    expect(rt2).not.toBe(rt1);
    const reused = await postToken(emu, TENANTS.fabrikam.id, {
      ...secret,
      grant_type: 'refresh_token',
      refresh_token: rt1,
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    const third = await postToken(emu, TENANTS.fabrikam.id, {
      ...secret,
      grant_type: 'refresh_token',
      refresh_token: rt2,
    });
    expect(third.status).toBe(200);
  });
});

describe('authorize endpoint rules', () => {
  it('requires PKCE S256 for a SPA redirect and redeems cross-origin without a secret', async () => {
    const noPkce = await emu.fetch(
      authorizeUrl(TENANTS.contoso.id, { redirect_uri: SPA_REDIRECT }),
      {
        redirect: 'manual',
      },
    );
    expect(noPkce.status).toBe(302);
    const err = new URL(noPkce.headers.get('location') ?? '');
    expect(err.searchParams.get('error')).toBe('invalid_request');
    expect(err.searchParams.get('error_description')).toMatch(/^AADSTS9002325: /);
    expect(err.searchParams.get('state')).toBe('xyz');

    const { verifier, challenge } = pkce();
    const location = await signIn(
      authorizeUrl(TENANTS.contoso.id, {
        redirect_uri: SPA_REDIRECT,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      TENANTS.contoso.id,
      'isaiah.langer@contoso.com',
    );
    const form = {
      client_id: emu.quorumApp.clientId,
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: SPA_REDIRECT,
      code_verifier: verifier,
    };
    const sameOrigin = await postToken(emu, TENANTS.contoso.id, form);
    expect(sameOrigin.body.error_codes).toEqual([9002327]);
    const cors = await postToken(emu, TENANTS.contoso.id, form, {
      headers: { origin: 'https://localhost:3443' },
    });
    expect(cors.status).toBe(200);
    expect(cors.headers.get('access-control-allow-origin')).toBe('https://localhost:3443');
    expect(decodeJwt(String(cors.body.access_token))).toMatchObject({ azpacr: '0' });
  });

  it('with prompt=none and a login_hint signs in silently; without one answers login_required', async () => {
    const silent = await emu.fetch(
      authorizeUrl(TENANTS.contoso.id, { prompt: 'none', login_hint: 'adele.vance@contoso.com' }),
      { redirect: 'manual' },
    );
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const none = await emu.fetch(authorizeUrl(TENANTS.contoso.id, { prompt: 'none' }), {
      redirect: 'manual',
    });
    const loc = new URL(none.headers.get('location') ?? '');
    expect(loc.searchParams.get('error')).toBe('login_required');
  });

  it('answers with form_post through an auto-submitting form allowed by a nonce CSP', async () => {
    const res = await emu.fetch(
      authorizeUrl(TENANTS.contoso.id, {
        prompt: 'none',
        login_hint: 'adele.vance@contoso.com',
        response_mode: 'form_post',
      }),
    );
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'nonce-[^']+'/);
    expect(csp).toContain('form-action');
    const html = await res.text();
    expect(html).toContain(`action="${WEB_REDIRECT}"`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toContain('name="state" value="xyz"');
  });

  it('shows an error page, never a redirect, for an unregistered redirect_uri', async () => {
    const res = await emu.fetch(
      authorizeUrl(TENANTS.contoso.id, { redirect_uri: 'https://evil.example/cb' }),
      { redirect: 'manual' },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('AADSTS50011');
  });

  it('escapes interpolated values in pages', async () => {
    const res = await emu.fetch(
      authorizeUrl(TENANTS.contoso.id, { state: '"><script>alert(1)</script>' }),
    );
    const html = await res.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('cancel redirects access_denied with the state', async () => {
    const url = new URL(authorizeUrl(TENANTS.contoso.id, {}));
    const body = new URLSearchParams(url.searchParams);
    body.set('decision', 'cancel');
    const res = await emu.fetch(`${url.origin}${url.pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    const loc = new URL(res.headers.get('location') ?? '');
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('xyz');
  });
});

describe('user consent', () => {
  it('creates the app’s service principal, without app roles, when a user of an unconsented tenant consents to Graph scopes', async () => {
    const fabrikam = emu.world.findTenant(TENANTS.fabrikam.domain);
    if (!fabrikam) throw new Error('no Fabrikam');
    emu.world.revokeConsent(fabrikam, emu.quorumApp.clientId);
    const before = await postToken(emu, TENANTS.fabrikam.id, {
      grant_type: 'client_credentials',
      client_id: emu.quorumApp.clientId,
      client_secret: emu.quorumApp.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(before.body.error_codes).toEqual([700016]);

    const url = authorizeUrl(TENANTS.fabrikam.id, {
      scope: 'https://graph.microsoft.com/Calendars.ReadWrite offline_access',
      code_challenge: pkce().challenge,
      code_challenge_method: 'S256',
    });
    const loc = await signIn(url, 'fabrikam.com', 'kim.akers@fabrikam.com');
    expect(loc.searchParams.get('code')).toBeTruthy();
    const sp = emu.world.servicePrincipal(fabrikam, emu.quorumApp.clientId);
    expect(sp).toMatchObject({ grantedAppRoles: [], delegatedConsent: true });

    const after = await postToken(emu, TENANTS.fabrikam.id, {
      grant_type: 'client_credentials',
      client_id: emu.quorumApp.clientId,
      client_secret: emu.quorumApp.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(after.status).toBe(200);
    expect(decodeJwt(String(after.body.access_token)).roles).toBeUndefined();
    emu.world.revokeConsent(fabrikam, emu.quorumApp.clientId);
  });
});
