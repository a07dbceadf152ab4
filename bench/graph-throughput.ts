// The floor later figures are read against: raw emulated-Graph throughput (plain HTTPS GETs at 0 and
// 20 ms latency) and Quorum's Graph client pushing health probes through $batch.
import { fetch as undiciFetch, Agent } from 'undici';
import tls from 'node:tls';
import { createEmulator, type Emulator } from '../emulator/emulator.js';
import { generateTenant } from '../emulator/world/generate.js';
import { round, type Benchmark, type BenchResult } from './results.js';
import { appGraph, appIdentity, appTargetOf } from './support/app.js';
import { emulatorControl } from './support/emulator-control.js';

const USERS = 2_000;
const RAW_REQUESTS = 3_000;
const RAW_CONCURRENCY = 64;

/** Requests/s of plain GETs spread over many mailboxes (so no mailbox limit applies). */
async function rawThroughput(
  emulator: Emulator,
  token: string,
  userIds: string[],
): Promise<number> {
  const agent = new Agent({
    connect: {
      secureContext: tls.createSecureContext({
        ca: [...tls.rootCertificates, emulator.ca.certPem],
      }),
    },
    connections: RAW_CONCURRENCY,
  });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RAW_CONCURRENCY }, async () => {
      while (next < RAW_REQUESTS) {
        const id = userIds[next % userIds.length]!;
        next += 1;
        const res = await undiciFetch(`${emulator.graphUrl}/v1.0/users/${id}/mailboxSettings`, {
          headers: { authorization: `Bearer ${token}` },
          dispatcher: agent,
        });
        if (res.status !== 200) throw new Error(`unexpected ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
  const elapsed = performance.now() - started;
  await agent.close();
  return (RAW_REQUESTS / elapsed) * 1000;
}

export const graphThroughputBenchmark: Benchmark = {
  name: 'graph-throughput',
  async run(): Promise<BenchResult[]> {
    const tenant = generateTenant({ domain: 'bench-graph.example', count: USERS });
    const emulator = await createEmulator({ extraTenants: [tenant] });
    try {
      const app = emulator.world.findApp(emulator.quorumApp.clientId)!;
      emulator.world.grantAdminConsent(tenant, app);
      const target = appTargetOf(emulator);
      const token = await appIdentity(target).token(tenant.id);
      // Mailboxes that answer 200 (the generator also makes unlicensed and out-of-scope people).
      const people = tenant.users
        .filter(
          (u) =>
            u.mailbox.kind === 'user' &&
            !u.mailbox.onPremises &&
            u.mailbox.access === 'full' &&
            u.assignedLicenses.length > 0,
        )
        .map((u) => u.id);

      const raw0 = await rawThroughput(emulator, token, people);
      await emulatorControl(target)('POST', '/latency', { ms: 20 });
      const raw20 = await rawThroughput(emulator, token, people);

      const graph = appGraph(target);
      const items = people.flatMap((id) => [
        { id: `${id}:s`, url: `/users/${id}/mailboxSettings` },
        { id: `${id}:c`, url: `/users/${id}/calendar?$select=id` },
      ]);
      const started = performance.now();
      const results = await graph.batch(tenant.id, items);
      const batchMs = performance.now() - started;
      const failed = [...results.values()].filter((r) => !r.ok).length;
      if (failed > 0) throw new Error(`${failed} batch items failed`);
      return [
        {
          name: 'emulated Graph, raw GET throughput, 0 ms latency (64 concurrent)',
          value: round(raw0, 0),
          unit: 'requests/s',
          target: 'informational (the ceiling for every Graph-bound figure)',
        },
        {
          name: 'emulated Graph, raw GET throughput, 20 ms latency (64 concurrent)',
          value: round(raw20, 0),
          unit: 'requests/s',
          target: 'informational (≤ 64 / 0.020 = 3,200 by Little’s law)',
        },
        {
          name: `Graph client $batch probes, ${people.length} mailboxes × 2 at 20 ms latency`,
          value: round((items.length / batchMs) * 1000, 0),
          unit: 'items/s',
          target: 'informational',
        },
        {
          name: `Graph client $batch probes, wall time for ${people.length} mailboxes`,
          value: round(batchMs / 1000, 2),
          unit: 's',
          target: 'informational',
        },
      ];
    } finally {
      await emulator.close();
    }
  },
};
