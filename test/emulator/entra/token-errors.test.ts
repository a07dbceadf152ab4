import { ServerError, type ConfidentialClientApplication } from '@azure/msal-node';
import { importPKCS8, SignJWT } from 'jose';
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
let registered: TestCertificate;
let expiredCert: TestCertificate;
let expiredSecret: string;

beforeAll(async () => {
  emu = await startEmulator();
  await grantConsent(emu, TENANTS.contoso.id);
  const app = `/apps/${emu.quorumApp.clientId}`;
  registered = await createTestCertificate();
  expiredCert = await createTestCertificate({
    notBefore: new Date(Date.now() - 30 * 86_400_000),
    notAfter: new Date(Date.now() - 86_400_000),
  });
  for (const c of [registered, expiredCert]) {
    expect((await control(emu, 'POST', `${app}/certificates`, { certPem: c.certPem })).status).toBe(
      201,
    );
  }
  const secret = await control<{ keyId: string; value: string }>(emu, 'POST', `${app}/secrets`, {
    expiresInDays: 30,
  });
  expiredSecret = secret.body.value;
  expect((await control(emu, 'POST', `${app}/secrets/${secret.body.keyId}/expire`)).status).toBe(
    200,
  );
});
afterAll(async () => {
  await emu.close();
});

const quorumForm = () => ({
  client_id: emu.quorumApp.clientId,
  client_secret: emu.quorumApp.clientSecret,
  scope: GRAPH_DEFAULT_SCOPE,
  grant_type: 'client_credentials',
});

function expectAadstsShape(body: Record<string, unknown>, error: string, code: number): void {
  expect(Object.keys(body).sort()).toEqual(
    [
      'correlation_id',
      'error',
      'error_codes',
      'error_description',
      'error_uri',
      'timestamp',
      'trace_id',
    ].sort(),
  );
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
  expect(body.error_description).toMatch(
    new RegExp(
      `^AADSTS${code}: .+\\r\\nTrace ID: ${String(body.trace_id)}\\r\\nCorrelation ID: ${String(body.correlation_id)}\\r\\nTimestamp: ${String(body.timestamp)}$`,
      's',
    ),
  );
  expect(body.error_uri).toBe(`${emu.loginUrl}/error?code=${code}`);
}

async function msalFailure(
  cca: ConfidentialClientApplication,
  authority?: string,
): Promise<ServerError> {
  const err = await cca
    .acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE], authority, skipCache: true })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(ServerError);
  return err as ServerError;
}

