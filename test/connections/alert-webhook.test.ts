import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deliverAlerts,
  rotateAlertSigningSecret,
  signatureOf,
} from '../../server/connections/alert-webhook.js';
import type { ConnectionAlert } from '../../server/connections/alerts.js';
import { tempStore, type TempStore } from './temp-store.js';

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
let receiver: http.Server;
let url: string;
let status = 204;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  temp = await tempStore();
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res
        .writeHead(status, status === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {})
        .end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await temp.close();
});
beforeEach(async () => {
  received.length = 0;
  status = 204;
  await temp.store.deleteOrgDoc(ORG, 'alert-deliveries').catch(() => false);
});

const local = () => ({
  store: temp.store,
  config: { allowPrivateWebhooks: true },
  now: () => Date.now(),
});

describe('alert webhook deliveries', () => {
  it('signs the exact body with the org secret, and sends each alert once', async () => {
    const secret = await rotateAlertSigningSecret(temp.store, ORG);
    expect(secret).toMatch(/^whsec_/);
    const report = await deliverAlerts(local(), ORG, url, [alert('a1')]);
    expect(report).toEqual({ sent: ['a1'], failed: [] });
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    expect(headers['x-quorum-signature']).toBe(signatureOf(secret, body));
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(body)).toMatchObject({
      type: 'quorum.alert.connection_broken',
      alert: { id: 'a1' },
    });
    await deliverAlerts(local(), ORG, url, [alert('a1')]);
    expect(received).toHaveLength(1);
  });

  it('retries an alert the receiver refused, and does not follow redirects', async () => {
    status = 500;
    expect((await deliverAlerts(local(), ORG, url, [alert('b1')])).failed).toHaveLength(1);
    status = 302;
    expect((await deliverAlerts(local(), ORG, url, [alert('b1')])).failed).toHaveLength(1);
    status = 204;
    expect((await deliverAlerts(local(), ORG, url, [alert('b1')])).sent).toEqual(['b1']);
    expect(received).toHaveLength(3);
  });

  it('refuses a private address at send time outside the local default', async () => {
    const strict = { ...local(), config: { allowPrivateWebhooks: false } };
    const report = await deliverAlerts(strict, ORG, url, [alert('c1')]);
    expect(report.sent).toEqual([]);
    expect(report.failed[0]!.error).toMatch(/https/);
    const rebinding = {
      ...strict,
      // The name was public when the admin saved it; it now resolves inside.
      lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 as const }]),
    };
    const again = await deliverAlerts(rebinding, ORG, 'https://hooks.example.com/q', [alert('c1')]);
    expect(again.failed[0]!.error).toMatch(/private, loopback or link-local/);
    expect(received).toHaveLength(0);
  });

  it('sends a new alert again after the previous one cleared', async () => {
    await deliverAlerts(local(), ORG, url, [alert('d1')]);
    await deliverAlerts(local(), ORG, url, []);
    await deliverAlerts(local(), ORG, url, [alert('d2')]);
    expect(received.map((r) => (JSON.parse(r.body) as { alert: { id: string } }).alert.id)).toEqual(
      ['d1', 'd2'],
    );
  });
});
