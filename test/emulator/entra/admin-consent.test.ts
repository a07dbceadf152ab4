import { decodeJwt } from 'jose';
import { expandTenantScenario } from '../../../emulator/world/scenario.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confidentialClient,
  GRAPH_DEFAULT_SCOPE,
  startEmulator,
  TENANTS,
  type TestEmulator,
} from '../../support/emulator.js';

let emu: TestEmulator;
// Microsoft ignores the port of localhost redirect URIs: registered is https://localhost:3443/….
const REDIRECT = 'https://localhost:4999/consent/callback';

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

function consentUrl(tenant: string, extra: Record<string, string> = {}, legacy = false): string {
  const params = new URLSearchParams({
    client_id: emu.quorumApp.clientId,
    scope: GRAPH_DEFAULT_SCOPE,
    redirect_uri: REDIRECT,
    state: 'st-123',
    ...extra,
  });
  if (legacy) params.delete('scope');
  return `${emu.loginUrl}/${tenant}/${legacy ? '' : 'v2.0/'}adminconsent?${params.toString()}`;
}

function userValue(tenant: string, upn: string): string {
  const t = emu.world.findTenant(tenant);
  const u = t && emu.world.findUser(t, upn);
  if (!t || !u) throw new Error(`no ${upn}`);
  return `${t.id}/${u.id}`;
}

