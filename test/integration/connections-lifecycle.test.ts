// An org admin connects Contoso each of the three ways — Teams-admin-center discovery, the
// activation link, bring-your-own (secret, then a generated certificate) — deleting in between, and
// lives with it: verify, enable, disable, rotate, periodic checks, alerts and AADSTS reasons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureOf } from '../../server/connections/index.js';
import { control, grantConsent, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { followActivationLink } from '../connections/support.js';
import { startWebhookReceiver } from '../connections/webhook-receiver.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const CONTOSO = TENANTS.contoso.id;

interface Connection {
  id: string;
  tenantId: string;
  displayName: string;
  enabled: boolean;
  tier: string;
  grantedRoles: string[];
  lastDisabledAt: string | null;
  credential: { kind: string; expiresAt: string | null; certificateUrl?: string };
  health: { state: string; reason: string | null; aadsts: number | null; fix: string | null };
}
interface Alert {
  id: string;
  kind: string;
  connectionId: string;
  reason?: string;
  thresholdDays?: number;
}

let quorum: TestQuorum;
/** Every response body seen, and every secret sent, to check that no secret ever leaves. */
const seen: string[] = [];
const secretsSent: string[] = [];
const WRONG_SECRET = 'not-the-secret~0000000000000000000000000';

async function api<T>(method: string, path: string, body?: unknown, as = MEGAN) {
  const res = await quorum.api<T>(as, method, path, body);
  seen.push(typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? ''));
  return res;
}

async function list() {
  const res = await api<{ connections: Connection[]; alerts: Alert[] }>(
    'GET',
    '/api/org/connections',
  );
  expect(res.status).toBe(200);
  return res.body;
}

async function only(): Promise<Connection> {
  const { connections } = await list();
  expect(connections).toHaveLength(1);
  return connections[0]!;
}

async function orgId(): Promise<string> {
  return (await quorum.services.store.findOrgByTenant(CONTOSO))!;
}

async function actions(): Promise<string[]> {
  const page = await quorum.services.store.listAudit(await orgId(), { limit: 1000 });
  return page.entries.map((e) => e.action);
}

async function removeOnly(): Promise<void> {
  const connection = await only();
  expect((await api('DELETE', `/api/org/connections/${connection.id}`)).status).toBe(204);
  expect((await list()).connections).toEqual([]);
}

interface ByoApp {
  appId: string;
  clientSecret: string;
  secretKeyId: string;
  secretExpiresAt: string;
}

async function byoApp(): Promise<ByoApp> {
  const { status, body } = await control<ByoApp>(quorum.emulator, 'POST', '/apps', {
    tenant: 'contoso.com',
    displayName: 'Contoso calendars for Quorum',
  });
  expect(status).toBe(201);
  secretsSent.push(body.clientSecret);
  return body;
}

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
});
afterAll(async () => {
  await quorum?.close();
});

