// A local HTTPS endpoint that records what Quorum POSTs to it, with a certificate from a test CA.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { issueServerCertificate, type CertificateAuthority } from '../../emulator/tls/ca.js';

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface WebhookReceiver {
  /** `https://127.0.0.1:<port>/hook`. */
  url: string;
  received: Received[];
  /** The status the next deliveries get (204 by default). */
  answer(status: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(ca: CertificateAuthority): Promise<WebhookReceiver> {
  const { certPem, keyPem } = await issueServerCertificate(ca, ['127.0.0.1', 'localhost']);
  const received: Received[] = [];
  let status = 204;
  const server = https.createServer({ cert: certPem, key: keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, status === 302 ? { location: 'https://127.0.0.1:1/elsewhere' } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    answer: (next) => {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
