import { afterEach, describe, expect, it } from 'vitest';
import { GraphError, type BatchItem } from '../../../server/microsoft/graph/index.js';
import { graphError, reply, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { clientFor } from '../support/graph-client.js';

interface WireItem {
  id: string;
  method: string;
  url: string;
  dependsOn?: string[];
}

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A $batch endpoint answering each item with `answer`; records every HTTP batch it gets. */
async function batchServer(
  answer: (item: WireItem, seen: number) => { status: number; headers?: object; body?: unknown },
): Promise<WireItem[][]> {
  const batches: WireItem[][] = [];
  const seen = new Map<string, number>();
  fake = await startFakeGraph((req, res) => {
    if (req.url !== '/v1.0/$batch') return reply(res, 200, {});
    const { requests } = req.body as { requests: WireItem[] };
    batches.push(requests);
    setTimeout(() => {
      const responses = requests.map((item) => {
        const n = (seen.get(item.id) ?? 0) + 1;
        seen.set(item.id, n);
        return { id: item.id, ...answer(item, n) };
      });
      // Graph answers items in any order.
      reply(res, 200, { responses: responses.reverse() }, { 'request-id': 'outer-req' });
    }, 10);
  });
  return batches;
}

describe('GraphClient.batch', () => {
  it('sends 45 requests as 3 batches, retries a throttled item and maps 404 and 424', async () => {
    const batches = await batchServer((item, n) => {
      if (item.id === 'm7' && n === 1) {
        return {
          status: 429,
          headers: { 'Retry-After': '5' },
          body: graphError('TooManyRequests', 'wait', 'r7'),
        };
      }
      if (item.id === 'm30')
        return { status: 404, body: graphError('ErrorItemNotFound', 'gone', 'r30') };
      if (item.id === 'm31') return { status: 424 };
      return { status: 200, body: { id: item.id } };
    });
    const { graph, clock } = clientFor(fake!);
    const items: BatchItem[] = Array.from({ length: 45 }, (_, i) => ({
      id: `m${i}`,
      url: `/users/user${i}@contoso.com/mailboxSettings`,
      ...(i === 31 ? { dependsOn: ['m30'] } : {}),
    }));

    const results = await graph.batch('t1', items);

    // The first three go out together (and may arrive in any order); the retry follows.
    expect(batches.slice(0, 3).map((b) => b.length)).toEqual(expect.arrayContaining([20, 20, 5]));
    expect(batches).toHaveLength(4);
    expect(batches[3]).toHaveLength(1);
    expect(batches[3]?.[0]?.id).toBe('m7');
    const withDependency = batches.find((b) => b.some((i) => i.id === 'm31'));
    expect(withDependency?.find((i) => i.id === 'm30')).toBeDefined();
    expect(withDependency?.find((i) => i.id === 'm31')?.dependsOn).toEqual(['m30']);
    expect(clock.sleeps).toEqual([5_000]);
    expect([...results.keys()]).toEqual(items.map((i) => i.id));
    expect(results.get('m7')).toEqual({
      ok: true,
      id: 'm7',
      status: 200,
      headers: {},
      body: { id: 'm7' },
      attempts: 2,
    });
    const notFound = results.get('m30');
    const failedDependency = results.get('m31');
    expect(notFound?.ok).toBe(false);
    expect(failedDependency?.ok).toBe(false);
    if (notFound?.ok === false && failedDependency?.ok === false) {
      expect(notFound.error).toBeInstanceOf(GraphError);
      expect(notFound.error).toMatchObject({
        status: 404,
        code: 'ErrorItemNotFound',
        requestId: 'r30',
        attempts: 1,
      });
      expect(failedDependency.error).toMatchObject({
        status: 424,
        code: 'FailedDependency',
        requestId: 'outer-req',
        attempts: 1,
      });
    }
    expect(fake!.requests.every((r) => r.url === '/v1.0/$batch' && r.method === 'POST')).toBe(true);
  });

  it('re-sends a dependent item with the dependency it waited for', async () => {
    const batches = await batchServer((item, n) => {
      if (item.id === 'a' && n === 1) return { status: 503, headers: { 'retry-after': '2' } };
      if (item.id === 'b' && n === 1) return { status: 424 };
      return { status: 201, body: { id: item.id } };
    });
    const { graph } = clientFor(fake!);

    const results = await graph.batch('t1', [
      { id: 'a', url: '/users/u1/calendar' },
      { id: 'b', url: '/users/u1/mailboxSettings', dependsOn: ['a'] },
      { id: 'c', url: '/users/u2/calendar' },
    ]);

    expect(batches.map((b) => b.map((i) => i.id))).toEqual([
      ['a', 'b', 'c'],
      ['a', 'b'],
    ]);
    expect(batches[1]?.[1]?.dependsOn).toEqual(['a']);
    expect([...results.values()].map((r) => r.ok && r.attempts)).toEqual([2, 2, 1]);
  });

  it('gives up on an item that stays throttled, with its Retry-After and attempts', async () => {
    await batchServer(() => ({
      status: 429,
      headers: { 'Retry-After': '1' },
      body: graphError('ApplicationThrottled', 'MailboxConcurrency', 'r-x'),
    }));
    const { graph } = clientFor(fake!, { retry: { maxAttempts: 3 } });

    const results = await graph.batch('t1', [{ id: 'x', url: '/users/u1/calendar' }]);

    const x = results.get('x');
    expect(x?.ok).toBe(false);
    if (x?.ok === false) {
      expect(x.error).toMatchObject({
        status: 429,
        code: 'ApplicationThrottled',
        requestId: 'r-x',
        attempts: 3,
        retryAfterSeconds: 1,
      });
    }
    expect(fake!.requests).toHaveLength(3);
  });

  it('does not replay a POST item that was throttled unless it is idempotent', async () => {
    await batchServer((_item, n) =>
      n === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 201 },
    );
    const { graph } = clientFor(fake!);

    const results = await graph.batch('t1', [
      { id: 'plain', method: 'POST', url: '/users/u1/events', body: { subject: 'a' } },
      {
        id: 'safe',
        method: 'POST',
        url: '/users/u2/events',
        body: { subject: 'b' },
        idempotent: true,
      },
    ]);

    expect(results.get('plain')).toMatchObject({ ok: false, error: { status: 429, attempts: 1 } });
    expect(results.get('safe')).toMatchObject({ ok: true, status: 201, attempts: 2 });
  });

  it('puts at most 4 items for one mailbox in a batch and holds its slots while in flight', async () => {
    // Load on the mailbox as Outlook sees it: each batch item and each plain request counts one.
    let load = 0;
    let peak = 0;
    const sizes: number[] = [];
    fake = await startFakeGraph((req, res) => {
      const items = (req.body as { requests?: WireItem[] } | undefined)?.requests;
      const weight = items?.length ?? 1;
      if (items) sizes.push(items.length);
      load += weight;
      peak = Math.max(peak, load);
      setTimeout(() => {
        load -= weight;
        const responses = items?.map((i) => ({ id: i.id, status: 200, body: {} }));
        reply(res, 200, items ? { responses } : {});
      }, 20);
    });
    const { graph } = clientFor(fake);
    const items = Array.from({ length: 10 }, (_, i) => ({
      id: `i${i}`,
      url: `/users/Same@x.com/events/e${i}`,
    }));

    await Promise.all([
      graph.batch('t1', items),
      graph.get('t1', '/users/same@x.com/calendar'),
      graph.get('t1', '/users/same@x.com/mailboxSettings'),
    ]);

    expect(sizes.sort((a, b) => a - b)).toEqual([2, 4, 4]);
    expect(peak).toBe(4);
  });

  it.each([
    [
      'duplicate ids',
      [
        { id: 'a', url: '/users' },
        { id: 'a', url: '/users' },
      ],
    ],
    ['an unknown dependency', [{ id: 'a', url: '/users', dependsOn: ['zz'] }]],
    ['an absolute url', [{ id: 'a', url: 'https://graph.microsoft.com/v1.0/users' }]],
  ])('rejects %s', async (_, items) => {
    fake = await startFakeGraph((_req, res) => reply(res, 200, { responses: [] }));
    const { graph } = clientFor(fake);
    await expect(graph.batch('t1', items)).rejects.toThrow(TypeError);
  });
});
