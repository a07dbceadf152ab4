// Who may touch connections: a token from another tenant sees nothing of Contoso's, a member is
// not an admin, and bad bodies are refused with a problem and its code — with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantConsent, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
const KIM = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };
const PAT = { tenant: 'fabrikam.com', upn: 'pat.kowalski@fabrikam.com' };

let quorum: TestQuorum;
let contosoConnection: string;

beforeAll(async () => {
  quorum = await startQuorum({
    env: { QUORUM_VERIFY_RETRY_SECONDS: '0', QUORUM_MAX_BODY_BYTES: '65536' },
  });
  await grantConsent(quorum.emulator, 'contoso.com');
  const list = await quorum.api<{ connections: { id: string }[] }>(
    MEGAN,
    'GET',
    '/api/org/connections',
  );
  contosoConnection = list.body.connections[0]!.id;
});
afterAll(async () => {
  await quorum?.close();
});

/** Every admin route on a connection, with a body it would accept. */
function adminRoutes(id: string): [string, string, unknown?][] {
  return [
    ['GET', '/api/org/connections'],
    ['POST', '/api/org/connections/consent-link', {}],
    [
      'POST',
      '/api/org/connections',
      {
        tenantId: TENANTS.contoso.id,
        clientId: crypto.randomUUID(),
        credential: { kind: 'generateCertificate' },
      },
    ],
    ['GET', `/api/org/connections/${id}`],
    ['POST', `/api/org/connections/${id}/verify`, {}],
    ['POST', `/api/org/connections/${id}/enable`],
    ['POST', `/api/org/connections/${id}/disable`],
    [
      'PUT',
      `/api/org/connections/${id}/credential`,
      { kind: 'secret', secret: 'x', expiresAt: '2099-01-01T00:00:00Z' },
    ],
    ['GET', `/api/org/connections/${id}/certificate`],
    ['DELETE', `/api/org/connections/${id}`],
    ['POST', '/api/org/alert-webhook/signing-secret'],
  ];
}