async function assertion(
  cert: TestCertificate,
  claims: { aud?: string; iss?: string; sub?: string; exp?: number; nbf?: number },
): Promise<string> {
  const key = await importPKCS8(cert.privateKeyPem, 'PS256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: crypto.randomUUID() })
    .setProtectedHeader({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': Buffer.from(cert.thumbprintSha256, 'hex').toString('base64url'),
    })
    .setAudience(claims.aud ?? `${emu.loginUrl}/${TENANTS.contoso.id}/oauth2/v2.0/token`)
    .setIssuer(claims.iss ?? emu.quorumApp.clientId)
    .setSubject(claims.sub ?? emu.quorumApp.clientId)
    .setNotBefore(claims.nbf ?? now)
    .setIssuedAt(now)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(key);
}

describe('AADSTS errors through msal-node (ServerError.errorCode and the AADSTS number)', () => {
  it.each([
    [
      'wrong secret',
      () => confidentialClient(emu, { credential: { clientSecret: 'nope' } }),
      'invalid_client',
      7000215,
      401,
    ],
    [
      'expired secret',
      () => confidentialClient(emu, { credential: { clientSecret: expiredSecret } }),
      'invalid_client',
      7000222,
      401,
    ],
    [
      'app not in tenant',
      () => confidentialClient(emu, { tenant: TENANTS.fabrikam.id }),
      'unauthorized_client',
      700016,
      400,
    ],
    [
      'expired certificate',
      () =>
        confidentialClient(emu, {
          credential: {
            clientCertificate: {
              thumbprintSha256: expiredCert.thumbprintSha256,
              privateKey: expiredCert.privateKeyPem,
            },
          },
        }),
      'invalid_client',
      700027,
      401,
    ],
  ])('%s → %s AADSTS%s', async (_, build, errorCode, aadsts, status) => {
    const err = await msalFailure(build());
    expect(err.errorCode).toBe(errorCode);
    expect(err.errorMessage).toContain(String(aadsts));
    expect(err.status).toBe(status);
  });

  it('refuses a disabled app with AADSTS7000112 until it is enabled again', async () => {
    const path = `/apps/${emu.quorumApp.clientId}`;
    await control(emu, 'PATCH', path, { disabled: true });
    const err = await msalFailure(confidentialClient(emu));
    expect(err.errorCode).toBe('unauthorized_client');
    expect(err.errorMessage).toContain('7000112');
    await control(emu, 'PATCH', path, { disabled: false });
    const ok = await confidentialClient(emu).acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    expect(ok?.accessToken).toBeTruthy();
  });
});

describe('AADSTS errors over raw HTTP (status and full body shape)', () => {
  const other = () => ({ ...quorumForm(), client_secret: undefined as unknown as string });
  it.each<[string, () => Record<string, string>, string | undefined, number, string, number]>([
    [
      'wrong secret',
      () => ({ ...quorumForm(), client_secret: 'wrong' }),
      undefined,
      401,
      'invalid_client',
      7000215,
    ],
    [
      'secret id sent instead of value',
      () => ({ ...quorumForm(), client_secret: 'b0c1d2e3-f4a5-4b6c-9d8e-7f6a5b4c3d2e' }),
      undefined,
      401,
      'invalid_client',
      7000215,
    ],
    [
      'expired secret',
      () => ({ ...quorumForm(), client_secret: expiredSecret }),
      undefined,
      401,
      'invalid_client',
      7000222,
    ],
    [
      'no service principal in the tenant',
      () => quorumForm(),
      TENANTS.fabrikam.id,
      400,
      'unauthorized_client',
      700016,
    ],
    [
      'unknown app',
      () => ({ ...quorumForm(), client_id: '11111111-2222-4333-8444-555555555555' }),
      undefined,
      400,
      'unauthorized_client',
      700016,
    ],
    [
      'scope without /.default',
      () => ({ ...quorumForm(), scope: 'https://graph.microsoft.com/User.Read.All' }),
      undefined,
      400,
      'invalid_scope',
      1002012,
    ],
    [
      'unknown resource',
      () => ({ ...quorumForm(), scope: 'https://foo.microsoft.com/.default' }),
      undefined,
      400,
      'invalid_scope',
      70011,
    ],
    [
      'two resources',
      () => ({
        ...quorumForm(),
        scope: `${GRAPH_DEFAULT_SCOPE} ${emu.quorumApp.clientId}/.default`,
      }),
      undefined,
      400,
      'invalid_scope',
      70011,
    ],
    ['unknown tenant', () => quorumForm(), 'nowhere.example', 400, 'invalid_request', 90002],
    [
      'client credentials at /common',
      () => quorumForm(),
      'common',
      400,
      'invalid_request',
      9001023,
    ],
    [
      'no credential',
      () => JSON.parse(JSON.stringify(other())) as Record<string, string>,
      undefined,
      401,
      'invalid_client',
      7000216,
    ],
    [
      'no grant_type',
      () => ({ ...quorumForm(), grant_type: '' }),
      undefined,
      400,
      'invalid_request',
      900144,
    ],
    [
      'unsupported grant_type',
      () => ({ ...quorumForm(), grant_type: 'password' }),
      undefined,
      400,
      'unsupported_grant_type',
      70003,
    ],
  ])('%s → %s', async (_, form, tenant, status, error, code) => {
    const res = await postToken(emu, tenant ?? TENANTS.contoso.id, form());
    expect(res.status).toBe(status);
    expectAadstsShape(res.body, error, code);
  });

  it('echoes client-request-id as the correlation id', async () => {
    const id = '0b9e3a5c-5f3e-4a70-9d7e-1f2a3b4c5d6e';
    const res = await postToken(
      emu,
      TENANTS.contoso.id,
      { ...quorumForm(), client_secret: 'x' },
      {
        query: `?client-request-id=${id}`,
      },
    );
    expect(res.body.correlation_id).toBe(id);
  });

  const assertionForm = (a: string) => ({
    client_id: emu.quorumApp.clientId,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: a,
    scope: GRAPH_DEFAULT_SCOPE,
    grant_type: 'client_credentials',
  });

  it('accepts a well-formed PS256 assertion', async () => {
    const res = await postToken(
      emu,
      TENANTS.contoso.id,
      assertionForm(await assertion(registered, {})),
    );
    expect(res.status).toBe(200);
  });

  it.each<[string, () => Promise<string>, number, string]>([
    [
      'an unregistered certificate',
      async () => assertion(await createTestCertificate(), {}),
      700027,
      'The key was not found',
    ],
    [
      'a signature by another key',
      async () => {
        const impostor = await createTestCertificate();
        const token = await assertion(
          { ...impostor, thumbprintSha256: registered.thumbprintSha256 },
          {},
        );
        return token;
      },
      700027,
      'Client assertion failed signature validation.',
    ],
    ['an expired certificate', () => assertion(expiredCert, {}), 700027, 'The key used is expired'],
    [
      'another tenant’s token endpoint as aud',
      () =>
        assertion(registered, { aud: `${emu.loginUrl}/${TENANTS.fabrikam.id}/oauth2/v2.0/token` }),
      700027,
      'audience',
    ],
    [
      'iss not the client id',
      () => assertion(registered, { iss: 'someone-else' }),
      700021,
      "doesn't match 'client_id'",
    ],
    [
      'sub not the client id',
      () => assertion(registered, { sub: 'someone-else' }),
      700021,
      "doesn't match 'client_id'",
    ],
    [
      'exp in the past',
      () =>
        assertion(registered, {
          exp: Math.floor(Date.now() / 1000) - 60,
          nbf: Math.floor(Date.now() / 1000) - 600,
        }),
      700024,
      'valid time range',
    ],
    [
      'nbf in the future',
      () => assertion(registered, { nbf: Math.floor(Date.now() / 1000) + 600 }),
      700024,
      'valid time range',
    ],
    ['a malformed assertion', async () => 'not.a.jwt', 50027, 'invalid or malformed'],
  ])('refuses an assertion with %s', async (_, make, code, text) => {
    const res = await postToken(emu, TENANTS.contoso.id, assertionForm(await make()));
    expect(res.status).toBe(401);
    expectAadstsShape(res.body, 'invalid_client', code);
    expect(String(res.body.error_description)).toContain(text);
  });
});

describe('injected token faults', () => {
  it('fails the next N requests with Retry-After, then recovers (msal throttles only that long)', async () => {
    const injected = await control(emu, 'POST', '/faults/token', { status: 503, count: 2 });
    expect(injected.status).toBe(201);
    const raw = await postToken(emu, TENANTS.contoso.id, quorumForm());
    expect(raw.status).toBe(503);
    expect(raw.headers.get('retry-after')).toBe('1');
    expectAadstsShape(raw.body, 'temporarily_unavailable', 90033);
    const err = await msalFailure(confidentialClient(emu));
    expect(err.errorCode).toBe('temporarily_unavailable');
    const ok = await confidentialClient(emu).acquireTokenByClientCredential({
      scopes: [GRAPH_DEFAULT_SCOPE],
    });
    expect(ok?.accessToken).toBeTruthy();
  });

  it('rejects a malformed fault with a 400 naming the field', async () => {
    const res = await control<{ message: string }>(emu, 'POST', '/faults/token', { status: 200 });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^status: /);
  });
});
