import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestCertificate,
  type TestCertificate,
} from '../../support/emulator-certificates.js';
import {
  confidentialClient,
  control,
  grantConsent,
  GRAPH_DEFAULT_SCOPE,
  postToken,
  startEmulator,
  TENANTS,
  type TestEmulator,
} from '../../support/emulator.js';

let emu: TestEmulator;
let cert: TestCertificate;

beforeAll(async () => {
  emu = await startEmulator();
  await grantConsent(emu, TENANTS.contoso.id);
  await grantConsent(emu, TENANTS.fabrikam.id, { roles: ['User.Read.All'] });
  cert = await createTestCertificate();
  const { status } = await control(emu, 'POST', `/apps/${emu.quorumApp.clientId}/certificates`, {
    certPem: cert.certPem,
  });
  expect(status).toBe(201);
});
afterAll(async () => {
  await emu.close();
});

async function verifyWithJwks(token: string) {
  const res = await emu.fetch(`${emu.loginUrl}/common/discovery/v2.0/keys`);
  const jwks = createLocalJWKSet((await res.json()) as Parameters<typeof createLocalJWKSet>[0]);
  return jwtVerify(token, jwks, { algorithms: ['RS256'] });
}

describe('client credentials through msal-node', () => {
  it('issues a v1 Graph token with the claims of graph-facts §1.4', async () => {
    const cca = confidentialClient(emu);
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    expect(result?.fromCache).toBe(false);
    const { payload, protectedHeader } = await verifyWithJwks(result?.accessToken ?? '');
    const tenant = emu.world.findTenant(TENANTS.contoso.id);
    const sp = tenant && emu.world.servicePrincipal(tenant, emu.quorumApp.clientId);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: emu.keys.currentKid });
    expect(protectedHeader.x5t).toBe(emu.keys.currentKid);
    expect(payload).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${TENANTS.contoso.id}/`,
      ver: '1.0',
      appid: emu.quorumApp.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: sp?.id,
      sub: sp?.id,
      tid: TENANTS.contoso.id,
    });
    expect([...(payload.roles as string[])].sort()).toEqual(
      [
        'Calendars.ReadBasic',
        'Calendars.ReadWrite',
        'GroupMember.Read.All',
        'MailboxSettings.Read',
        'OnlineMeetingArtifact.Read.All',
        'Organization.Read.All',
        'Place.Read.All',
        'User.Read.All',
      ].sort(),
    );
    expect(payload.scp).toBeUndefined();
    const now = Date.now() / 1000;
    expect(payload.nbf).toBeLessThanOrEqual(now);
    expect((payload.exp ?? 0) - now).toBeGreaterThan(3500);
  });

  it('caches per tenant: tenant A again from cache, tenant B from the network, skipCache bypasses', async () => {
    const cca = confidentialClient(emu);
    const a = `${emu.loginUrl}/${TENANTS.contoso.id}`;
    const b = `${emu.loginUrl}/${TENANTS.fabrikam.id}`;
    const first = await cca.acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
      authority: a,
    });
    const again = await cca.acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
      authority: a,
    });
    const other = await cca.acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
      authority: b,
    });
    const skipped = await cca.acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
      authority: a,
      skipCache: true,
    });
    expect([first?.fromCache, again?.fromCache, other?.fromCache, skipped?.fromCache]).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(again?.accessToken).toBe(first?.accessToken);
    expect(skipped?.accessToken).not.toBe(first?.accessToken);
    expect(decodeJwt(other?.accessToken ?? '')).toMatchObject({
      tid: TENANTS.fabrikam.id,
      roles: ['User.Read.All'],
    });
  });

  it('authenticates with a certificate: PS256 + x5t#S256 (thumbprintSha256, x5c)', async () => {
    const cca = confidentialClient(emu, {
      credential: {
        clientCertificate: {
          thumbprintSha256: cert.thumbprintSha256,
          privateKey: cert.privateKeyPem,
          x5c: cert.certPem,
        },
      },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    expect(decodeJwt(result?.accessToken ?? '').appidacr).toBe('2');
  });

  it('authenticates with a certificate: RS256 + x5t (SHA-1 thumbprint)', async () => {
    const cca = confidentialClient(emu, {
      credential: {
        clientCertificate: { thumbprint: cert.thumbprint, privateKey: cert.privateKeyPem },
      },
    });
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    expect(decodeJwt(result?.accessToken ?? '').appidacr).toBe('2');
  });

  it('issues a token with no roles claim when consent granted none', async () => {
    await grantConsent(emu, TENANTS.publisher.id, { roles: [] });
    const cca = confidentialClient(emu, { tenant: TENANTS.publisher.id });
    const result = await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    expect(decodeJwt(result?.accessToken ?? '')).not.toHaveProperty('roles');
  });
});

describe('client credentials over raw HTTP', () => {
  it('accepts the secret in the body, ignoring the query string and unknown keys', async () => {
    const { status, body, headers } = await postToken(
      emu,
      TENANTS.contoso.domain,
      {
        client_id: emu.quorumApp.clientId,
        client_secret: emu.quorumApp.clientSecret,
        scope: GRAPH_DEFAULT_SCOPE,
        grant_type: 'client_credentials',
        'x-client-SKU': 'msal.js.node',
        'x-ms-lib-capability': 'retry-after, h429',
      },
      { query: '?client-request-id=0b9e3a5c-5f3e-4a70-9d7e-1f2a3b4c5d6e&grant_type=bogus' },
    );
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toContain('no-store');
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'expires_in', 'ext_expires_in', 'token_type'].sort(),
    );
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    expect(decodeProtectedHeader(String(body.access_token)).alg).toBe('RS256');
  });

  it('accepts the secret through HTTP Basic (form-urlencoded id and secret)', async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(emu.quorumApp.clientId)}:${encodeURIComponent(emu.quorumApp.clientSecret)}`,
    ).toString('base64');
    const { status, body } = await postToken(
      emu,
      TENANTS.contoso.id,
      { scope: GRAPH_DEFAULT_SCOPE, grant_type: 'client_credentials' },
      { headers: { authorization: `Basic ${basic}` } },
    );
    expect(status).toBe(200);
    expect(decodeJwt(String(body.access_token)).appidacr).toBe('1');
  });
});