describe('tenant isolation', () => {
  it('refuses a user of a tenant no org holds with ERR_ORG_NOT_SET_UP', async () => {
    for (const [method, path, body] of adminRoutes(contosoConnection)) {
      const res = await quorum.api<{ code: string }>(PAT, method, path, body);
      expect([method, path, res.status, res.body.code]).toEqual([
        method,
        path,
        403,
        'ERR_ORG_NOT_SET_UP',
      ]);
    }
  });

  it("shows a tenant admin of another org none of Contoso's connections", async () => {
    const own = await quorum.api<{ connections: unknown[] }>(KIM, 'GET', '/api/org/connections');
    expect(own.status).toBe(200);
    expect(own.body.connections).toEqual([]);
    for (const [method, path, body] of adminRoutes(contosoConnection)) {
      if (!path.includes(contosoConnection)) continue;
      const res = await quorum.api<{ code: string }>(KIM, method, path, body);
      expect([method, path, res.status, res.body.code]).toEqual([
        method,
        path,
        404,
        'ERR_CONNECTION_NOT_FOUND',
      ]);
      expect(JSON.stringify(res.body)).not.toContain(TENANTS.contoso.id);
    }
    const contoso = await quorum.api<{ enabled: boolean; health: { state: string } }>(
      MEGAN,
      'GET',
      `/api/org/connections/${contosoConnection}`,
    );
    expect(contoso.body).toMatchObject({ enabled: true, health: { state: 'healthy' } });
  });

  it('refuses to let another org bring its own app for a tenant it does not hold', async () => {
    const res = await quorum.api<{ code: string }>(KIM, 'POST', '/api/org/connections', {
      tenantId: TENANTS.contoso.id,
      clientId: crypto.randomUUID(),
      credential: { kind: 'generateCertificate' },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ERR_CONNECTION_TENANT_TAKEN');
  });

  it('refuses a member on every admin route with ERR_ROLE_REQUIRED', async () => {
    for (const [method, path, body] of adminRoutes(contosoConnection)) {
      const res = await quorum.api<{ code: string }>(ADELE, method, path, body);
      expect([method, path, res.status, res.body.code]).toEqual([
        method,
        path,
        403,
        'ERR_ROLE_REQUIRED',
      ]);
    }
  });
});

describe('bad bodies', () => {
  // A tenant no org holds, so only the body decides.
  const valid = {
    tenantId: 'a1b2c3d4-0000-4000-8000-00000000abcd',
    clientId: '0b6c1e8d-52a7-4a1e-9a55-7c4d2f0e9b31',
    credential: { kind: 'secret', secret: 'abc', expiresAt: '2099-01-01T00:00:00Z' },
  };

  async function raw(method: string, path: string, body: string, type = 'application/json') {
    const res = await fetch(`${quorum.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await quorum.tokenFor(MEGAN.tenant, MEGAN.upn)}`,
        'content-type': type,
      },
      body,
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as { code: string },
    };
  }

  async function writes() {
    const orgId = (await quorum.services.store.findOrgByTenant(TENANTS.contoso.id))!;
    return {
      docs: (await quorum.services.store.listOrgDocKeys(orgId)).sort(),
      secrets: (await quorum.services.store.listSecretNames(orgId)).sort(),
    };
  }

  it.each([
    ['malformed JSON', '{"tenantId": ', 400, 'ERR_BODY_MALFORMED'],
    [
      'an oversized body',
      JSON.stringify({ ...valid, displayName: 'x'.repeat(70_000) }),
      413,
      'ERR_BODY_TOO_LARGE',
    ],
    [
      'a tenant id that is a number',
      JSON.stringify({ ...valid, tenantId: 42 }),
      400,
      'ERR_VALIDATION',
    ],
    [
      'a tenant id that is not a GUID',
      JSON.stringify({ ...valid, tenantId: 'contoso.com' }),
      400,
      'ERR_VALIDATION',
    ],
    [
      'an unknown credential kind',
      JSON.stringify({ ...valid, credential: { kind: 'password' } }),
      400,
      'ERR_VALIDATION',
    ],
    [
      'a secret without its expiry',
      JSON.stringify({ ...valid, credential: { kind: 'secret', secret: 'abc' } }),
      400,
      'ERR_VALIDATION',
    ],
    ['an unexpected field', JSON.stringify({ ...valid, enabled: true }), 400, 'ERR_VALIDATION'],
    [
      'a display name too long',
      JSON.stringify({ ...valid, displayName: 'x'.repeat(101) }),
      400,
      'ERR_VALIDATION',
    ],
    ['an array', '[]', 400, 'ERR_VALIDATION'],
    [
      'an unreadable certificate',
      JSON.stringify({
        ...valid,
        credential: { kind: 'certificate', certificatePem: 'nope', privateKeyPem: 'nope' },
      }),
      400,
      'ERR_CONNECTION_CREDENTIAL_INVALID',
    ],
    [
      'a secret already expired',
      JSON.stringify({
        ...valid,
        credential: { kind: 'secret', secret: 'abc', expiresAt: '2001-01-01T00:00:00Z' },
      }),
      400,
      'ERR_CONNECTION_CREDENTIAL_INVALID',
    ],
  ])('answers %s with a problem and writes nothing', async (_, body, status, code) => {
    const before = await writes();
    const res = await raw('POST', '/api/org/connections', body);
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(await writes()).toEqual(before);
  });

  it.each([
    ['a non-UUID id', 'POST', '/api/org/connections/not-an-id/verify', '{}', 400, 'ERR_VALIDATION'],
    [
      'an unknown id',
      'POST',
      `/api/org/connections/${crypto.randomUUID()}/enable`,
      '',
      404,
      'ERR_CONNECTION_NOT_FOUND',
    ],
    [
      'a mistyped mailbox',
      'POST',
      '/api/org/connections/ID/verify',
      '{"mailbox":5}',
      400,
      'ERR_VALIDATION',
    ],
    [
      'an unknown link mode',
      'POST',
      '/api/org/connections/consent-link',
      '{"mode":"iframe"}',
      400,
      'ERR_VALIDATION',
    ],
    [
      'rotating a platform connection',
      'PUT',
      '/api/org/connections/ID/credential',
      JSON.stringify({ kind: 'generateCertificate' }),
      409,
      'ERR_CONNECTION_KIND',
    ],
    [
      'the certificate of a platform connection',
      'GET',
      '/api/org/connections/ID/certificate',
      undefined,
      409,
      'ERR_CONNECTION_KIND',
    ],
  ])('answers %s with its code', async (_, method, path, body, status, code) => {
    const before = await writes();
    const res = await raw(method, path.replace('ID', contosoConnection), body as string);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await writes()).toEqual(before);
  });
});
