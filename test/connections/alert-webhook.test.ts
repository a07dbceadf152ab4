import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCertificateAuthority, type CertificateAuthority } from '../../emulator/tls/ca.js';
import {
  deliverAlerts,
  rotateAlertSigningSecret,
  signatureOf,
  type DeliveryOptions,
} from '../../server/connections/alert-webhook.js';
import type { ConnectionAlert } from '../../server/connections/alerts.js';
import { tempStore, type TempStore } from './temp-store.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const ORG = 'org-alerts';
const alert = (id: string): ConnectionAlert => ({
  id,
  kind: 'connection_broken',
  severity: 'critical',
  orgId: ORG,
  connectionId: 'c1',
  tenantId: 't1',
  displayName: 'Contoso',
  reason: 'consent_missing',
  since: '2025-06-01T00:00:00.000Z',
  message: 'The connection to Contoso stopped working.',
  fix: 'Grant consent again.',
});

let temp: TempStore;
let ca: CertificateAuthority;
let receiver: WebhookReceiver;

beforeAll(async () => {
  temp = await tempStore();
  ca = await createCertificateAuthority('Quorum webhook test CA');
  receiver = await startWebhookReceiver(ca);
});
afterAll(async () => {
  await receiver.close();
  await temp.close();
});
beforeEach(async () => {
  receiver.received.length = 0;
  receiver.answer(204);
  await temp.store.deleteOrgDoc(ORG, 'alert-deliveries');
});

/** The local default: private addresses allowed, the test CA trusted. */
const local = (): DeliveryOptions => ({
  store: temp.store,
  config: { allowPrivateWebhooks: true },
  caPem: () => Promise.resolve(ca.certPem),
  now: () => Date.now(),
});

describe('alert webhook deliveries', () => {
  it('signs the exact body with the org secret, and sends each alert once', async () => {
    const secret = await rotateAlertSigningSecret(temp.store, ORG);
    expect(secret).toMatch(/^whsec_/);
    const report = await deliverAlerts(local(), ORG, receiver.url, [alert('a1')]);
    expect(report).toEqual({ sent: ['a1'], failed: [] });
    expect(receiver.received).toHaveLength(1);
    const { headers, body } = receiver.received[0]!;
    expect(headers['x-quorum-signature']).toBe(signatureOf(secret, body));
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(body)).toMatchObject({
      type: 'quorum.alert.connection_broken',
      alert: { id: 'a1' },
    });
    await deliverAlerts(local(), ORG, receiver.url, [alert('a1')]);
    expect(receiver.received).toHaveLength(1);
  });

  it('retries an alert the receiver refused, and does not follow redirects', async () => {
    receiver.answer(500);
    expect((await deliverAlerts(local(), ORG, receiver.url, [alert('b1')])).failed).toHaveLength(1);
    receiver.answer(302);
    expect((await deliverAlerts(local(), ORG, receiver.url, [alert('b1')])).failed).toHaveLength(1);
    receiver.answer(204);
    expect((await deliverAlerts(local(), ORG, receiver.url, [alert('b1')])).sent).toEqual(['b1']);
    expect(receiver.received).toHaveLength(3);
  });

  it('refuses a receiver whose certificate it does not trust', async () => {
    const report = await deliverAlerts(
      { ...local(), caPem: () => Promise.resolve(undefined) },
      ORG,
      receiver.url,
      [alert('e1')],
    );
    expect(report.sent).toEqual([]);
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a private address at send time outside the local default', async () => {
    const strict: DeliveryOptions = { ...local(), config: { allowPrivateWebhooks: false } };
    const report = await deliverAlerts(strict, ORG, receiver.url, [alert('c1')]);
    expect(report.sent).toEqual([]);
    expect(report.failed[0]!.error).toMatch(/private, loopback or link-local/);
    // The name was public when the admin saved it; it now resolves inside.
    const rebinding: DeliveryOptions = {
      ...strict,
      lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 as const }]),
    };
    const again = await deliverAlerts(rebinding, ORG, 'https://hooks.example.com/q', [alert('c1')]);
    expect(again.failed[0]!.error).toMatch(/private, loopback or link-local/);
    const plain = await deliverAlerts(local(), ORG, receiver.url.replace('https', 'http'), [
      alert('c1'),
    ]);
    expect(plain.failed[0]!.error).toMatch(/https/);
    expect(receiver.received).toHaveLength(0);
  });

  it('connects to the address it checked, not to what the name resolves to later', async () => {
    const port = new URL(receiver.url).port;
    let lookups = 0;
    const pinned: DeliveryOptions = {
      ...local(),
      config: { allowPrivateWebhooks: false },
      // Checked once as public; the connection must not resolve again (it would get loopback).
      lookup: () => {
        lookups += 1;
        return Promise.resolve([{ address: '203.0.113.10', family: 4 as const }]);
      },
    };
    const report = await deliverAlerts(pinned, ORG, `https://hooks.example.com:${port}/q`, [
      alert('f1'),
    ]);
    expect(lookups).toBe(1);
    expect(report.sent).toEqual([]);
    expect(receiver.received).toHaveLength(0);
  });

  it('sends a new alert again after the previous one cleared', async () => {
    await deliverAlerts(local(), ORG, receiver.url, [alert('d1')]);
    await deliverAlerts(local(), ORG, receiver.url, []);
    await deliverAlerts(local(), ORG, receiver.url, [alert('d2')]);
    expect(
      receiver.received.map((r) => (JSON.parse(r.body) as { alert: { id: string } }).alert.id),
    ).toEqual(['d1', 'd2']);
  });
});
