import { afterEach, describe, expect, it } from 'vitest';
import { GraphError } from '../../../server/microsoft/graph/index.js';
import { graphError, reply, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { clientFor } from '../support/graph-client.js';

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphError);
  return error as GraphError;
}

describe('GraphClient retries', () => {
  it('waits for Retry-After after a 429 and then succeeds', async () => {
    fake = await startFakeGraph((_req, res, n) =>
      n === 1
        ? reply(res, 429, graphError('TooManyRequests', 'slow down', 'req-1'), {
            'retry-after': '10',
          })
        : reply(res, 200, { id: 'u1' }, { 'request-id': 'req-2' }),
    );
    const { graph, clock } = clientFor(fake);

    const res = await graph.request<{ id: string }>({ tenantId: 't1', path: '/users/u1' });

    expect(res).toMatchObject({ status: 200, body: { id: 'u1' }, attempts: 2, requestId: 'req-2' });
    expect(clock.sleeps).toEqual([10_000]);
    expect(fake.requests.map((r) => r.url)).toEqual(['/v1.0/users/u1', '/v1.0/users/u1']);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer token-for-t1');
    expect(fake.requests[0]?.headers['client-request-id']).toBe(
      fake.requests[1]?.headers['client-request-id'],
    );
  });

  it('reads Retry-After given as an HTTP date', async () => {
    let retryAt = '';
    fake = await startFakeGraph((_req, res, n) =>
      n === 1 ? reply(res, 503, undefined, { 'retry-after': retryAt }) : reply(res, 200, {}),
    );
    const { graph, clock } = clientFor(fake);
    retryAt = new Date(clock.now() + 7_000).toUTCString();

    await graph.get('t1', '/organization');

    expect(clock.sleeps).toEqual([7_000]);
  });

  it('gives up on a 503 storm after max attempts, keeping the request id', async () => {
    fake = await startFakeGraph((_req, res, n) =>
      reply(res, 503, graphError('ServiceUnavailable', 'try later', `req-${n}`)),
    );
    const { graph, clock } = clientFor(fake, { retry: { maxAttempts: 4, baseDelayMs: 1_000 } });

    const error = await failure(graph.get('t1', '/users'));

    expect(error).toMatchObject({
      status: 503,
      code: 'ServiceUnavailable',
      message: 'try later',
      requestId: 'req-4',
      date: '2025-01-02T03:04:05',
      attempts: 4,
      retryAfterSeconds: undefined,
    });
    expect(error.transient).toBe(true);
    // Exponential backoff with equal jitter, random() = 0: half of 1 s, 2 s, 4 s.
    expect(clock.sleeps).toEqual([500, 1_000, 2_000]);
    expect(fake.requests).toHaveLength(4);
  });

  it('takes the request id from the response header when the body has none', async () => {
    fake = await startFakeGraph((_req, res) =>
      reply(res, 504, undefined, { 'request-id': 'hdr-id', 'retry-after': '1' }),
    );
    const { graph } = clientFor(fake, { retry: { maxAttempts: 2 } });

    const error = await failure(graph.get('t1', '/users'));

    expect(error).toMatchObject({
      status: 504,
      code: 'HTTP504',
      requestId: 'hdr-id',
      attempts: 2,
      retryAfterSeconds: 1,
    });
  });

  it('does not retry a POST unless it is marked idempotent', async () => {
    fake = await startFakeGraph((_req, res) =>
      reply(res, 429, graphError('ApplicationThrottled', 'MailboxConcurrency', 'req-p'), {
        'retry-after': '2',
      }),
    );
    const { graph, clock } = clientFor(fake, { retry: { maxAttempts: 3 } });

    const plain = await failure(graph.post('t1', '/users/u1/events', { subject: 'x' }));
    expect(plain).toMatchObject({ status: 429, code: 'ApplicationThrottled', attempts: 1 });
    expect(plain.retryAfterSeconds).toBe(2);
    expect(fake.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);

    const marked = await failure(
      graph.post('t1', '/users/u1/events', { subject: 'x' }, { idempotent: true }),
    );
    expect(marked).toMatchObject({ status: 429, requestId: 'req-p', attempts: 3 });
    expect(fake.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([2_000, 2_000]);
  });

  it.each([
    [400, 'ErrorInvalidParameter'],
    [403, 'ErrorAccessDenied'],
    [404, 'MailboxNotEnabledForRESTAPI'],
    [500, 'InternalServerError'],
  ])('never retries a %i (%s)', async (status, code) => {
    fake = await startFakeGraph((_req, res) => reply(res, status, graphError(code, 'no', 'req-x')));
    const { graph } = clientFor(fake);

    const error = await failure(graph.get('t1', '/users/u1/mailboxSettings'));

    expect(error).toMatchObject({ status, code, requestId: 'req-x', attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });

  it('fails at once when Retry-After is longer than the single-wait cap', async () => {
    fake = await startFakeGraph((_req, res) =>
      reply(res, 429, graphError('TooManyRequests', 'later', 'req-long'), { 'retry-after': '120' }),
    );
    const { graph, clock } = clientFor(fake, { retry: { maxSingleWaitMs: 60_000 } });

    const error = await failure(graph.get('t1', '/users'));

    expect(error).toMatchObject({ status: 429, attempts: 1, retryAfterSeconds: 120 });
    expect(clock.sleeps).toEqual([]);
  });

  it('stops when the total wait would pass its cap', async () => {
    fake = await startFakeGraph((_req, res) => reply(res, 429, {}, { 'retry-after': '30' }));
    const { graph, clock } = clientFor(fake, {
      retry: { maxAttempts: 10, maxTotalWaitMs: 75_000 },
    });

    const error = await failure(graph.get('t1', '/users'));

    expect(error.attempts).toBe(3);
    expect(clock.sleeps).toEqual([30_000, 30_000]);
  });

  it('times out a hung attempt and retries a GET', async () => {
    fake = await startFakeGraph((_req, res, n) => {
      if (n > 1) reply(res, 200, { ok: true });
      // The first request is never answered.
    });
    const { graph } = clientFor(fake, { timeoutMs: 100 });

    const res = await graph.request({ tenantId: 't1', path: '/users/u1' });

    expect(res.attempts).toBe(2);
  });

  it('reports a timed-out POST as ClientTimeout without re-sending it', async () => {
    fake = await startFakeGraph(() => undefined);
    const { graph } = clientFor(fake, { timeoutMs: 100 });

    const error = await failure(graph.post('t1', '/users/u1/events', {}));

    expect(error).toMatchObject({ status: 0, code: 'ClientTimeout', attempts: 1 });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('GraphClient addressing', () => {
  it('asks the token provider for the tenant each call names', async () => {
    fake = await startFakeGraph((_req, res) => reply(res, 200, {}));
    const asked: string[] = [];
    const { graph } = clientFor(fake, {
      tokenProvider: (tid) => {
        asked.push(tid);
        return Promise.resolve(`tok-${tid}`);
      },
    });

    await graph.get('tenant-a', '/organization');
    await graph.get('tenant-b', '/organization');

    expect(asked).toEqual(['tenant-a', 'tenant-b']);
    expect(fake.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer tok-tenant-a',
      'Bearer tok-tenant-b',
    ]);
  });

  it('builds OData queries and keeps absolute links verbatim', async () => {
    fake = await startFakeGraph((_req, res) => reply(res, 200, {}));
    const { graph } = clientFor(fake);
    const link = `${fake.origin}/v1.0/users/delta?$deltatoken=ab%3D%3D&$select=id`;

    await graph.request({
      tenantId: 't',
      path: '/users',
      query: { $select: 'id,mail', $top: 999 },
    });
    await graph.request({ tenantId: 't', path: link });

    expect(fake.requests.map((r) => r.url)).toEqual([
      '/v1.0/users?$select=id%2Cmail&$top=999',
      '/v1.0/users/delta?$deltatoken=ab%3D%3D&$select=id',
    ]);
  });

  it('refuses to send a token to a host that is not Graph, the base URL or a custom host', async () => {
    fake = await startFakeGraph((_req, res) => reply(res, 200, {}));
    const { graph } = clientFor(fake);

    await expect(
      graph.request({ tenantId: 't', path: 'https://evil.example/v1.0/users' }),
    ).rejects.toThrow('untrusted host evil.example');
    expect(fake.requests).toHaveLength(0);
  });

  it.each([['localhost:4444'], ['https://localhost']])(
    'rejects customHosts entry %s (hostnames only)',
    (host) => {
      expect(() =>
        clientFor({ origin: 'https://localhost:4444' } as FakeGraph, { customHosts: [host] }),
      ).toThrow(TypeError);
    },
  );
});
