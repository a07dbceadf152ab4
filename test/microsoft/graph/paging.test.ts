import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../server/microsoft/graph/index.js';
import { reply, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { clientFor } from '../support/graph-client.js';

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('GraphClient.pages', () => {
  it('follows absolute nextLinks verbatim across 3 pages and returns the deltaLink', async () => {
    fake = await startFakeGraph((req, res, n) => {
      const origin = fake!.origin;
      if (n === 1) {
        reply(res, 200, {
          value: [{ id: '1' }, { id: '2' }],
          '@odata.nextLink': `${origin}/v1.0/users/delta?$skiptoken=P2%3D%3D&$select=id`,
        });
      } else if (n === 2) {
        reply(res, 200, {
          value: [{ id: '3' }],
          '@odata.nextLink': `${origin}/v1.0/users/delta?$skiptoken=P3%3D%3D&$select=id`,
        });
      } else {
        reply(res, 200, {
          value: [{ id: '4' }],
          '@odata.deltaLink': `${origin}/v1.0/users/delta?$deltatoken=D1`,
        });
      }
    });
    const { graph } = clientFor(fake);

    const { items, deltaLink } = await collect(
      graph.pages<{ id: string }>({
        tenantId: 't1',
        path: '/users/delta',
        query: { $select: 'id' },
        headers: { ConsistencyLevel: 'eventual' },
      }),
    );

    expect(items.map((u) => u.id)).toEqual(['1', '2', '3', '4']);
    expect(deltaLink).toBe(`${fake.origin}/v1.0/users/delta?$deltatoken=D1`);
    expect(fake.requests.map((r) => r.url)).toEqual([
      '/v1.0/users/delta?$select=id',
      '/v1.0/users/delta?$skiptoken=P2%3D%3D&$select=id',
      '/v1.0/users/delta?$skiptoken=P3%3D%3D&$select=id',
    ]);
    // Graph does not carry request headers over to the next page; the client re-sends them.
    expect(fake.requests.map((r) => r.headers.consistencylevel)).toEqual([
      'eventual',
      'eventual',
      'eventual',
    ]);
  });
});
