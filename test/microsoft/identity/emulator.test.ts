// The identity layer against the emulated Entra ID over real HTTPS, trusting only its CA: tokens for
// consented tenants, per-tenant caching, and each AADSTS failure the emulator produces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../../server/net/fetch.js';
import {
  createIdentity,
  generateCertificateCredential,
  IdentityError,
  type AppCredential,
  type Identity,
} from '../../../server/microsoft/identity/index.js';
import { startEmulator, TENANTS, type TestEmulator } from '../../support/emulator.js';

let emu: TestEmulator;
let quorum: AppCredential;

interface ByoApp {
  appId: string;
  clientSecret: string;
  secretKeyId: string;
  roles: string[];
}

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await emu.fetch(`${emu.loginUrl}/_emulator${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A bring-your-own app registration in `tenant`, consented there unless told otherwise. */
function registerApp(tenant = TENANTS.contoso.id, grantConsent = true): Promise<ByoApp> {
  return control<ByoApp>('POST', '/apps', { tenant, grantConsent });
}

function secretOf(app: ByoApp, secret = app.clientSecret): AppCredential {
  return { kind: 'secret', clientId: app.appId, secret };
}

/** A fresh instance per use: msal's throttle cache must not carry a failure from one test to another. */
function freshIdentity(): Identity {
  return createIdentity({
    authorityHost: emu.loginUrl,
    fetch: createFetch({ caPem: emu.ca.certPem }),
  });
}

async function failure(promise: Promise<unknown>): Promise<IdentityError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof IdentityError)) {
    throw new Error(`expected an IdentityError, got ${String(error)}`);
  }
  return error;
}

beforeAll(async () => {
  emu = await startEmulator();
  quorum = { kind: 'secret', clientId: emu.quorumApp.clientId, secret: emu.quorumApp.clientSecret };
});
afterAll(async () => {
  await emu?.close();
});

describe('against the emulated Entra ID', () => {
  it('refuses Quorum before consent, then gets a Contoso token with the granted roles after it', async () => {
    const contoso = emu.world.findTenant(TENANTS.contoso.id);
    if (contoso) emu.world.revokeConsent(contoso, emu.quorumApp.clientId);
    const identity = freshIdentity();
    const before = await failure(identity.getGraphToken(quorum, TENANTS.contoso.id));
    expect(before).toMatchObject({
      code: 'ERR_IDENTITY_APP_NOT_IN_TENANT',
      aadsts: 700016,
      msalErrorCode: 'unauthorized_client',
      status: 400,
    });
    expect(before.traceId).toMatch(/^[0-9a-f-]{36}$/);

    const granted = await control<{ roles: string[] }>(
      'POST',
      `/tenants/${TENANTS.contoso.id}/consent`,
      { appId: emu.quorumApp.clientId },
    );
    const token = await identity.getGraphToken(quorum, TENANTS.contoso.id);
    expect(token).toMatchObject({ fromCache: false, tenantId: TENANTS.contoso.id });
    expect([...token.roles].sort()).toEqual([...granted.roles].sort());
    expect(token.roles.length).toBeGreaterThan(0);
    expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  it('caches per tenant: Contoso again from cache, Fabrikam from the network', async () => {
    await control('POST', `/tenants/${TENANTS.fabrikam.id}/consent`, {
      appId: emu.quorumApp.clientId,
    });
    await control('POST', `/tenants/${TENANTS.contoso.id}/consent`, {
      appId: emu.quorumApp.clientId,
    });
    const identity = freshIdentity();
    const contoso = await identity.getGraphToken(quorum, TENANTS.contoso.id);
    const contosoAgain = await identity.getGraphToken(quorum, TENANTS.contoso.id);
    const fabrikam = await identity.getGraphToken(quorum, TENANTS.fabrikam.id);
    expect([contoso.fromCache, contosoAgain.fromCache, fabrikam.fromCache]).toEqual([
      false,
      true,
      false,
    ]);
    expect(contosoAgain.token).toBe(contoso.token);
    expect(fabrikam.tenantId).toBe(TENANTS.fabrikam.id);
    // A verified domain reaches the same tenant (its own cache entry, keyed by what was asked).
    const byDomain = await identity.getGraphToken(quorum, TENANTS.fabrikam.domain);
    expect(byDomain.tenantId).toBe(TENANTS.fabrikam.id);
  });

  it('always asks Entra with skipCache, and verification notices revoked consent a cached token hides', async () => {
    const app = await registerApp();
    const identity = freshIdentity();
    await identity.getGraphToken(secretOf(app), TENANTS.contoso.id);
    const skipped = await identity.getGraphToken(secretOf(app), TENANTS.contoso.id, {
      skipCache: true,
    });
    expect(skipped.fromCache).toBe(false);

    await control('DELETE', `/tenants/${TENANTS.contoso.id}/consent/${app.appId}`);
    const cached = await identity.getGraphToken(secretOf(app), TENANTS.contoso.id);
    expect(cached.fromCache).toBe(true);
    const verified = await failure(identity.verifyCredential(secretOf(app), TENANTS.contoso.id));
    expect(verified).toMatchObject({ code: 'ERR_IDENTITY_APP_NOT_IN_TENANT', aadsts: 700016 });
  });

  it('maps a wrong secret to ERR_IDENTITY_SECRET_INVALID (AADSTS7000215)', async () => {
    const app = await registerApp();
    const err = await failure(
      freshIdentity().getGraphToken(secretOf(app, 'not-the-secret'), TENANTS.contoso.id),
    );
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_SECRET_INVALID',
      aadsts: 7000215,
      msalErrorCode: 'invalid_client',
      status: 401,
      clientId: app.appId,
    });
  });

  it('maps an expired secret to ERR_IDENTITY_SECRET_EXPIRED (AADSTS7000222), and a new secret works', async () => {
    const app = await registerApp();
    await control('POST', `/apps/${app.appId}/secrets/${app.secretKeyId}/expire`);
    const identity = freshIdentity();
    const err = await failure(identity.getGraphToken(secretOf(app), TENANTS.contoso.id));
    expect(err).toMatchObject({ code: 'ERR_IDENTITY_SECRET_EXPIRED', aadsts: 7000222 });

    const rotated = await control<{ secretText: string }>('POST', `/apps/${app.appId}/secrets`, {});
    const token = await identity.verifyCredential(
      secretOf(app, rotated.secretText),
      TENANTS.contoso.id,
    );
    expect(token.fromCache).toBe(false);
    expect(identity.forgetClient(app.appId)).toBe(2);
  });

  it('maps an app asking in a tenant it is not in to ERR_IDENTITY_APP_NOT_IN_TENANT (AADSTS700016)', async () => {
    const app = await registerApp(TENANTS.contoso.id);
    const err = await failure(freshIdentity().getGraphToken(secretOf(app), TENANTS.fabrikam.id));
    expect(err).toMatchObject({ code: 'ERR_IDENTITY_APP_NOT_IN_TENANT', aadsts: 700016 });
  });

  it('maps a disabled app to ERR_IDENTITY_APP_DISABLED (AADSTS7000112)', async () => {
    const app = await registerApp();
    await control('PATCH', `/apps/${app.appId}`, { disabled: true });
    const err = await failure(freshIdentity().getGraphToken(secretOf(app), TENANTS.contoso.id));
    expect(err).toMatchObject({ code: 'ERR_IDENTITY_APP_DISABLED', aadsts: 7000112 });
  });

  it.each([
    ['on the first request (metadata discovery)', false],
    ['once the host metadata is cached (token endpoint)', true],
  ])(
    'maps an unknown tenant to ERR_IDENTITY_TENANT_NOT_FOUND (AADSTS90002) %s',
    async (_, warm) => {
      const identity = freshIdentity();
      if (warm) await identity.getGraphToken(quorum, TENANTS.contoso.id);
      const err = await failure(identity.getGraphToken(quorum, 'nowhere.example.com'));
      expect(err).toMatchObject({
        code: 'ERR_IDENTITY_TENANT_NOT_FOUND',
        aadsts: 90002,
        status: 400,
        tenantId: 'nowhere.example.com',
      });
    },
  );

  it('refuses common before any request reaches the emulator', async () => {
    const err = await failure(freshIdentity().getGraphToken(quorum, 'common'));
    expect(err.code).toBe('ERR_IDENTITY_TENANT_INVALID');
  });
});

describe('certificate credentials against the emulated Entra ID', () => {
  async function certificateApp(validity: { validDays: number; daysAgo?: number }) {
    const app = await registerApp();
    const generated = await generateCertificateCredential({
      subject: `Quorum ${app.appId}`,
      validDays: validity.validDays,
      clock: { now: () => Date.now() - (validity.daysAgo ?? 0) * 86_400_000 },
    });
    const credential: AppCredential = {
      kind: 'certificate',
      clientId: app.appId,
      privateKeyPem: generated.privateKeyPem,
      certificatePem: generated.certificatePem,
    };
    return { app, generated, credential };
  }

  it('gets a token with a generated certificate registered on the app (PS256, x5t#S256, x5c)', async () => {
    const { app, generated, credential } = await certificateApp({ validDays: 30 });
    const registered = await control<{ thumbprintSha256: string }>(
      'POST',
      `/apps/${app.appId}/certificates`,
      { certPem: generated.certificatePem },
    );
    expect(registered.thumbprintSha256).toBe(generated.thumbprintSha256);
    const identity = freshIdentity();
    const token = await identity.getGraphToken(credential, TENANTS.contoso.id);
    expect(token).toMatchObject({ fromCache: false, tenantId: TENANTS.contoso.id });
    expect([...token.roles].sort()).toEqual([...app.roles].sort());
    expect((await identity.getGraphToken(credential, TENANTS.contoso.id)).fromCache).toBe(true);
  });

  it('maps an unregistered certificate to ERR_IDENTITY_ASSERTION_INVALID, not expired', async () => {
    const { credential } = await certificateApp({ validDays: 30 });
    const err = await failure(freshIdentity().getGraphToken(credential, TENANTS.contoso.id));
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_ASSERTION_INVALID',
      aadsts: 700027,
      msalErrorCode: 'invalid_client',
      certificateExpired: false,
    });
  });

  it('maps an expired registered certificate to ERR_IDENTITY_ASSERTION_INVALID with certificateExpired', async () => {
    const { app, generated, credential } = await certificateApp({ validDays: 1, daysAgo: 3 });
    await control('POST', `/apps/${app.appId}/certificates`, { certPem: generated.certificatePem });
    const err = await failure(freshIdentity().getGraphToken(credential, TENANTS.contoso.id));
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_ASSERTION_INVALID',
      aadsts: 700027,
      certificateExpired: true,
    });
    expect(err.message).toContain('expired');
  });
});

describe('transient failures from the emulated Entra ID', () => {
  it('maps an injected 503 to ERR_IDENTITY_UNAVAILABLE and recovers once Retry-After has passed', async () => {
    const app = await registerApp();
    const identity = freshIdentity();
    await control('POST', '/faults/token', { status: 503, retryAfter: 1 });
    const err = await failure(identity.getGraphToken(secretOf(app), TENANTS.contoso.id));
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_UNAVAILABLE',
      aadsts: 90033,
      status: 503,
      transient: true,
      retryAfterSeconds: 1,
      throttledLocally: false,
    });
    // Within Retry-After msal refuses on its own, skipCache or not.
    const throttled = await failure(
      identity.getGraphToken(secretOf(app), TENANTS.contoso.id, { skipCache: true }),
    );
    expect(throttled).toMatchObject({ code: 'ERR_IDENTITY_UNAVAILABLE', throttledLocally: true });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const token = await identity.getGraphToken(secretOf(app), TENANTS.contoso.id);
    expect(token.fromCache).toBe(false);
  });

  it('maps an injected 429 to ERR_IDENTITY_UNAVAILABLE with its Retry-After', async () => {
    const app = await registerApp();
    await control('POST', '/faults/token', { status: 429, retryAfter: 5 });
    const err = await failure(freshIdentity().getGraphToken(secretOf(app), TENANTS.contoso.id));
    expect(err).toMatchObject({
      code: 'ERR_IDENTITY_UNAVAILABLE',
      status: 429,
      aadsts: 90055,
      retryAfterSeconds: 5,
    });
  });
});
