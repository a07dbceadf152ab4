// A notification receiver for the subscription conformance tests: HTTPS with a certificate from the
// emulator's CA (as a local Quorum has), answering the validation handshake and notification POSTs
// the way each test asks — correctly, wrongly, slowly, or not at all — and recording what came in.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { issueServerCertificate, type CertificateAuthority } from '../../../emulator/tls/ca.js';

/** How the receiver answers one path. */
export type ReceiverMode =
  | { kind: 'ok' }
  | { kind: 'status'; status: number }
  | { kind: 'wrongToken' }
  | { kind: 'jsonHandshake' }
  | { kind: 'hang' }
  | { kind: 'slow'; ms: number };

export interface ReceivedRequest {
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
  at: number;
}

export interface Receiver {
  /** `https://localhost:{port}` */
  url: string;
  requests: ReceivedRequest[];
  /** Notification bodies (not handshakes) POSTed to `path`, parsed. */
  notifications(path: string): { value: Record<string, unknown>[] }[];
  /** Every notification item POSTed to `path`, flattened. */
  items(path: string): Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  /** Answers for the handshake and notifications on `path`; `times` then back to `ok`. */
  set(path: string, mode: ReceiverMode, times?: number): void;
  close(): Promise<void>;
}

export async function startReceiver(ca: CertificateAuthority): Promise<Receiver> {
  const tls = await issueServerCertificate(ca, ['localhost', '127.0.0.1']);
  const modes = new Map<string, { mode: ReceiverMode; times: number | undefined }>();
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<() => void>();

  const server = https.createServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://localhost');
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({
        path: url.pathname,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        body,
        at: Date.now(),
      });
      const entry = modes.get(url.pathname);
      const mode = entry?.mode ?? { kind: 'ok' };
      if (entry?.times !== undefined) {
        entry.times -= 1;
        if (entry.times <= 0) modes.delete(url.pathname);
      }
      const token = url.searchParams.get('validationToken');
      const answer = () => {
        if (token !== null) res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
        else res.writeHead(202).end();
      };
      switch (mode.kind) {
        case 'ok':
          answer();
          return;
        case 'status':
          res.writeHead(mode.status).end();
          return;
        case 'wrongToken':
          res.writeHead(200, { 'content-type': 'text/plain' }).end('not the token');
          return;
        case 'jsonHandshake':
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(token));
          return;
        case 'slow':
          setTimeout(answer, mode.ms);
          return;
        case 'hang': {
          const release = () => res.destroy();
          hanging.add(release);
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const notifications = (path: string) =>
    requests
      .filter((r) => r.path === path && !r.query.has('validationToken') && r.body)
      .map((r) => JSON.parse(r.body) as { value: Record<string, unknown>[] });

  return {
    url: `https://localhost:${port}`,
    requests,
    notifications,
    items: (path) => notifications(path).flatMap((n) => n.value),
    set(path, mode, times) {
      modes.set(path, { mode, times });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of hanging) release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 5_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