/** Submits the consent form the way a browser would: the page's hidden fields plus the choice. */
async function submit(pageUrl: string, choice: Record<string, string>): Promise<URL> {
  const page = await emu.fetch(pageUrl);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
    (m) => [m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"')],
  );
  const res = await emu.fetch(new URL(action, emu.loginUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...fields, ...Object.entries(choice)]).toString(),
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

function sp(tenant: string) {
  const t = emu.world.findTenant(tenant);
  return t && emu.world.servicePrincipal(t, emu.quorumApp.clientId);
}

describe('admin consent (v2)', () => {
  it('shows an accessible consent page with the app, publisher, permissions and the tenant’s people', async () => {
    const res = await emu.fetch(consentUrl(TENANTS.contoso.domain));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain('<label for="login_user">');
    expect(html).toContain('<select id="login_user" name="login_user" required>');
    expect(html).toContain('Quorum');
    expect(html).toContain('Quorum (publisher)');
    expect(html).toContain('Calendars.ReadWrite');
    expect(html).toContain('Megan Bowen (megan.bowen@contoso.com)');
    expect(html).not.toContain('kim.akers@fabrikam.com');
    expect(html).toContain('name="decision" value="approve"');
    expect(html).toContain('name="decision" value="cancel"');
  });

  it('refuses a Teams Administrator with access_denied / AADSTS90094 and grants nothing', async () => {
    const location = await submit(consentUrl(TENANTS.contoso.id), {
      login_user: userValue(TENANTS.contoso.id, 'isaiah.langer@contoso.com'),
      decision: 'approve',
    });
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS90094: /);
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(sp(TENANTS.contoso.id)).toBeUndefined();
  });

  it('cancels with access_denied, AADSTS65004, admin_consent=True and the state', async () => {
    const location = await submit(consentUrl(TENANTS.contoso.id), {
      login_user: userValue(TENANTS.contoso.id, 'megan.bowen@contoso.com'),
      decision: 'cancel',
    });
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toMatch(
      /^AADSTS65004: .*\r\nTrace ID: .+\r\nCorrelation ID: .+\r\nTimestamp: .+Z$/s,
    );
    expect(location.searchParams.get('admin_consent')).toBe('True');
    expect(location.searchParams.get('state')).toBe('st-123');
    expect(sp(TENANTS.contoso.id)).toBeUndefined();
  });

  it('lets a Privileged Role Administrator approve: service principal created, success redirect', async () => {
    const location = await submit(consentUrl(TENANTS.contoso.domain), {
      login_user: userValue(TENANTS.contoso.id, 'alex.wilber@contoso.com'),
      decision: 'approve',
    });
    expect(Object.fromEntries(location.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: TENANTS.contoso.id,
      scope: GRAPH_DEFAULT_SCOPE,
      state: 'st-123',
    });
    expect(sp(TENANTS.contoso.id)?.grantedAppRoles).toContain('Calendars.ReadWrite');
    const token = await confidentialClient(emu).acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    expect(decodeJwt(token?.accessToken ?? '').roles).toContain('User.Read.All');
  });

  it('at /organizations lists every tenant and consents in the admin’s own tenant', async () => {
    const url = consentUrl('organizations');
    const html = await (await emu.fetch(url)).text();
    expect(html).toContain('<optgroup label="Fabrikam');
    expect(html).toContain('<optgroup label="Contoso');
    const location = await submit(url, {
      login_user: userValue(TENANTS.fabrikam.id, 'kim.akers@fabrikam.com'),
      decision: 'approve',
    });
    expect(location.searchParams.get('tenant')).toBe(TENANTS.fabrikam.id);
    expect(sp(TENANTS.fabrikam.id)).toBeDefined();
  });

  it('shows an error page (no redirect) for an unregistered redirect_uri', async () => {
    const res = await emu.fetch(
      consentUrl(TENANTS.contoso.id, { redirect_uri: 'https://evil.example/cb' }),
      {
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('AADSTS50011');
  });

  it.each([
    ['an unknown client_id', { client_id: '11111111-2222-4333-8444-555555555555' }, 'AADSTS700016'],
    ['an unknown tenant', {}, 'AADSTS90002'],
  ])('shows an error page for %s', async (_, extra, code) => {
    const tenant = code === 'AADSTS90002' ? 'nowhere.example' : TENANTS.contoso.id;
    const res = await emu.fetch(consentUrl(tenant, extra), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(code);
  });

  it('redirects invalid_request when scope lacks /.default', async () => {
    const res = await emu.fetch(
      consentUrl(TENANTS.contoso.id, { scope: 'https://graph.microsoft.com/User.Read' }),
      { redirect: 'manual' },
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('st-123');
  });
});

describe('large tenants', () => {
  it('lists at most 200 people, admins first, and accepts a typed account', async () => {
    const { tenant } = expandTenantScenario({
      tenant: {
        id: '7e57a11e-0000-4000-8000-000000000250',
        displayName: 'Big Corp',
        domains: ['bigcorp.onmicrosoft.com'],
        defaultDomain: 'bigcorp.onmicrosoft.com',
      },
      users: [
        ...Array.from({ length: 250 }, (_, i) => ({ upn: `user${i}`, displayName: `A User ${i}` })),
        { upn: 'zed.admin', displayName: 'Zed Admin', roles: ['globalAdministrator'] },
      ],
    });
    emu.world.addTenant(tenant);
    const url = consentUrl(tenant.id);
    const html = await (await emu.fetch(url)).text();
    expect(html.match(/<option /g)).toHaveLength(200);
    expect(html).toContain('Zed Admin (zed.admin@bigcorp.onmicrosoft.com)');
    expect(html).toContain('<label for="login_upn">');
    const location = await submit(url, {
      login_user: userValue(tenant.id, 'user0@bigcorp.onmicrosoft.com'),
      login_upn: 'zed.admin@bigcorp.onmicrosoft.com',
      decision: 'approve',
    });
    expect(location.searchParams.get('tenant')).toBe(tenant.id);
  });
});

describe('admin consent (legacy /adminconsent)', () => {
  it('answers tenant, state and admin_consent=True on approval', async () => {
    emu.world.revokeConsent(emu.world.findTenant(TENANTS.publisher.id)!, emu.quorumApp.clientId);
    const location = await submit(consentUrl('common', {}, true), {
      login_user: userValue(TENANTS.publisher.id, 'dev@quorumdev.onmicrosoft.com'),
      decision: 'approve',
    });
    expect(Object.fromEntries(location.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: TENANTS.publisher.id,
      state: 'st-123',
    });
  });

  it('answers permission_denied when the admin cancels', async () => {
    const location = await submit(consentUrl(TENANTS.contoso.id, {}, true), {
      login_user: userValue(TENANTS.contoso.id, 'megan.bowen@contoso.com'),
      decision: 'cancel',
    });
    expect(location.searchParams.get('error')).toBe('permission_denied');
    expect(location.searchParams.get('error_description')).toBe('The admin canceled the request');
  });
});