describe('Teams admin center consent, then the first sign-in', () => {
  it('creates the org named after the tenant, its platform connection, and makes the admin owner', async () => {
    await grantConsent(quorum.emulator, 'contoso.com');
    const connection = await only();
    expect(connection).toMatchObject({
      tenantId: CONTOSO,
      displayName: 'Contoso',
      enabled: true,
      tier: 'attendance',
      credential: { kind: 'platform' },
      health: { state: 'healthy' },
    });
    const org = await quorum.services.orgs.get(await orgId());
    expect(org?.name).toBe('Contoso');
    const megan = (await quorum.services.members.all(org!.id)).find((m) => m.email === MEGAN.upn);
    expect(megan?.role).toBe('owner');
    expect(await actions()).toEqual(expect.arrayContaining(['org.created', 'connection.created']));
  });

  it('resolves Graph credentials per tenant and refuses a disabled connection', async () => {
    const { connections } = quorum.services;
    expect(await connections.credentialFor(CONTOSO)).toMatchObject({ kind: 'secret' });
    const connection = await only();
    const disabled = await api<Connection>('POST', `/api/org/connections/${connection.id}/disable`);
    expect(disabled.body).toMatchObject({ enabled: false });
    expect(disabled.body.lastDisabledAt).not.toBeNull();
    await expect(connections.credentialFor(CONTOSO)).rejects.toMatchObject({
      code: 'ERR_CONNECTION_DISABLED',
      reason: 'connection_disabled',
    });
    await expect(quorum.services.graph.get(CONTOSO, '/organization')).rejects.toMatchObject({
      code: 'ERR_CONNECTION_DISABLED',
    });
    const enabled = await api<Connection>('POST', `/api/org/connections/${connection.id}/enable`);
    expect(enabled.body).toMatchObject({ enabled: true, health: { state: 'healthy' } });
    expect(await quorum.services.graph.get(CONTOSO, '/organization')).toBeTruthy();
  });

  it('notices consent revoked at Microsoft on the periodic check, and alerts once, signed', async () => {
    // A receiver whose certificate chains to the CA Quorum trusts (QUORUM_CA_FILE, locally).
    const receiver = await startWebhookReceiver(quorum.emulator.ca);
    try {
      const saved = await api('PATCH', '/api/org/settings', { alertWebhookUrl: receiver.url });
      expect(saved.status).toBe(200);
      const secret = await api<{ secret: string }>('POST', '/api/org/alert-webhook/signing-secret');
      expect(secret.status).toBe(201);
      const { status } = await control(
        quorum.emulator,
        'DELETE',
        `/tenants/contoso.com/consent/${quorum.config.clientId}`,
      );
      expect(status).toBe(204);

      await quorum.services.connections.monitor.runOnce();
      await quorum.services.connections.idle();
      const connection = await only();
      expect(connection.health).toMatchObject({
        state: 'broken',
        reason: 'consent_missing',
        aadsts: 700016,
      });
      const { alerts } = await list();
      expect(alerts).toEqual([
        expect.objectContaining({
          kind: 'connection_broken',
          reason: 'consent_missing',
          connectionId: connection.id,
        }),
      ]);
      expect(receiver.received).toHaveLength(1);
      const delivery = receiver.received[0]!;
      expect(delivery.headers['x-quorum-signature']).toBe(
        signatureOf(secret.body.secret, delivery.body),
      );
      expect(JSON.parse(delivery.body)).toMatchObject({
        type: 'quorum.alert.connection_broken',
        alert: { id: alerts[0]!.id, reason: 'consent_missing' },
      });

      await quorum.services.connections.monitor.runOnce();
      await quorum.services.connections.idle();
      expect(receiver.received).toHaveLength(1);
      expect(await actions()).toEqual(
        expect.arrayContaining(['connection.verification_failed', 'alert.sent']),
      );
    } finally {
      await api('PATCH', '/api/org/settings', { alertWebhookUrl: null });
      await receiver.close();
    }
  });

  it('deletes the connection, keeps the org reachable, and does not rediscover it on sign-in', async () => {
    await grantConsent(quorum.emulator, 'contoso.com');
    await removeOnly();
    expect(await quorum.services.store.findOrgByTenant(CONTOSO)).toBeDefined();
    expect(await actions()).toContain('connection.deleted');
    expect((await list()).connections).toEqual([]);
  });
});

describe('activation link', () => {
  it('connects Contoso again through the consent page', async () => {
    const link = await api<{ url: string }>('POST', '/api/org/connections/consent-link', {});
    const { final } = await followActivationLink(quorum, link.body.url, { consentAs: MEGAN.upn });
    expect(final.status).toBe(200);
    expect(await only()).toMatchObject({ enabled: true, health: { state: 'healthy' } });
    await removeOnly();
  });
});

