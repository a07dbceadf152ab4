// The verification probe against the emulated Entra ID and Graph: real msal-node, real Graph client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTenant, type ProbeDeps } from '../../server/connections/probe.js';
import { GraphClient } from '../../server/microsoft/graph/index.js';
import {
  createIdentity,
  generateCertificateCredential,
  type AppCredential,
} from '../../server/microsoft/identity/index.js';
import { createFetch } from '../../server/net/fetch.js';
import {
  control,
  grantConsent,
  startEmulator,
  TENANTS,
  type TestEmulator,
} from '../support/emulator.js';

const DAY = 86_400_000;
let emu: TestEmulator;
/** How far the emulated world (and Quorum's clock) runs ahead of real time. */
let ahead = 0;

beforeAll(async () => {
  emu = await startEmulator({ now: () => Date.now() + ahead });
});
afterAll(async () => {
  await emu?.close();
});

function deps(): ProbeDeps {
  const fetch = createFetch({ caPem: emu.ca.certPem });
  return {
    identity: createIdentity({
      authorityHost: emu.loginUrl,
      fetch,
      clock: { now: () => Date.now() + ahead },
    }),
    graphWithToken: (token) =>
      new GraphClient({
        baseUrl: emu.graphUrl,
        fetch,
        tokenProvider: () => Promise.resolve(token),
      }),
  };
}

const quorum = (): AppCredential => ({
  kind: 'secret',
  clientId: emu.quorumApp.clientId,
  secret: emu.quorumApp.clientSecret,
});

describe('the verification probe', () => {
  it('passes with the caller’s own mailbox and reads the tenant’s name and domains', async () => {
    await grantConsent(emu, 'contoso.com');
    const megan = emu.world.findUser(
      emu.world.findTenant('contoso.com')!,
      'megan.bowen@contoso.com',
    )!;
    const result = await probeTenant(deps(), {
      tenantId: TENANTS.contoso.id,
      credential: quorum(),
      mailbox: megan.id,
    });
    expect(result).toMatchObject({
      ok: true,
      mailbox: megan.id,
      organization: { displayName: 'Contoso' },
    });
    if (result.ok) expect(result.organization!.verifiedDomains[0]).toBe('contoso.com');
  });

  it('steps over an unlicensed mailbox to the next user', async () => {
    const adele = emu.world.findUser(
      emu.world.findTenant('contoso.com')!,
      'adele.vance@contoso.com',
    )!;
    await control(emu, 'PATCH', `/tenants/contoso.com/users/${adele.id}`, { licensed: false });
    const result = await probeTenant(deps(), {
      tenantId: TENANTS.contoso.id,
      credential: quorum(),
      mailbox: adele.id,
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.mailbox).not.toBe(adele.id);
    await control(emu, 'PATCH', `/tenants/contoso.com/users/${adele.id}`, { licensed: true });
  });

  it('reports outside_access_scope when every mailbox it tries is out of the app’s scope', async () => {
    const tenant = emu.world.findTenant('contoso.com')!;
    const before = new Map(tenant.users.map((u) => [u.id, u.mailbox.access]));
    for (const u of tenant.users) u.mailbox.access = 'settingsOnly';
    try {
      const result = await probeTenant(deps(), {
        tenantId: TENANTS.contoso.id,
        credential: quorum(),
      });
      expect(result).toMatchObject({ ok: false, failure: { reason: 'outside_access_scope' } });
    } finally {
      for (const u of tenant.users) u.mailbox.access = before.get(u.id)!;
    }
  });

  it('maps a certificate past its notAfter (AADSTS700027) to credential_expired', async () => {
    const { appId } = (
      await control<{ appId: string }>(emu, 'POST', '/apps', { tenant: 'contoso.com' })
    ).body;
    const made = await generateCertificateCredential({ subject: 'Quorum test', validDays: 1 });
    await control(emu, 'POST', `/apps/${appId}/certificates`, { certPem: made.certificatePem });
    const credential: AppCredential = {
      kind: 'certificate',
      clientId: appId,
      certificatePem: made.certificatePem,
      privateKeyPem: made.privateKeyPem,
    };
    const fresh = await probeTenant(deps(), { tenantId: TENANTS.contoso.id, credential });
    expect(fresh.ok).toBe(true);
    ahead = 2 * DAY;
    try {
      const expired = await probeTenant(deps(), { tenantId: TENANTS.contoso.id, credential });
      expect(expired).toMatchObject({
        ok: false,
        failure: { reason: 'credential_expired', aadsts: 700027 },
      });
    } finally {
      ahead = 0;
    }
  });

  it('maps a certificate the app does not know to credential_invalid', async () => {
    const { appId } = (
      await control<{ appId: string }>(emu, 'POST', '/apps', { tenant: 'contoso.com' })
    ).body;
    const made = await generateCertificateCredential({ subject: 'Quorum stranger', validDays: 30 });
    const result = await probeTenant(deps(), {
      tenantId: TENANTS.contoso.id,
      credential: {
        kind: 'certificate',
        clientId: appId,
        certificatePem: made.certificatePem,
        privateKeyPem: made.privateKeyPem,
      },
    });
    expect(result).toMatchObject({ ok: false, failure: { reason: 'credential_invalid' } });
  });

  it('maps a tenant that never consented (AADSTS700016) to consent_missing', async () => {
    const result = await probeTenant(deps(), {
      tenantId: TENANTS.fabrikam.id,
      credential: quorum(),
    });
    expect(result).toMatchObject({
      ok: false,
      failure: { reason: 'consent_missing', aadsts: 700016 },
    });
  });
});
