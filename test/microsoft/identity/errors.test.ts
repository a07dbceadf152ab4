// Every way Entra (or the way to it) can fail becomes an IdentityError with a stable code, the AADSTS
// number and Microsoft's trace ids — checked against a scripted HTTPS token endpoint through msal.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../../server/net/fetch.js';
import {
  createIdentity,
  generateCertificateCredential,
  IdentityError,
  type AppCredential,
  type Identity,
} from '../../../server/microsoft/identity/index.js';
import {
  aadstsAnswer,
  startScriptedEntra,
  tokenAnswer,
  type ScriptedEntra,
} from './scripted-entra.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const CLIENT_ID = '33333333-3333-4333-8333-333333333333';
const TRACE_ID = '0a1b2c3d-0000-4000-8000-00000000aaaa';
const CORRELATION_ID = '0a1b2c3d-0000-4000-8000-00000000cccc';
const secret: AppCredential = { kind: 'secret', clientId: CLIENT_ID, secret: 'the-secret' };

let entra: ScriptedEntra;

beforeAll(async () => {
  entra = await startScriptedEntra();
});
afterAll(async () => {
  await entra.close();
});
afterEach(() => {
  entra.tokenRequests.length = 0;
  entra.metadataRequests.length = 0;
  entra.script = (request) => tokenAnswer(request.tenant);
  entra.metadataScript = () => undefined;
});

/** A fresh identity per case: msal's throttle cache must not carry one case's failure into the next. */
function freshIdentity(trustCa = true): Identity {
  const fetch = createFetch(trustCa ? { caPem: entra.ca.certPem } : {});
  return createIdentity({ authorityHost: entra.origin, fetch });
}

async function failure(promise: Promise<unknown>): Promise<IdentityError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof IdentityError))
    throw new Error(`expected an IdentityError, got ${String(error)}`);
  return error;
}

