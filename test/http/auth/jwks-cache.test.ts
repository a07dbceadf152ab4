import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwksCache, TenantKeysNotFound } from '../../../server/http/auth/jwks-cache.js';
import { createFetch, type Fetch } from '../../../server/net/fetch.js';
import { startTestAuthority, TENANT_A, TENANT_B, type TestAuthority } from '../../support/entra.js';
import { TEST_CLIENT_ID } from '../../support/config.js';

let authority: TestAuthority;
let fetch: Fetch;
let fetched: string[];

beforeAll(async () => {
  authority = await startTestAuthority({ audience: TEST_CLIENT_ID, tenants: [TENANT_A, TENANT_B] });
  const base = createFetch({ caPem: authority.caPem });
  fetch = (input, init) => {
    fetched.push(String(input));
    return base(input, init);
  };
});

afterAll(async () => {
  await authority?.close();
});

const header = { alg: 'RS256', kid: 'test-key-1' };
const token = { payload: '', signature: '' };

describe('createJwksCache', () => {
  it('fetches {authority}/{tid}/discovery/v2.0/keys once per tenant', async () => {
    fetched = [];
    const jwks = createJwksCache({ authorityHost: authority.authorityHost, fetch });
    await jwks(TENANT_A)(header, token);
    await jwks(TENANT_A)(header, token);
    await jwks(TENANT_B)(header, token);
    expect(fetched).toEqual([
      `${authority.authorityHost}/${TENANT_A}/discovery/v2.0/keys`,
      `${authority.authorityHost}/${TENANT_B}/discovery/v2.0/keys`,
    ]);
  });

  it('keeps at most maxTenants key sets, dropping the least recently used', async () => {
    fetched = [];
    const jwks = createJwksCache({ authorityHost: authority.authorityHost, fetch, maxTenants: 1 });
    await jwks(TENANT_A)(header, token);
    await jwks(TENANT_B)(header, token);
    await jwks(TENANT_A)(header, token);
    expect(fetched).toHaveLength(3);
  });

  it('reports a tenant the authority does not know and does not keep it', async () => {
    fetched = [];
    const unknown = 'cccccccc-0000-4000-8000-00000000000c';
    const jwks = createJwksCache({ authorityHost: authority.authorityHost, fetch });
    await expect(jwks(unknown)(header, token)).rejects.toBeInstanceOf(TenantKeysNotFound);
    await expect(jwks(unknown)(header, token)).rejects.toBeInstanceOf(TenantKeysNotFound);
    expect(fetched).toHaveLength(2);
  });
});
