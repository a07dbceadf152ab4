import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwksCache } from '../../../server/http/auth/jwks-cache.js';
import { createEntraTokenVerifier } from '../../../server/http/auth/token-verifier.js';
import { createFetch } from '../../../server/net/fetch.js';
import { startTestApp } from '../../support/app.js';
import { testConfig, TEST_CLIENT_ID } from '../../support/config.js';
import {
  startTestAuthority,
  TENANT_A,
  TENANT_B,
  USER_A,
  USER_B,
  type TestAuthority,
} from '../../support/entra.js';
import { createFakeClock } from '../../support/fake-clock.js';

const NOW = Math.floor(Date.now() / 1000);
const APP_ID_URI = `api://localhost:3443/${TEST_CLIENT_ID}`;

let authority: TestAuthority;
let server: Awaited<ReturnType<typeof startTestApp>>;

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function startWith(caPem: string | undefined) {
  const config = testConfig({ QUORUM_AUTHORITY_HOST: authority.authorityHost });
  const clock = createFakeClock(NOW * 1000);
  const tokenVerifier = createEntraTokenVerifier({
    authorityHost: config.authorityHost,
    clientId: config.clientId,
    appIdUri: config.apiAppIdUri,
    jwks: createJwksCache({
      authorityHost: config.authorityHost,
      fetch: createFetch(caPem === undefined ? {} : { caPem }),
    }),
    clock,
  });
  return startTestApp({ config, clock, tokenVerifier });
}