describe('AADSTS answers', () => {
  it.each([
    ['wrong secret', 401, 'invalid_client', 7000215, 'ERR_IDENTITY_SECRET_INVALID'],
    ['expired secret', 401, 'invalid_client', 7000222, 'ERR_IDENTITY_SECRET_EXPIRED'],
    ['app not in tenant', 400, 'unauthorized_client', 700016, 'ERR_IDENTITY_APP_NOT_IN_TENANT'],
    ['bad assertion signature', 401, 'invalid_client', 700027, 'ERR_IDENTITY_ASSERTION_INVALID'],
    [
      'assertion out of its time range',
      401,
      'invalid_client',
      700024,
      'ERR_IDENTITY_ASSERTION_INVALID',
    ],
    ['thumbprint not registered', 401, 'invalid_client', 50012, 'ERR_IDENTITY_ASSERTION_INVALID'],
    ['unknown tenant', 400, 'invalid_request', 90002, 'ERR_IDENTITY_TENANT_NOT_FOUND'],
    ['scope without /.default', 400, 'invalid_scope', 1002012, 'ERR_IDENTITY_SCOPE_INVALID'],
    ['invalid scope', 400, 'invalid_scope', 70011, 'ERR_IDENTITY_SCOPE_INVALID'],
    ['app disabled', 400, 'unauthorized_client', 7000112, 'ERR_IDENTITY_APP_DISABLED'],
    ['no credential', 401, 'invalid_client', 7000216, 'ERR_IDENTITY_CREDENTIAL_MISSING'],
    ['an unlisted AADSTS', 400, 'invalid_request', 90100, 'ERR_IDENTITY_UNKNOWN'],
  ])('maps %s (%i %s AADSTS%i) to %s', async (_, status, error, aadsts, code) => {
    entra.script = () => aadstsAnswer(status, error, aadsts, 'Described by Entra.');
    const err = await failure(freshIdentity().getGraphToken(secret, TENANT));
    expect(err).toMatchObject({
      code,
      aadsts,
      msalErrorCode: error,
      status,
      clientId: CLIENT_ID,
      tenantId: TENANT,
      correlationId: CORRELATION_ID,
      traceId: TRACE_ID,
      throttledLocally: false,
      transient: false,
    });
    expect(err.message).toContain(`AADSTS${aadsts}: Described by Entra.`);
    expect(err.message).not.toContain('Trace ID');
    expect(err.retryAfterSeconds).toBeUndefined();
    expect(err.certificateExpired).toBeUndefined();
  });

  it('says whether the certificate had expired when Entra refuses its assertion', async () => {
    const day = 86_400_000;
    const lapsed = await generateCertificateCredential({
      subject: 'lapsed',
      validDays: 1,
      clock: { now: () => Date.now() - 3 * day },
    });
    const current = await generateCertificateCredential({ subject: 'current', validDays: 1 });
    entra.script = () =>
      aadstsAnswer(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    const asCredential = (c: typeof lapsed): AppCredential => ({
      kind: 'certificate',
      clientId: CLIENT_ID,
      privateKeyPem: c.privateKeyPem,
      certificatePem: c.certificatePem,
    });
    const identity = freshIdentity();
    const expired = await failure(identity.getGraphToken(asCredential(lapsed), TENANT));
    const valid = await failure(identity.getGraphToken(asCredential(current), TENANT));
    expect(expired).toMatchObject({
      code: 'ERR_IDENTITY_ASSERTION_INVALID',
      certificateExpired: true,
    });
    expect(valid).toMatchObject({
      code: 'ERR_IDENTITY_ASSERTION_INVALID',
      certificateExpired: false,
    });
  });

  it('keeps the AADSTS number when msal replays a throttled failure without asking', async () => {
    entra.script = () =>
      aadstsAnswer(401, 'invalid_client', 7000215, 'Invalid client secret provided.', {
        'Retry-After': '30',
      });
    const identity = freshIdentity();
    const first = await failure(identity.getGraphToken(secret, TENANT));
    const replay = await failure(identity.getGraphToken(secret, TENANT, { skipCache: true }));
    expect(first).toMatchObject({ code: 'ERR_IDENTITY_SECRET_INVALID', retryAfterSeconds: 30 });
    expect(replay).toMatchObject({
      code: 'ERR_IDENTITY_SECRET_INVALID',
      aadsts: 7000215,
      msalErrorCode: 'invalid_client',
      throttledLocally: true,
    });
    expect(entra.tokenRequests).toHaveLength(1);
  });
});

describe('transient failures', () => {
  it('maps 503 to ERR_IDENTITY_UNAVAILABLE with Retry-After, then reports msal refusing locally', async () => {
    entra.script = () =>
      aadstsAnswer(503, 'temporarily_unavailable', 90033, 'MsodsServiceUnavailable', {
        'Retry-After': '7',
      });
    const identity = freshIdentity();
    const first = await failure(identity.getGraphToken(secret, TENANT));
    expect(first).toMatchObject({
      code: 'ERR_IDENTITY_UNAVAILABLE',
      aadsts: 90033,
      status: 503,
      transient: true,
      retryAfterSeconds: 7,
      throttledLocally: false,
    });
    entra.script = (request) => tokenAnswer(request.tenant);
    // msal will not ask again for Retry-After seconds, not even with skipCache.
    const second = await failure(identity.getGraphToken(secret, TENANT, { skipCache: true }));
    expect(second).toMatchObject({ code: 'ERR_IDENTITY_UNAVAILABLE', throttledLocally: true });
    expect(second.retryAfterSeconds).toBeGreaterThan(0);
    expect(second.retryAfterSeconds).toBeLessThanOrEqual(7);
    expect(entra.tokenRequests).toHaveLength(1);
    // Other tenants are not throttled; a fresh instance (rotation) starts without the throttle.
    await expect(
      identity.getGraphToken(secret, '22222222-2222-4222-8222-222222222222'),
    ).resolves.toMatchObject({
      fromCache: false,
    });
    identity.forgetCredential(secret);
    await expect(identity.getGraphToken(secret, TENANT)).resolves.toMatchObject({
      fromCache: false,
    });
  });

  it.each([
    ['Retry-After: 0', { 'Retry-After': '0' }, 60],
    ['no Retry-After', {}, 60],
    ['an HTTP-date Retry-After', { 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' }, 60],
    ['Retry-After beyond an hour', { 'Retry-After': '86400' }, 3600],
  ])('reports how long msal will refuse locally after %s', async (_, headers, seconds) => {
    entra.script = () =>
      aadstsAnswer(429, 'temporarily_unavailable', 90055, 'TenantThrottlingError', headers);
    const err = await failure(freshIdentity().getGraphToken(secret, TENANT));
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_UNAVAILABLE',
      status: 429,
      retryAfterSeconds: seconds,
    });
  });

  it('maps a 502 with an HTML body to ERR_IDENTITY_UNAVAILABLE', async () => {
    entra.script = () => ({ status: 502, body: '<html>Bad gateway</html>' });
    const err = await failure(freshIdentity().getGraphToken(secret, TENANT));
    expect(err).toMatchObject({ code: 'ERR_IDENTITY_UNAVAILABLE', status: 502, aadsts: undefined });
  });

  it('maps a refused connection to ERR_IDENTITY_UNAVAILABLE with the network cause', async () => {
    const closed = await startScriptedEntra();
    const origin = closed.origin;
    await closed.close();
    const identity = createIdentity({
      authorityHost: origin,
      fetch: createFetch({ caPem: closed.ca.certPem }),
    });
    const err = await failure(identity.getGraphToken(secret, TENANT));
    expect(err).toMatchObject({ code: 'ERR_IDENTITY_UNAVAILABLE', transient: true });
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('maps an untrusted TLS certificate to ERR_IDENTITY_TLS_UNTRUSTED, not to a transient failure', async () => {
    const err = await failure(freshIdentity(false).getGraphToken(secret, TENANT));
    expect(err).toMatchObject({ code: 'ERR_IDENTITY_TLS_UNTRUSTED', transient: false });
    expect(entra.tokenRequests).toHaveLength(0);
  });
});

describe('metadata discovery', () => {
  it('maps the openid-configuration of an unknown tenant (400 AADSTS90002) to ERR_IDENTITY_TENANT_NOT_FOUND', async () => {
    entra.metadataScript = () =>
      aadstsAnswer(400, 'invalid_tenant', 90002, "Tenant 'nope' not found.");
    const err = await failure(freshIdentity().getGraphToken(secret, 'nope.example.com'));
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_TENANT_NOT_FOUND',
      aadsts: 90002,
      status: 400,
      msalErrorCode: 'invalid_tenant',
      traceId: TRACE_ID,
    });
    expect(entra.tokenRequests).toHaveLength(0);
  });

  it('maps a failing openid-configuration (500) to ERR_IDENTITY_UNAVAILABLE', async () => {
    entra.metadataScript = () => ({ status: 500, body: 'oops' });
    const err = await failure(freshIdentity().getGraphToken(secret, TENANT));
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_UNAVAILABLE',
      status: 500,
      retryAfterSeconds: 60,
    });
  });
});

describe('IdentityError', () => {
  it('serializes for logs without the cause or any secret', async () => {
    entra.script = () =>
      aadstsAnswer(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    const err = await failure(freshIdentity().getGraphToken(secret, TENANT));
    const logged = JSON.stringify(err);
    expect(logged).toContain('ERR_IDENTITY_SECRET_INVALID');
    expect(logged).not.toContain('the-secret');
    expect(err.cause).toBeDefined();
  });
});
