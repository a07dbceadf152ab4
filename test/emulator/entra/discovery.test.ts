import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, TENANTS, type TestEmulator } from '../../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await emu.fetch(`${emu.loginUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('OpenID discovery', () => {
  it.each([
    ['tenant id', TENANTS.contoso.id],
    ['verified domain', TENANTS.contoso.domain],
    ['initial domain', 'contoso.onmicrosoft.com'],
  ])('resolves a tenant named by its %s to its GUID', async (_, name) => {
    const { status, body } = await getJson(`/${name}/v2.0/.well-known/openid-configuration`);
    expect(status).toBe(200);
    const base = `${emu.loginUrl}/${TENANTS.contoso.id}`;
    expect(body).toMatchObject({
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('publishes the {tenantid} issuer template for organizations and common', async () => {
    for (const alias of ['organizations', 'common']) {
      const { body } = await getJson(`/${alias}/v2.0/.well-known/openid-configuration`);
      expect(body.issuer).toBe(`${emu.loginUrl}/{tenantid}/v2.0`);
      expect(body.token_endpoint).toBe(`${emu.loginUrl}/${alias}/oauth2/v2.0/token`);
    }
  });

  it('answers AADSTS90002 for an unknown tenant', async () => {
    const { status, body } = await getJson(
      '/nowhere.example/v2.0/.well-known/openid-configuration',
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('serves the same RS256 key set per tenant and at /common', async () => {
    const a = await getJson(`/${TENANTS.contoso.id}/discovery/v2.0/keys`);
    const b = await getJson('/common/discovery/v2.0/keys');
    expect(a.body).toEqual(b.body);
    const keys = a.body.keys as { kty: string; use: string; kid: string; alg: string }[];
    expect(keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    expect(keys[0]?.kid).toBe(emu.keys.currentKid);
  });

  it('keeps tokens signed before a key rotation verifiable', async () => {
    const mint = async () => {
      const res = await emu.fetch(`${emu.loginUrl}/_emulator/tokens/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: TENANTS.contoso.domain, upn: 'adele.vance@contoso.com' }),
      });
      return ((await res.json()) as { access_token: string }).access_token;
    };
    const before = await mint();
    const rotated = await emu.fetch(`${emu.loginUrl}/_emulator/keys/rotate`, { method: 'POST' });
    const { kid, keys } = (await rotated.json()) as { kid: string; keys: string[] };
    expect(keys).toHaveLength(2);
    const after = await mint();
    const jwks = createLocalJWKSet(
      (await getJson('/common/discovery/v2.0/keys')).body as unknown as Parameters<
        typeof createLocalJWKSet
      >[0],
    );
    for (const token of [before, after]) {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: `${emu.loginUrl}/${TENANTS.contoso.id}/v2.0`,
        audience: emu.quorumApp.clientId,
        algorithms: ['RS256'],
      });
      expect(payload.tid).toBe(TENANTS.contoso.id);
    }
    const { protectedHeader } = await jwtVerify(after, jwks);
    expect(protectedHeader.kid).toBe(kid);
  });
});
