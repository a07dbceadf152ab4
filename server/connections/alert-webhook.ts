// Delivers connection alerts to the org's webhook: JSON POSTed with `X-Quorum-Signature:
// sha256=<hex HMAC of the raw body>` under a per-org signing secret, each alert once. The URL is
// re-checked and resolved at send time and the connection goes to the checked address only.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import type { Config } from '../config.js';
import {
  assertSafeWebhookUrl,
  type HostLookup,
  type ResolvedAddress,
} from '../notifications/webhook-url.js';
import type { Store } from '../store/index.js';
import type { ConnectionAlert } from './alerts.js';

const SIGNING_SECRET = 'alert-webhook-signing-secret';
const DELIVERIES_DOC = 'alert-deliveries';
const TIMEOUT_MS = 10_000;

/** Creates a new signing secret for the org's alert webhook; the plaintext is returned once. */
export async function rotateAlertSigningSecret(store: Store, orgId: string): Promise<string> {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  await store.putSecret(orgId, SIGNING_SECRET, secret);
  return secret;
}

/** The org's signing secret, created on first need (an admin can rotate it to see one). */
async function signingSecret(store: Store, orgId: string): Promise<string> {
  return (await store.readSecret(orgId, SIGNING_SECRET)) ?? rotateAlertSigningSecret(store, orgId);
}

/** `sha256=` + hex HMAC-SHA256 of the exact body bytes, as receivers recompute it. */
export function signatureOf(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface DeliveryOptions {
  store: Store;
  config: Pick<Config, 'allowPrivateWebhooks'>;
  lookup?: HostLookup;
  /** Extra CA certificates (PEM) trusted besides the system roots (`QUORUM_CA_FILE`). */
  caPem?: () => Promise<string | undefined>;
  now: () => number;
}

export interface DeliveryReport {
  sent: string[];
  failed: { id: string; error: string }[];
}

type Deliveries = Record<string, string>;

/**
 * Sends each alert not sent before to `webhookUrl`, records the ones the receiver accepted (2xx),
 * and forgets records of alerts no longer raised. Failures are retried on the next call.
 */
export async function deliverAlerts(
  options: DeliveryOptions,
  orgId: string,
  webhookUrl: string | null,
  alerts: readonly ConnectionAlert[],
): Promise<DeliveryReport> {
  const { store } = options;
  const sent = (await store.getOrgDoc<Deliveries>(orgId, DELIVERIES_DOC)) ?? {};
  const report: DeliveryReport = { sent: [], failed: [] };
  const pending = alerts.filter((a) => sent[a.id] === undefined);
  const current = new Set(alerts.map((a) => a.id));
  const stale = Object.keys(sent).some((id) => !current.has(id));
  if ((pending.length === 0 || webhookUrl === null) && !stale) return report;
  if (webhookUrl !== null && pending.length > 0) {
    const secret = await signingSecret(store, orgId);
    for (const alert of pending) {
      try {
        await postAlert(options, webhookUrl, secret, alert);
        report.sent.push(alert.id);
      } catch (error) {
        report.failed.push({ id: alert.id, error: (error as Error).message });
      }
    }
  }
  const at = new Date(options.now()).toISOString();
  await store.updateOrgDoc<Deliveries>(orgId, DELIVERIES_DOC, (previous) => {
    const next: Deliveries = {};
    for (const [id, when] of Object.entries(previous ?? {})) if (current.has(id)) next[id] = when;
    for (const id of report.sent) next[id] = at;
    return next;
  });
  return report;
}

async function postAlert(
  options: DeliveryOptions,
  webhookUrl: string,
  secret: string,
  alert: ConnectionAlert,
): Promise<void> {
  const target = await assertSafeWebhookUrl(webhookUrl, {
    allowPrivate: options.config.allowPrivateWebhooks,
    ...(options.lookup ? { lookup: options.lookup } : {}),
  });
  const caPem = await options.caPem?.();
  const deliveryId = randomUUID();
  const body = JSON.stringify({
    type: `quorum.alert.${alert.kind}`,
    deliveryId,
    sentAt: new Date(options.now()).toISOString(),
    alert,
  });
  await post(target.url, target.addresses, caPem, body, {
    'content-type': 'application/json',
    'user-agent': 'Quorum-Alerts/1',
    'x-quorum-event': alert.kind,
    'x-quorum-delivery': deliveryId,
    'x-quorum-signature': signatureOf(secret, body),
  });
}

/**
 * POSTs over HTTPS to one of the checked addresses (no DNS lookup of its own, so an answer that
 * changed since the check cannot slip past it). With private addresses allowed nothing was checked
 * and the name resolves as usual.
 */
function post(
  url: URL,
  addresses: readonly ResolvedAddress[],
  caPem: string | undefined,
  body: string,
  headers: Record<string, string>,
): Promise<void> {
  const pinned = addresses[0];
  const lookup: LookupFunction | undefined = pinned
    ? (_hostname, options, callback) => {
        if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
        else callback(null, pinned.address, pinned.family);
      }
    : undefined;
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        ...(lookup ? { lookup } : {}),
        ...(caPem ? { ca: [...tls.rootCertificates, caPem] } : {}),
        timeout: TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          // Redirects are not followed: the target was checked, its redirect would not be.
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`the webhook answered ${status}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('the webhook did not answer in time')));
    req.on('error', reject);
    req.end(body);
  });
}
