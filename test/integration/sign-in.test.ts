// Quorum's inbound auth against the emulated Entra ID: tokens minted by the emulator's authorize
// flow verify through the tenant's published JWKS, over HTTPS trusted only through the configured CA.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';

let quorum: TestQuorum;

beforeAll(async () => {
  quorum = await startQuorum();
});
afterAll(async () => {
  await quorum.close();
});

async function callWith(token: string, path = '/api/no-such-route') {
  const res = await fetch(`${quorum.url}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as { code: string } };
}

describe('sign-in with emulated Entra tokens', () => {
  it.each([
    ['contoso.com', 'adele.vance@contoso.com'],
    ['fabrikam.com', 'kim.akers@fabrikam.com'],
  ])('accepts a %s user token (the route then 404s, not 401)', async (tenant, upn) => {
    const { status, body } = await callWith(await quorum.tokenFor(tenant, upn));
    expect(status).toBe(404);
    expect(body.code).toBe('ERR_NOT_FOUND');
  });

  it('refuses a token minted for another audience with ERR_AUTH_AUDIENCE', async () => {
    const { body: minted } = await control<{ access_token: string }>(
      quorum.emulator,
      'POST',
      '/tokens/user',
      {
        tenant: 'contoso.com',
        upn: 'adele.vance@contoso.com',
        audience: '00000000-0000-0000-0000-000000000001',
      },
    );
    const { status, body } = await callWith(minted.access_token);
    expect(status).toBe(401);
    expect(body.code).toBe('ERR_AUTH_AUDIENCE');
  });

  it('refuses an expired token with ERR_AUTH_TOKEN_EXPIRED', async () => {
    const { body: minted } = await control<{ access_token: string }>(
      quorum.emulator,
      'POST',
      '/tokens/user',
      { tenant: 'contoso.com', upn: 'adele.vance@contoso.com', expiresInSeconds: -600 },
    );
    const { status, body } = await callWith(minted.access_token);
    expect(status).toBe(401);
    expect(body.code).toBe('ERR_AUTH_TOKEN_EXPIRED');
  });

  it('keeps accepting tokens signed before an emulator key rotation', async () => {
    const token = await quorum.tokenFor('contoso.com', 'megan.bowen@contoso.com');
    await control(quorum.emulator, 'POST', '/keys/rotate');
    expect((await callWith(token)).status).toBe(404);
  });
});
