import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetch } from '../../server/net/fetch.js';
import { listenOnEphemeralPort, type Listening } from '../support/http.js';
import { createTestCa, type TestCa } from '../support/tls.js';

let ca: TestCa;
let server: Listening;

beforeAll(async () => {
  ca = await createTestCa();
  const leaf = await ca.issue();
  server = await listenOnEphemeralPort(
    () => undefined,
    https.createServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }),
  );
});

afterAll(async () => {
  await server?.close();
});

describe('createFetch', () => {
  it('trusts a server whose certificate chains to the extra CA', async () => {
    const response = await createFetch({ caPem: ca.caPem })(`${server.url}/x`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('still verifies certificates: without the CA the same server is refused', async () => {
    await expect(createFetch()(`${server.url}/x`)).rejects.toThrow(/fetch failed/);
  });

  it('does not trust a different CA', async () => {
    const other = await createTestCa('Another CA');
    await expect(createFetch({ caPem: [other.caPem] })(`${server.url}/x`)).rejects.toThrow(
      /fetch failed/,
    );
  });
});
