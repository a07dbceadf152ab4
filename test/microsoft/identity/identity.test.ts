// The identity layer against a scripted HTTPS token endpoint: caching per tenant, skipCache, request
// coalescing, local refusals, and what reaches msal's network client.
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

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';
const CLIENT_ID = '33333333-3333-4333-8333-333333333333';

let entra: ScriptedEntra;
let identity: Identity;

function secret(value = 'the-secret'): AppCredential {
  return { kind: 'secret', clientId: CLIENT_ID, secret: value };
}

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

function freshIdentity(): Identity {
  return createIdentity({
    authorityHost: entra.origin,
    fetch: createFetch({ caPem: entra.ca.certPem }),
  });
}

describe('getGraphToken', () => {
  beforeAll(() => {
    identity = freshIdentity();
  });

  it('gets a token with the client secret and reads tid and roles from it', async () => {
    entra.script = (request) =>
      tokenAnswer(request.tenant, ['User.Read.All', 'Calendars.ReadBasic']);
    const token = await identity.getGraphToken(secret(), TENANT_A, { skipCache: true });
    expect(token).toMatchObject({
      fromCache: false,
      tenantId: TENANT_A,
      roles: ['User.Read.All', 'Calendars.ReadBasic'],
    });
    expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    const [request] = entra.tokenRequests;
    expect(request?.tenant).toBe(TENANT_A);
    expect(request?.form.get('grant_type')).toBe('client_credentials');
    expect(request?.form.get('client_id')).toBe(CLIENT_ID);
    expect(request?.form.get('client_secret')).toBe('the-secret');
    expect(request?.form.get('scope')).toBe('https://graph.microsoft.com/.default');
  });

  it('caches per tenant: tenant A again is served from cache, tenant B asks Entra', async () => {
    const fresh = freshIdentity();
    const first = await fresh.getGraphToken(secret(), TENANT_A);
    const again = await fresh.getGraphToken(secret(), TENANT_A);
    const other = await fresh.getGraphToken(secret(), TENANT_B);
    expect([first.fromCache, again.fromCache, other.fromCache]).toEqual([false, true, false]);
    expect(again.token).toBe(first.token);
    expect(other.tenantId).toBe(TENANT_B);
    expect(entra.tokenRequests.map((r) => r.tenant)).toEqual([TENANT_A, TENANT_B]);
    // One metadata document per host serves every tenant.
    expect(entra.metadataRequests).toHaveLength(1);
  });

  it('asks Entra every time with skipCache, and verifyCredential always does', async () => {
    const fresh = freshIdentity();
    await fresh.getGraphToken(secret(), TENANT_A);
    const skipped = await fresh.getGraphToken(secret(), TENANT_A, { skipCache: true });
    const verified = await fresh.verifyCredential(secret(), TENANT_A);
    expect([skipped.fromCache, verified.fromCache]).toEqual([false, false]);
    expect(entra.tokenRequests).toHaveLength(3);
    // The fresh token replaces the cached one.
    const cached = await fresh.getGraphToken(secret(), TENANT_A);
    expect(cached).toMatchObject({ fromCache: true, token: verified.token });
  });

  it('shares one request among concurrent callers for the same tenant', async () => {
    const fresh = freshIdentity();
    const tokens = await Promise.all(
      Array.from({ length: 5 }, () => fresh.getGraphToken(secret(), TENANT_A)),
    );
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(entra.tokenRequests).toHaveLength(1);
  });

  it('keys the cache by credential: a rotated secret gets its own instance', async () => {
    const fresh = freshIdentity();
    await fresh.getGraphToken(secret('old'), TENANT_A);
    const rotated = await fresh.getGraphToken(secret('new'), TENANT_A);
    expect(rotated.fromCache).toBe(false);
    expect(entra.tokenRequests.map((r) => r.form.get('client_secret'))).toEqual(['old', 'new']);
    expect(fresh.forgetClient(CLIENT_ID)).toBe(2);
    expect((await fresh.getGraphToken(secret('new'), TENANT_A)).fromCache).toBe(false);
  });

  it('forgets a credential: its cached tokens go with its instance', async () => {
    const fresh = freshIdentity();
    await fresh.getGraphToken(secret(), TENANT_A);
    expect(fresh.forgetCredential(secret())).toBe(true);
    expect(fresh.forgetCredential(secret())).toBe(false);
    expect((await fresh.getGraphToken(secret(), TENANT_A)).fromCache).toBe(false);
    expect(entra.tokenRequests).toHaveLength(2);
  });

  it('accepts a verified domain and reports the tenant id from the token', async () => {
    entra.script = () => tokenAnswer(TENANT_A);
    const token = await freshIdentity().getGraphToken(secret(), 'Contoso.COM');
    expect(token.tenantId).toBe(TENANT_A);
    expect(entra.tokenRequests[0]?.tenant).toBe('contoso.com');
  });

  it.each(['common', 'organizations', 'consumers', 'Common', '', 'a/b', '../x', 'not a tenant'])(
    'refuses %j before any request',
    async (tenant) => {
      const error = await freshIdentity()
        .getGraphToken(secret(), tenant)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdentityError);
      expect(error).toMatchObject({ code: 'ERR_IDENTITY_TENANT_INVALID', clientId: CLIENT_ID });
      expect(entra.tokenRequests).toHaveLength(0);
      expect(entra.metadataRequests).toHaveLength(0);
    },
  );
});