async function whoami(token: string | undefined, base = server.url, header?: string) {
  const headers: Record<string, string> = {};
  if (header !== undefined) headers.authorization = header;
  else if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/api/whoami`, { headers });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  authority = await startTestAuthority({ audience: TEST_CLIENT_ID, tenants: [TENANT_A, TENANT_B] });
  server = await startWith(authority.caPem);
});

afterAll(async () => {
  await server?.close();
  await authority?.close();
});

describe('Entra token verification over the remote JWKS', () => {
  it('accepts a v2 token for the client id and yields the caller keyed by tid and oid', async () => {
    const token = await authority.mint({
      now: NOW,
      claims: { wids: ['62e90394-69f5-4237-9190-012177145e10'] },
    });
    const { response, body } = await whoami(token);
    expect(response.status).toBe(200);
    expect(body).toEqual({
      tenantId: TENANT_A,
      objectId: USER_A,
      name: 'Ada Lovelace',
      preferredUsername: 'ada@contoso.example',
      directoryRoleIds: ['62e90394-69f5-4237-9190-012177145e10'],
    });
  });

  it('accepts a v1 token whose audience is the App ID URI and issuer is sts.windows.net', async () => {
    const token = await authority.mint({
      now: NOW,
      claims: { aud: APP_ID_URI, iss: `https://sts.windows.net/${TENANT_A}/`, ver: '1.0' },
    });
    const { response, body } = await whoami(token);
    expect(response.status).toBe(200);
    expect(body.tenantId).toBe(TENANT_A);
  });

  it('lets any tenant sign in and identifies a tenant B token as tenant B', async () => {
    const token = await authority.mint({
      now: NOW,
      claims: { tid: TENANT_B, oid: USER_B, iss: `${authority.authorityHost}/${TENANT_B}/v2.0` },
    });
    const { response, body } = await whoami(token);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ tenantId: TENANT_B, objectId: USER_B });
  });

  it('tolerates a minute of clock skew on exp', async () => {
    const token = await authority.mint({ now: NOW, claims: { exp: NOW - 30 } });
    expect((await whoami(token)).response.status).toBe(200);
  });

  it('fetches each tenant key set once and reuses it', async () => {
    const before = authority.jwksRequests();
    for (let i = 0; i < 3; i += 1) {
      expect((await whoami(await authority.mint({ now: NOW }))).response.status).toBe(200);
    }
    expect(authority.jwksRequests()).toBe(before);
  });

  const otherIssuer = () => `${authority.authorityHost}/${TENANT_B}/v2.0`;

  it.each<[string, () => Promise<string | undefined>, string | undefined, string, number]>([
    [
      'no Authorization header',
      () => Promise.resolve(undefined),
      undefined,
      'ERR_AUTH_TOKEN_MISSING',
      401,
    ],
    [
      'a Basic header',
      () => Promise.resolve(undefined),
      'Basic dXNlcjpwYXNz',
      'ERR_AUTH_TOKEN_MISSING',
      401,
    ],
    [
      'an empty Bearer header',
      () => Promise.resolve(undefined),
      'Bearer ',
      'ERR_AUTH_TOKEN_MISSING',
      401,
    ],
    [
      'a token that is not a JWT',
      () => Promise.resolve('not-a-jwt'),
      undefined,
      'ERR_AUTH_TOKEN_INVALID',
      401,
    ],
    [
      'an expired token',
      () => authority.mint({ now: NOW, claims: { exp: NOW - 3600 } }),
      undefined,
      'ERR_AUTH_TOKEN_EXPIRED',
      401,
    ],
    [
      'a token not yet valid',
      () => authority.mint({ now: NOW, claims: { nbf: NOW + 3600 } }),
      undefined,
      'ERR_AUTH_TOKEN_INVALID',
      401,
    ],
    [
      'a token for another API',
      () => authority.mint({ now: NOW, claims: { aud: 'https://graph.microsoft.com' } }),
      undefined,
      'ERR_AUTH_AUDIENCE',
      401,
    ],
    [
      "an issuer of another tenant than the token's tid",
      () => authority.mint({ now: NOW, claims: { iss: otherIssuer() } }),
      undefined,
      'ERR_AUTH_ISSUER',
      401,
    ],
    [
      'a v1 issuer of another tenant',
      () => authority.mint({ now: NOW, claims: { iss: `https://sts.windows.net/${TENANT_B}/` } }),
      undefined,
      'ERR_AUTH_ISSUER',
      401,
    ],
    [
      'an issuer on another authority host',
      () =>
        authority.mint({
          now: NOW,
          claims: { iss: `https://login.microsoftonline.com/${TENANT_A}/v2.0` },
        }),
      undefined,
      'ERR_AUTH_ISSUER',
      401,
    ],
    [
      'alg none',
      () =>
        Promise.resolve(
          `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ tid: TENANT_A, oid: USER_A, aud: TEST_CLIENT_ID, scp: 'access_as_user', exp: NOW + 600 })}.`,
        ),
      undefined,
      'ERR_AUTH_ALGORITHM',
      401,
    ],
    [
      'an HS256 token',
      () =>
        new SignJWT({ tid: TENANT_A, oid: USER_A, aud: TEST_CLIENT_ID, scp: 'access_as_user' })
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key-1' })
          .setExpirationTime(NOW + 600)
          .sign(new TextEncoder().encode('a-shared-secret-of-32-characters!!')),
      undefined,
      'ERR_AUTH_ALGORITHM',
      401,
    ],
    [
      'an unknown kid',
      () => authority.mint({ now: NOW, kid: 'rotated-away' }),
      undefined,
      'ERR_AUTH_KEY_UNKNOWN',
      401,
    ],
    [
      'a tenant the authority does not know',
      () =>
        authority.mint({
          now: NOW,
          claims: {
            tid: 'cccccccc-0000-4000-8000-00000000000c',
            iss: `${authority.authorityHost}/cccccccc-0000-4000-8000-00000000000c/v2.0`,
          },
        }),
      undefined,
      'ERR_AUTH_KEY_UNKNOWN',
      401,
    ],
    [
      'a signature by another key',
      async () => authority.mint({ now: NOW, key: (await generateKeyPair('RS256')).privateKey }),
      undefined,
      'ERR_AUTH_TOKEN_INVALID',
      401,
    ],
    [
      'a tid that is not a GUID',
      () => authority.mint({ now: NOW, claims: { tid: 'common' } }),
      undefined,
      'ERR_AUTH_TOKEN_INVALID',
      401,
    ],
    [
      'no oid',
      () => authority.mint({ now: NOW, claims: { oid: undefined } }),
      undefined,
      'ERR_AUTH_TOKEN_INVALID',
      401,
    ],
    [
      'no access_as_user scope',
      () => authority.mint({ now: NOW, claims: { scp: 'User.Read Calendars.Read' } }),
      undefined,
      'ERR_AUTH_SCOPE_MISSING',
      403,
    ],
    [
      'an app-only token with roles and no scp',
      () => authority.mint({ now: NOW, claims: { scp: undefined, roles: ['Calendars.Read'] } }),
      undefined,
      'ERR_AUTH_SCOPE_MISSING',
      403,
    ],
  ])('rejects %s', async (_, token, header, code, status) => {
    const { response, body } = await whoami(await token(), server.url, header);
    expect({ status: response.status, code: body.code }).toEqual({ status, code });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    const challenge = response.headers.get('www-authenticate');
    if (status === 401) {
      expect(challenge).toBe(
        header === undefined && code === 'ERR_AUTH_TOKEN_MISSING'
          ? 'Bearer'
          : 'Bearer error="invalid_token"',
      );
    } else {
      expect(challenge).toBe('Bearer error="insufficient_scope", scope="access_as_user"');
    }
  });

  it('answers 503 ERR_AUTH_KEYS_UNAVAILABLE when the authority certificate is not trusted', async () => {
    const untrusting = await startWith(undefined);
    try {
      const { response, body } = await whoami(await authority.mint({ now: NOW }), untrusting.url);
      expect({ status: response.status, code: body.code }).toEqual({
        status: 503,
        code: 'ERR_AUTH_KEYS_UNAVAILABLE',
      });
      expect(untrusting.logs.text()).toContain('ERR_AUTH_KEYS_UNAVAILABLE');
    } finally {
      await untrusting.close();
    }
  });
});
