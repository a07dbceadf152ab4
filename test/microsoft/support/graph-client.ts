// Builds a GraphClient pointed at a fake server, with a fake clock and no jitter.

import { GraphClient, type GraphClientOptions } from '../../../server/microsoft/graph/index.js';
import { FakeClock } from './fake-clock.js';
import type { FakeGraph } from './fake-graph.js';

export function clientFor(
  fake: FakeGraph,
  options: Partial<GraphClientOptions> = {},
): { graph: GraphClient; clock: FakeClock } {
  const clock = new FakeClock();
  const graph = new GraphClient({
    baseUrl: fake.origin,
    tokenProvider: (tid) => Promise.resolve(`token-for-${tid}`),
    clock,
    random: () => 0,
    ...options,
  });
  return { graph, clock };
}
