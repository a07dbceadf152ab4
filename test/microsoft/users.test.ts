import { afterEach, describe, expect, it } from 'vitest';
import { GraphError } from '../../server/microsoft/graph/index.js';
import { DeltaExpiredError, usersDelta } from '../../server/microsoft/users.js';
import { graphError, reply, startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { clientFor } from './support/graph-client.js';

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('usersDelta', () => {
  it('collects changed and removed users and the next delta link', async () => {
    fake = await startFakeGraph((_req, res) =>
      reply(res, 200, {
        value: [
          { id: 'u1', mail: 'a@contoso.com' },
          { id: 'u2', '@removed': { reason: 'deleted' } },
        ],
        '@odata.deltaLink': `${fake!.origin}/v1.0/users/delta?$deltatoken=next`,
      }),
    );
    const { graph } = clientFor(fake);

    const result = await usersDelta(graph, 't1', {
      deltaLink: `${fake.origin}/v1.0/users/delta?$deltatoken=old`,
    });

    expect(result).toEqual({
      changed: [{ id: 'u1', mail: 'a@contoso.com' }],
      removed: [{ id: 'u2', reason: 'deleted' }],
      deltaLink: `${fake.origin}/v1.0/users/delta?$deltatoken=next`,
    });
    expect(fake.requests[0]?.url).toBe('/v1.0/users/delta?$deltatoken=old');
  });

  it('turns 410 Gone into DeltaExpiredError so the caller resyncs in full', async () => {
    fake = await startFakeGraph((_req, res) =>
      reply(res, 410, graphError('syncStateNotFound', 'token expired', 'req-410'), {
        location: 'https://graph.microsoft.com/v1.0/users/delta',
      }),
    );
    const { graph } = clientFor(fake);

    const error = await usersDelta(graph, 't1', {
      deltaLink: `${fake.origin}/v1.0/users/delta?$deltatoken=old`,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DeltaExpiredError);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({
      status: 410,
      code: 'syncStateNotFound',
      requestId: 'req-410',
      attempts: 1,
    });
  });
});