describe('bring your own app registration with a client secret', () => {
  let app: ByoApp;
  let connection: Connection;

  it('saves it disabled and unverified, and Graph may not use it yet', async () => {
    app = await byoApp();
    const res = await api<Connection>('POST', '/api/org/connections', {
      tenantId: CONTOSO,
      clientId: app.appId,
      displayName: 'Contoso (own app)',
      credential: { kind: 'secret', secret: app.clientSecret, expiresAt: app.secretExpiresAt },
    });
    expect(res.status).toBe(201);
    connection = res.body;
    expect(connection).toMatchObject({
      enabled: false,
      credential: { kind: 'secret', expiresAt: app.secretExpiresAt },
      health: { state: 'unverified' },
    });
    await expect(quorum.services.connections.credentialFor(CONTOSO)).rejects.toMatchObject({
      code: 'ERR_CONNECTION_DISABLED',
    });
  });

  it('verifies with a probe, then enables, and Graph uses the org’s own secret', async () => {
    const verified = await api<Connection>(
      'POST',
      `/api/org/connections/${connection.id}/verify`,
      {},
    );
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ enabled: false, health: { state: 'healthy' } });
    const enabled = await api<Connection>('POST', `/api/org/connections/${connection.id}/enable`);
    expect(enabled.body.enabled).toBe(true);
    expect(await quorum.services.connections.credentialFor(CONTOSO)).toMatchObject({
      kind: 'secret',
      clientId: app.appId,
    });
  });

  it('maps an expired secret (AADSTS7000222) to credential_expired', async () => {
    await control(quorum.emulator, 'POST', `/apps/${app.appId}/secrets/${app.secretKeyId}/expire`);
    const res = await api<Connection>('POST', `/api/org/connections/${connection.id}/verify`, {});
    expect(res.body.health).toMatchObject({
      state: 'broken',
      reason: 'credential_expired',
      aadsts: 7000222,
    });
    expect(res.body.health.fix).toMatch(/rotate/i);
  });

  it('forces re-verification on rotation, and refuses to enable a wrong secret (AADSTS7000215)', async () => {
    const rotated = await api<Connection>(
      'PUT',
      `/api/org/connections/${connection.id}/credential`,
      {
        kind: 'secret',
        secret: WRONG_SECRET,
        expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(),
      },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ enabled: false, health: { state: 'unverified' } });
    const refused = await api<{ code: string; detail: string }>(
      'POST',
      `/api/org/connections/${connection.id}/enable`,
    );
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ERR_CONNECTION_VERIFICATION_FAILED');
    expect(refused.body.detail).toMatch(/^credential_invalid/);
    expect((await only()).health).toMatchObject({ reason: 'credential_invalid', aadsts: 7000215 });
  });

  it('enables again after rotating to a fresh secret', async () => {
    const { body: fresh } = await control<{
      secretText: string;
      keyId: string;
      endDateTime: string;
    }>(quorum.emulator, 'POST', `/apps/${app.appId}/secrets`, { expiresInDays: 10 });
    secretsSent.push(fresh.secretText);
    await api('PUT', `/api/org/connections/${connection.id}/credential`, {
      kind: 'secret',
      secret: fresh.secretText,
      expiresAt: fresh.endDateTime,
    });
    const enabled = await api<Connection>('POST', `/api/org/connections/${connection.id}/enable`);
    expect(enabled.status).toBe(200);
    const { alerts } = await list();
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'credential_expiring',
        thresholdDays: 14,
        connectionId: connection.id,
      }),
    ]);
    expect(await actions()).toEqual(
      expect.arrayContaining(['connection.credential_rotated', 'connection.enabled']),
    );
    await removeOnly();
    await expect(quorum.services.connections.credentialFor(CONTOSO)).rejects.toMatchObject({
      code: 'ERR_CONNECTION_MISSING',
    });
  });
});

describe('bring your own app registration with a certificate Quorum generates', () => {
  it('hands out only the public certificate, and connects once it is registered on the app', async () => {
    const app = await byoApp();
    const created = await api<Connection>('POST', '/api/org/connections', {
      tenantId: CONTOSO,
      clientId: app.appId,
      credential: { kind: 'generateCertificate', validDays: 20 },
    });
    expect(created.status).toBe(201);
    expect(created.body.credential).toMatchObject({ kind: 'certificate', generated: true });
    const pemRes = await fetch(`${quorum.url}${created.body.credential.certificateUrl}`, {
      headers: { authorization: `Bearer ${await quorum.tokenFor(MEGAN.tenant, MEGAN.upn)}` },
    });
    expect(pemRes.status).toBe(200);
    expect(pemRes.headers.get('content-type')).toMatch(/application\/x-pem-file/);
    const pem = await pemRes.text();
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem).not.toMatch(/PRIVATE KEY/);

    const before = await api<Connection>(
      'POST',
      `/api/org/connections/${created.body.id}/verify`,
      {},
    );
    expect(before.body.health).toMatchObject({ state: 'broken', reason: 'credential_invalid' });

    const registered = await control(quorum.emulator, 'POST', `/apps/${app.appId}/certificates`, {
      certPem: pem,
    });
    expect(registered.status).toBe(201);
    const enabled = await api<Connection>('POST', `/api/org/connections/${created.body.id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ enabled: true, health: { state: 'healthy' } });
    expect(await quorum.services.connections.credentialFor(CONTOSO)).toMatchObject({
      kind: 'certificate',
      clientId: app.appId,
    });
    const { alerts } = await list();
    expect(alerts.map((a) => [a.kind, a.thresholdDays])).toEqual([['credential_expiring', 30]]);
    await removeOnly();
  });
});

describe('secrets', () => {
  it('never appear in a response or a log line', async () => {
    const secrets = [quorum.emulator.quorumApp.clientSecret, WRONG_SECRET, ...secretsSent];
    expect(secretsSent.length).toBeGreaterThanOrEqual(3);
    const everything = [...seen, quorum.logs()].join('\n');
    expect(seen.length).toBeGreaterThan(20);
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/PRIVATE KEY/);
  });
});
