import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetch } from '../../../server/net/fetch.js';
import { GraphClient, GraphError } from '../../../server/microsoft/graph/index.js';
import { createTestCa } from '../../support/tls.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function httpsGraph(): Promise<{ origin: string; caPem: string; auth: string[] }> {
  const ca = await createTestCa();
  const leaf = await ca.issue(['localhost']);
  const auth: string[] = [];
  server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (req, res) => {
    auth.push(req.headers.authorization ?? '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: [{ id: 'u1' }] }));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `https://localhost:${port}`, caPem: ca.caPem, auth };
}

describe('GraphClient over TLS', () => {
  it('reaches an HTTPS Graph signed by a configured CA, with the bearer token', async () => {
    const { origin, caPem, auth } = await httpsGraph();
    const graph = new GraphClient({
      baseUrl: origin,
      customHosts: ['localhost'],
      fetch: createFetch({ caPem }),
      tokenProvider: (tid) => Promise.resolve(`tok-${tid}`),
    });

    const body = await graph.get<{ value: { id: string }[] }>('t1', '/users');

    expect(body.value).toEqual([{ id: 'u1' }]);
    expect(auth).toEqual(['Bearer tok-t1']);
  });

  it('keeps verifying certificates: without the CA the call fails and nothing is served', async () => {
    const { origin, auth } = await httpsGraph();
    const graph = new GraphClient({
      baseUrl: origin,
      fetch: createFetch(),
      tokenProvider: () => Promise.resolve('tok'),
      retry: { maxAttempts: 1 },
    });

    const error = await graph.get('t1', '/users').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 0, code: 'NetworkError', attempts: 1 });
    expect(auth).toEqual([]);
  });
});