describe('certificate credentials', () => {
  it('signs a PS256 assertion with x5t#S256 and x5c for the tenant token endpoint', async () => {
    const generated = await generateCertificateCredential({
      subject: 'Quorum test',
      validDays: 30,
    });
    const credential: AppCredential = {
      kind: 'certificate',
      clientId: CLIENT_ID,
      privateKeyPem: generated.privateKeyPem,
      certificatePem: generated.certificatePem,
    };
    const token = await freshIdentity().getGraphToken(credential, TENANT_A);
    expect(token.fromCache).toBe(false);
    const form = entra.tokenRequests[0]?.form;
    expect(form?.get('client_secret')).toBeNull();
    expect(form?.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    const [header, payload] = (form?.get('client_assertion') ?? '')
      .split('.')
      .slice(0, 2)
      .map(
        (part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>,
      );
    expect(header).toMatchObject({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': Buffer.from(generated.thumbprintSha256, 'hex').toString('base64url'),
    });
    const body = generated.certificatePem.replace(/-----[A-Z ]+-----|\s/g, '');
    expect(header?.['x5c']).toEqual([body]);
    expect(payload).toMatchObject({
      iss: CLIENT_ID,
      sub: CLIENT_ID,
      aud: `${entra.origin}/${TENANT_A}/oauth2/v2.0/token`,
    });
  });

  it('refuses a private key that does not belong to the certificate, without a request', async () => {
    const [a, b] = await Promise.all([
      generateCertificateCredential({ subject: 'A', validDays: 1 }),
      generateCertificateCredential({ subject: 'B', validDays: 1 }),
    ]);
    const error = await freshIdentity()
      .getGraphToken(
        {
          kind: 'certificate',
          clientId: CLIENT_ID,
          privateKeyPem: b.privateKeyPem,
          certificatePem: a.certificatePem,
        },
        TENANT_A,
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_IDENTITY_CREDENTIAL_MALFORMED', tenantId: TENANT_A });
    expect(entra.tokenRequests).toHaveLength(0);
  });

  it.each([
    ['not a certificate', 'hello'],
    ['a damaged certificate', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'],
  ])('refuses %s as ERR_IDENTITY_CREDENTIAL_MALFORMED', async (_, certificatePem) => {
    const { privateKeyPem } = await generateCertificateCredential({ subject: 'C', validDays: 1 });
    const error = await freshIdentity()
      .getGraphToken(
        { kind: 'certificate', clientId: CLIENT_ID, privateKeyPem, certificatePem },
        TENANT_A,
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_IDENTITY_CREDENTIAL_MALFORMED' });
  });
});

describe('logging', () => {
  it('logs acquisitions and failures without the secret, the private key or the token', async () => {
    const lines: unknown[][] = [];
    const logger = {
      debug: (...args: unknown[]) => void lines.push(['debug', ...args]),
      warn: (...args: unknown[]) => void lines.push(['warn', ...args]),
    };
    const generated = await generateCertificateCredential({ subject: 'log', validDays: 1 });
    const identity = createIdentity({
      authorityHost: entra.origin,
      fetch: createFetch({ caPem: entra.ca.certPem }),
      logger,
    });
    const token = await identity.getGraphToken(secret('log-secret-value'), TENANT_A);
    await identity.getGraphToken(
      {
        kind: 'certificate',
        clientId: CLIENT_ID,
        privateKeyPem: generated.privateKeyPem,
        certificatePem: generated.certificatePem,
      },
      TENANT_A,
    );
    entra.script = () =>
      aadstsAnswer(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    await identity.getGraphToken(secret('other-secret-value'), TENANT_A).catch(() => undefined);
    const logged = JSON.stringify(lines);
    expect(
      lines.some(([level, , msg]) => level === 'debug' && msg === 'graph token acquired'),
    ).toBe(true);
    expect(
      lines.some(([level, , msg]) => level === 'warn' && msg === 'graph token request failed'),
    ).toBe(true);
    expect(logged).toContain('ERR_IDENTITY_SECRET_INVALID');
    for (const forbidden of [
      'log-secret-value',
      'other-secret-value',
      token.token,
      generated.privateKeyPem.split('\n')[1] ?? 'unreachable',
    ]) {
      expect(logged).not.toContain(forbidden);
    }
  });
});

describe('createIdentity', () => {
  it.each([
    ['an http authority', 'http://login.microsoftonline.com'],
    ['an authority with a path', 'https://login.microsoftonline.com/common'],
    ['not a URL', 'login.microsoftonline.com'],
  ])('rejects %s with a TypeError', (_, authorityHost) => {
    expect(() => createIdentity({ authorityHost, fetch: createFetch() })).toThrow(TypeError);
  });

  it('rejects a scope that is not {resource}/.default', () => {
    expect(() =>
      createIdentity({
        authorityHost: 'https://login.microsoftonline.com',
        graphScope: 'User.Read',
        fetch: createFetch(),
      }),
    ).toThrow(TypeError);
  });
});
