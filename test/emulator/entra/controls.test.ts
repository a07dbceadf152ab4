import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confidentialClient,
  control,
  GRAPH_DEFAULT_SCOPE,
  startEmulator,
  TENANTS,
  type TestEmulator,
} from '../../support/emulator.js';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

interface Minted {
  access_token: string;
  expires_in: number;
  scope: string;
}

describe('POST /_emulator/tokens/user', () => {
  it('mints the v2 token Teams SSO would give Quorum, with wids for directory roles', async () => {
    const { status, body } = await control<Minted>(emu, 'POST', '/tokens/user', {
      tenant: TENANTS.contoso.domain,
      upn: 'alex.wilber@contoso.com',
    });
    expect(status).toBe(200);
    expect(body.expires_in).toBe(3599);
    const keys = await (await emu.fetch(`${emu.loginUrl}/common/discovery/v2.0/keys`)).json();
    const { payload } = await jwtVerify(
      body.access_token,
      createLocalJWKSet(keys as Parameters<typeof createLocalJWKSet>[0]),
      { audience: emu.quorumApp.clientId, issuer: `${emu.loginUrl}/${TENANTS.contoso.id}/v2.0` },
    );
    expect(payload).toMatchObject({ scp: 'access_as_user', ver: '2.0', name: 'Alex Wilber' });
    expect(payload.wids).toContain('e8611ab8-c189-46e8-94e1-60213ab1f814');
  });

  it('honours expiresInSeconds (negative = already expired), audience and a Teams client id', async () => {
    const { body } = await control<Minted>(emu, 'POST', '/tokens/user', {
      tenant: TENANTS.contoso.id,
      upn: 'adele.vance@contoso.com',
      expiresInSeconds: -60,
      audience: `api://localhost:3443/${emu.quorumApp.clientId}`,
      clientId: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    });
    const claims = decodeJwt(body.access_token);
    expect(claims.exp).toBeLessThan(Date.now() / 1000);
    expect(claims.aud).toBe(`api://localhost:3443/${emu.quorumApp.clientId}`);
    expect(claims.azp).toBe('5e3ce6c0-2b1f-4285-8d4b-75ee78787346');
  });

  it('mints a delegated Graph token when the scopes are Graph’s', async () => {
    const { body } = await control<Minted>(emu, 'POST', '/tokens/user', {
      tenant: TENANTS.fabrikam.id,
      upn: 'kim.akers@fabrikam.com',
      scopes: ['https://graph.microsoft.com/Calendars.ReadWrite'],
    });
    expect(decodeJwt(body.access_token)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      scp: 'Calendars.ReadWrite',
      ver: '1.0',
    });
  });

  it.each([
    ['no upn', { tenant: TENANTS.contoso.id }, 400],
    ['an unknown user', { tenant: TENANTS.contoso.id, upn: 'nobody@contoso.com' }, 404],
    ['an unknown tenant', { tenant: 'nowhere.example', upn: 'a@b.c' }, 404],
    [
      'a client that is not pre-authorized',
      {
        tenant: TENANTS.contoso.id,
        upn: 'adele.vance@contoso.com',
        clientId: '11111111-2222-4333-8444-555555555555',
      },
      400,
    ],
  ])('refuses %s with a JSON error', async (_, body, status) => {
    const res = await control<{ message: string }>(emu, 'POST', '/tokens/user', body);
    expect(res.status).toBe(status);
    expect(res.body.message).toEqual(expect.any(String));
  });
});

describe('app credentials and consent', () => {
  it('adds a secret that works, expires it, then deletes it', async () => {
    const app = `/apps/${emu.quorumApp.clientId}`;
    await control(emu, 'POST', `/tenants/${TENANTS.contoso.id}/consent`, {
      appId: emu.quorumApp.clientId,
    });
    const added = await control<{ keyId: string; value: string; endDateTime: string }>(
      emu,
      'POST',
      `${app}/secrets`,
      {
        expiresInDays: 10,
      },
    );
    expect(added.status).toBe(201);
    const cca = () => confidentialClient(emu, { credential: { clientSecret: added.body.value } });
    const ok = await cca().acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    expect(ok?.accessToken).toBeTruthy();
    await control(emu, 'POST', `${app}/secrets/${added.body.keyId}/expire`);
    await expect(
      cca().acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] }),
    ).rejects.toMatchObject({
      errorCode: 'invalid_client',
      errorMessage: expect.stringContaining('7000222'),
    });
    expect((await control(emu, 'DELETE', `${app}/secrets/${added.body.keyId}`)).status).toBe(204);
    expect((await control(emu, 'DELETE', `${app}/secrets/${added.body.keyId}`)).status).toBe(404);
  });

  it('revokes consent: the next token request answers AADSTS700016', async () => {
    const tenant = TENANTS.fabrikam.id;
    await control(emu, 'POST', `/tenants/${tenant}/consent`, {
      appId: emu.quorumApp.clientId,
      roles: ['User.Read.All'],
    });
    const cca = confidentialClient(emu, { tenant });
    expect(
      await cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] }),
    ).toBeTruthy();
    expect(
      (await control(emu, 'DELETE', `/tenants/${tenant}/consent/${emu.quorumApp.clientId}`)).status,
    ).toBe(204);
    await expect(
      cca.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE], skipCache: true }),
    ).rejects.toMatchObject({
      errorCode: 'unauthorized_client',
      errorMessage: expect.stringContaining('700016'),
    });
  });

  it('registers a single-tenant bring-your-own app usable only in its tenant', async () => {
    const { status, body } = await control<{
      appId: string;
      clientSecret: string;
      roles: string[];
    }>(emu, 'POST', '/apps', { tenant: TENANTS.fabrikam.domain, displayName: 'Fabrikam Quorum' });
    expect(status).toBe(201);
    expect(body.roles).toContain('Calendars.ReadWrite');
    const byo = (tenant: string) =>
      confidentialClient(emu, {
        tenant,
        clientId: body.appId,
        credential: { clientSecret: body.clientSecret },
      });
    const token = await byo(TENANTS.fabrikam.id).acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    expect(decodeJwt(token?.accessToken ?? '')).toMatchObject({
      appid: body.appId,
      tid: TENANTS.fabrikam.id,
    });
    await expect(
      byo(TENANTS.contoso.id).acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] }),
    ).rejects.toMatchObject({ errorCode: 'unauthorized_client' });
  });

  it('registers certificates and refuses what is not one', async () => {
    const app = `/apps/${emu.quorumApp.clientId}`;
    const bad = await control<{ message: string }>(emu, 'POST', `${app}/certificates`, {
      certPem: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('certPem');
    const missing = await control(emu, 'POST', `${app}/certificates`, {});
    expect(missing.status).toBe(400);
    expect((await control(emu, 'POST', '/apps/unknown-app/secrets', {})).status).toBe(404);
  });

  it('summarises the state', async () => {
    const { status, body } = await control<{
      tenants: { id: string; servicePrincipals: unknown[] }[];
      apps: { appId: string }[];
      signingKeys: string[];
    }>(emu, 'GET', '/state');
    expect(status).toBe(200);
    expect(body.tenants.map((t) => t.id)).toContain(TENANTS.contoso.id);
    expect(body.apps.map((a) => a.appId)).toContain(emu.quorumApp.clientId);
    expect(body.signingKeys).toHaveLength(1);
  });
});
