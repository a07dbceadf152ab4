// A bring-your-own connection whose certificate expires (issue 4, DESIGN §3): Entra answers
// AADSTS700027 and the certificate is past its notAfter, so the connection — and every member it
// reaches — shows `credential_expired` with its fix, in `GET /api/org/status` and the member table,
// and a sweep afterwards agrees (it does not read on with a token cached before the expiry).
//
// The emulator's control API can expire a secret but not a certificate, and Quorum (like DESIGN §3)
// tells an expired certificate from a wrong one by the certificate's own notAfter: so the
// certificate here really expires, seconds after the connection is set up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../server/domain/reasons.js';
import { generateCertificateCredential } from '../../server/microsoft/identity/generate-certificate.js';
import { control, grantConsent, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { byEmail, listAll, runtimeOf, syncThroughApi } from '../directory/support.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = 'adele.vance@contoso.com';
const DAY_MS = 86_400_000;
/** How long the certificate lives from its creation: enough to verify, enable and sync. */
const LIFETIME_MS = 15_000;

interface ConnectionStatus {
  id: string;
  enabled: boolean;
  health: { state: string; reason: string | null };
  credential: { kind: string; expiresAt: string | null };
}
interface OrgStatus {
  members: { byReason: Record<string, number> };
  connections: ConnectionStatus[];
  alerts: { kind: string; connectionId: string | null; message: string }[];
}

let quorum: TestQuorum;
let notAfter: Date;
let connectionId: string;

async function orgStatus(): Promise<OrgStatus> {
  const res = await quorum.api<OrgStatus>(MEGAN, 'GET', '/api/org/status');
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
  // The org comes from Teams admin center consent and Megan's first call; its platform
  // connection goes, so that Contoso is connected through the org's own app only.
  await grantConsent(quorum.emulator, 'contoso.com');
  const discovered = await quorum.api<{ connections: { id: string }[] }>(
    MEGAN,
    'GET',
    '/api/org/connections',
  );
  await quorum.services.connections.idle();
  await runtimeOf(quorum).jobs.idle();
  const platformId = discovered.body.connections[0]!.id;
  expect((await quorum.api(MEGAN, 'DELETE', `/api/org/connections/${platformId}`)).status).toBe(
    204,
  );

  const app = await control<{ appId: string }>(quorum.emulator, 'POST', '/apps', {
    tenant: 'contoso.com',
    displayName: 'Contoso calendars (certificate)',
  });
  expect(app.status).toBe(201);
  // A one-day certificate made a day ago, less LIFETIME_MS: it expires LIFETIME_MS from now.
  const cert = await generateCertificateCredential({
    subject: 'Quorum - Contoso',
    validDays: 1,
    clock: { now: () => Date.now() - DAY_MS + LIFETIME_MS },
  });
  notAfter = cert.notAfter;
  const registered = await control(
    quorum.emulator,
    'POST',
    `/apps/${app.body.appId}/certificates`,
    { certPem: cert.certificatePem },
  );
  expect(registered.status).toBe(201);
  const created = await quorum.api<ConnectionStatus>(MEGAN, 'POST', '/api/org/connections', {
    tenantId: TENANTS.contoso.id,
    clientId: app.body.appId,
    credential: {
      kind: 'certificate',
      certificatePem: cert.certificatePem,
      privateKeyPem: cert.privateKeyPem,
    },
  });
  expect(created.status).toBe(201);
  connectionId = created.body.id;
  const enabled = await quorum.api<ConnectionStatus>(
    MEGAN,
    'POST',
    `/api/org/connections/${connectionId}/enable`,
  );
  expect(enabled.status).toBe(200);
  await quorum.services.connections.idle();
  await runtimeOf(quorum).jobs.idle();
}, 60_000);
afterAll(async () => {
  await runtimeOf(quorum).jobs.idle();
  await quorum?.close();
});

describe('a bring-your-own certificate that expires', { timeout: 60_000 }, () => {
  it('connects every member while the certificate is valid', async () => {
    expect(Date.now()).toBeLessThan(notAfter.getTime());
    const status = await orgStatus();
    expect(status.connections).toEqual([
      expect.objectContaining({
        id: connectionId,
        enabled: true,
        health: expect.objectContaining({ state: 'healthy' }),
        credential: { kind: 'certificate', expiresAt: notAfter.toISOString() },
      }),
    ]);
    expect(byEmail(await listAll(quorum, MEGAN)).get(ADELE)?.reason).toBe('connected');
  });

  it('shows credential_expired on the connection and its members once it has expired', async () => {
    await new Promise((resolve) => setTimeout(resolve, notAfter.getTime() - Date.now() + 1_000));
    await quorum.services.connections.monitor.runOnce();
    await quorum.services.connections.idle();

    const status = await orgStatus();
    expect(status.connections[0]!.health).toMatchObject({
      state: 'broken',
      reason: 'credential_expired',
    });
    expect(status.alerts).toEqual(
      expect.arrayContaining([expect.objectContaining({ connectionId })]),
    );
    const adele = byEmail(await listAll(quorum, MEGAN)).get(ADELE);
    expect(adele).toMatchObject({
      status: 'not_connected',
      reason: 'credential_expired',
      summary: REASONS.credential_expired.summary,
      fix: REASONS.credential_expired.fix,
    });
    expect(status.members.byReason.credential_expired).toBeGreaterThan(10);
    expect(status.members.byReason.connected ?? 0).toBe(0);
  });

  it('keeps showing it after a sync: the sweep does not read on with a token cached before', async () => {
    const job = await syncThroughApi(quorum, MEGAN);
    expect(job).toMatchObject({ state: 'succeeded' });
    const status = await orgStatus();
    expect(status.members.byReason.credential_expired).toBeGreaterThan(10);
    expect(status.members.byReason.connected ?? 0).toBe(0);
    expect(byEmail(await listAll(quorum, MEGAN)).get(ADELE)?.reason).toBe('credential_expired');
  });
});
