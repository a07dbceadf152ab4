// J1.1 end to end: an org admin asks for an activation link, a tenant admin consents on the
// emulated Microsoft page, and Quorum's callback verifies and connects the tenant.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { followActivationLink, pageMessage, quorumPage } from '../connections/support.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const KIM = 'kim.akers@fabrikam.com';
const DEV = { tenant: 'quorumdev.onmicrosoft.com', upn: 'dev@quorumdev.onmicrosoft.com' };

let quorum: TestQuorum;

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
});
afterAll(async () => {
  await quorum?.close();
});

interface ConnectionList {
  connections: {
    id: string;
    tenantId: string;
    enabled: boolean;
    health: { state: string };
    [k: string]: unknown;
  }[];
  alerts: unknown[];
}

describe('activation link', () => {
  it('gives a tenant admin who signs in before consenting an org without a connection', async () => {
    const res = await quorum.api<ConnectionList>(MEGAN, 'GET', '/api/org/connections');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ connections: [], alerts: [] });
  });

  it('builds the v2 admin-consent URL with a signed state expiring in 24 hours', async () => {
    const res = await quorum.api<{ url: string; expiresAt: string }>(
      MEGAN,
      'POST',
      '/api/org/connections/consent-link',
      {},
    );
    expect(res.status).toBe(201);
    const url = new URL(res.body.url);
    expect(`${url.origin}${url.pathname}`).toBe(
      `${quorum.emulator.loginUrl}/organizations/v2.0/adminconsent`,
    );
    expect(url.searchParams.get('client_id')).toBe(quorum.config.clientId);
    expect(url.searchParams.get('scope')).toBe('https://graph.microsoft.com/.default');
    expect(url.searchParams.get('redirect_uri')).toBe(
      `${quorum.config.publicUrl}/consent/callback`,
    );
    expect(url.searchParams.get('state')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const hours = (Date.parse(res.body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it("connects the org's own tenant when its admin consents", async () => {
    const link = await quorum.api<{ url: string }>(
      MEGAN,
      'POST',
      '/api/org/connections/consent-link',
      {},
    );
    const { final } = await followActivationLink(quorum, link.body.url, { consentAs: MEGAN.upn });
    expect(final.status).toBe(200);
    expect(final.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(pageMessage(final)).toMatchObject({
      ok: true,
      status: 'connected',
      tenantId: TENANTS.contoso.id,
    });
    const list = await quorum.api<ConnectionList>(MEGAN, 'GET', '/api/org/connections');
    expect(list.body.connections).toHaveLength(1);
    expect(list.body.connections[0]).toMatchObject({
      tenantId: TENANTS.contoso.id,
      displayName: 'Contoso',
      enabled: true,
      tier: 'attendance',
      credential: { kind: 'platform' },
      health: { state: 'healthy', reason: null },
    });
    expect(list.body.connections[0]!.verifiedDomains).toContain('contoso.com');
  });
});

async function link(as = MEGAN, mode: 'page' | 'popup' = 'page'): Promise<string> {
  const res = await quorum.api<{ url: string }>(as, 'POST', '/api/org/connections/consent-link', {
    mode,
  });
  expect(res.status).toBe(201);
  return res.body.url;
}

async function orgIdOf(as: { tenant: string; upn: string }): Promise<string> {
  const tenantId = quorum.emulator.tenantId(as.tenant);
  const orgId = await quorum.services.store.findOrgByTenant(tenantId);
  if (!orgId) throw new Error(`no org holds ${as.tenant}`);
  return orgId;
}

async function auditActions(orgId: string): Promise<string[]> {
  const page = await quorum.services.store.listAudit(orgId, { limit: 1000 });
  return page.entries.map((e) => e.action).reverse();
}

/** A state signed with Quorum's real key, to reach the checks after the signature. */
async function signedState(claims: { org: string; sub: string; exp: number }): Promise<string> {
  const key = await quorum.services.store.readSystemSecret('consent-state-key');
  return new SignJWT({ org: claims.org, mode: 'page' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('quorum')
    .setAudience('quorum:consent')
    .setSubject(claims.sub)
    .setJti(crypto.randomUUID())
    .setIssuedAt(claims.exp - 86_400)
    .setExpirationTime(claims.exp)
    .sign(Buffer.from(key!, 'base64'));
}

function callbackUrl(params: Record<string, string>): string {
  return `${quorum.config.publicUrl}/consent/callback?${new URLSearchParams(params).toString()}`;
}

describe('activation link for a tenant the org does not hold', () => {
  it('asks the tenant admin to sign in, then connects the second tenant to the same org', async () => {
    const { final } = await followActivationLink(quorum, await link(), { consentAs: KIM });
    expect(final.status).toBe(200);
    expect(pageMessage(final)).toMatchObject({ ok: true, tenantId: TENANTS.fabrikam.id });
    const list = await quorum.api<ConnectionList>(MEGAN, 'GET', '/api/org/connections');
    expect(list.body.connections.map((c) => c.tenantId).sort()).toEqual(
      [TENANTS.contoso.id, TENANTS.fabrikam.id].sort(),
    );
    expect(await auditActions(await orgIdOf(MEGAN))).toEqual(
      expect.arrayContaining([
        'consent_link.created',
        'connection.created',
        'connection.verified',
        'connection.enabled',
      ]),
    );
  });

  it('refuses a sign-in by someone who is not a tenant admin, and keeps the tenant where it is', async () => {
    const devOrg = await quorum.api(DEV, 'GET', '/api/org/connections');
    expect(devOrg.status).toBe(200);
    const { final } = await followActivationLink(quorum, await link(DEV), {
      consentAs: KIM,
      signInAs: 'pat.kowalski@fabrikam.com',
    });
    expect(final.status).toBe(403);
    expect(pageMessage(final)).toMatchObject({ ok: false, code: 'ERR_CONSENT_NOT_TENANT_ADMIN' });
    expect(await quorum.services.store.findOrgByTenant(TENANTS.fabrikam.id)).toBe(
      await orgIdOf(MEGAN),
    );
  });

  it('moves a tenant another org holds when its admin proves control, audited in both orgs', async () => {
    const from = await orgIdOf(MEGAN);
    const { final } = await followActivationLink(quorum, await link(DEV), { consentAs: KIM });
    expect(final.status).toBe(200);
    const to = await orgIdOf(DEV);
    expect(await quorum.services.store.findOrgByTenant(TENANTS.fabrikam.id)).toBe(to);
    expect(await auditActions(from)).toContain('tenant.transferred_out');
    expect(await auditActions(to)).toContain('tenant.transferred_in');
    const left = await quorum.api<ConnectionList>(MEGAN, 'GET', '/api/org/connections');
    expect(left.body.connections.map((c) => c.tenantId)).toEqual([TENANTS.contoso.id]);
  });
});

describe('consent callback refusals', () => {
  it.each([
    ['no state', {}, 400, 'ERR_CONSENT_CALLBACK_INVALID'],
    [
      'a forged state',
      {
        admin_consent: 'True',
        tenant: TENANTS.contoso.id,
        state: 'eyJhbGciOiJIUzI1NiJ9.e30.forged',
      },
      400,
      'ERR_CONSENT_STATE_INVALID',
    ],
  ])('answers %s with a clear page and its code', async (_, params, status, code) => {
    const page = await quorumPage(quorum, callbackUrl(params));
    expect(page.status).toBe(status);
    expect(page.body).toContain(code);
    expect(pageMessage(page)).toMatchObject({ ok: false, code });
  });

  it('refuses a state whose signature was altered', async () => {
    const state = new URL(await link()).searchParams.get('state')!;
    const tampered = `${state.slice(0, -2)}${state.endsWith('AA') ? 'BB' : 'AA'}`;
    const page = await quorumPage(
      quorum,
      callbackUrl({ admin_consent: 'True', tenant: TENANTS.contoso.id, state: tampered }),
    );
    expect(pageMessage(page)).toMatchObject({ code: 'ERR_CONSENT_STATE_INVALID' });
  });

  it('refuses a replayed callback', async () => {
    const { final, consentCallback } = await followActivationLink(quorum, await link(), {
      consentAs: MEGAN.upn,
    });
    expect(final.status).toBe(200);
    const again = await quorumPage(quorum, consentCallback);
    expect(again.status).toBe(409);
    expect(pageMessage(again)).toMatchObject({ code: 'ERR_CONSENT_STATE_REPLAYED' });
  });

  it('refuses an expired state', async () => {
    const megan = await quorum.api<{ member: { id: string } }>(
      MEGAN,
      'GET',
      '/api/org/connections',
    );
    expect(megan.status).toBe(200);
    const org = await orgIdOf(MEGAN);
    const member = (await quorum.services.members.all(org)).find((m) => m.email === MEGAN.upn)!;
    const state = await signedState({
      org,
      sub: member.id,
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    const page = await quorumPage(
      quorum,
      callbackUrl({ admin_consent: 'True', tenant: TENANTS.contoso.id, state }),
    );
    expect(page.status).toBe(400);
    expect(pageMessage(page)).toMatchObject({ code: 'ERR_CONSENT_STATE_EXPIRED' });
  });

  it("refuses a state bound to another org's member", async () => {
    const contosoOrg = await orgIdOf(MEGAN);
    const devOrg = await orgIdOf(DEV);
    const megan = (await quorum.services.members.all(contosoOrg)).find(
      (m) => m.email === MEGAN.upn,
    )!;
    const state = await signedState({
      org: devOrg,
      sub: megan.id,
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const page = await quorumPage(
      quorum,
      callbackUrl({ admin_consent: 'True', tenant: TENANTS.contoso.id, state }),
    );
    expect(page.status).toBe(403);
    expect(pageMessage(page)).toMatchObject({ code: 'ERR_CONSENT_STATE_ORG_MISMATCH' });
  });

  it("shows Entra's error when the admin declines, and the link still works afterwards", async () => {
    const url = await link(MEGAN, 'popup');
    const { final } = await followActivationLink(quorum, url, {
      consentAs: MEGAN.upn,
      decision: 'cancel',
    });
    expect(final.status).toBe(400);
    expect(pageMessage(final)).toMatchObject({
      ok: false,
      status: 'failed',
      code: 'ERR_CONSENT_DENIED',
    });
    expect(final.body).toContain('access_denied');
    expect(final.body).toContain('Close this window');
    const retried = await followActivationLink(quorum, url, { consentAs: MEGAN.upn });
    expect(retried.final.status).toBe(200);
  });
});
