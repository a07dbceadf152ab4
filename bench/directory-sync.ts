// Directory sync + health sweep at scale (DESIGN §8): 10,000 and 50,000 generated members with
// the emulator at 20 ms latency — Graph requests against the lower bound, wall time, 429s, store
// writes, event-loop delay; the naive per-member loop with the official Graph SDK on a 2,000-member
// sample; an incremental sync with no change; the member list under 16 concurrent clients; RSS.
//
// Three processes, all on loopback: the emulator (one child for the whole run), Quorum's server (a
// fresh child per size, so its event loop and memory are its own), and this one, which drives them
// and plays the clients (the list load, the naive SDK loop). Children exit when this one does.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Client } from '@microsoft/microsoft-graph-client';
import { Agent, fetch as undiciFetch } from 'undici';
import { createEmulator } from '../emulator/emulator.js';
import { generateTenant } from '../emulator/world/generate.js';
import { directoryRuntime } from '../server/directory/runtime.js';
import type { OrgSyncResult } from '../server/directory/org-sync.js';
import { serve } from './child-rpc.js';
import { percentile, round, type Benchmark, type BenchResult } from './results.js';
import { appIdentity, appTargetOf, type AppTarget } from './support/app.js';
import { emulatorControl, userToken } from './support/emulator-control.js';
import { exitAfter, runRole, serveEmulator, startChild } from './support/roles.js';
import { startBenchServer, type BenchDeps } from './support/server.js';

const SAMPLE = 2_000;
const SIZES = [10_000, 50_000] as const;
const LATENCY_MS = 20;
const LIST_CLIENTS = 16;
const LIST_WARMUP_MS = 1_000;
const LIST_DURATION_MS = 10_000;
const THIS_FILE = fileURLToPath(import.meta.url);
const domainOf = (size: number) => `dirbench${size}.example`;

/** What the emulator role answers to `info` (the load bench runs these roles too). */
export interface EmulatorInfo extends AppTarget {
  /** Default domain → tenant id: `dirbench2000.example`, `dirbench10000.example`, … */
  tenants: Record<string, string>;
}

interface SyncReport {
  wallMs: number;
  maxEventLoopDelayMs: number;
  p99EventLoopDelayMs: number;
  /** Longest single garbage-collection pause, and their sum, during the sync. */
  maxGcPauseMs: number;
  totalGcMs: number;
  /** The server's CPU time (user + system): on a shared machine, steadier than wall time. */
  cpuMs: number;
  storeWrites: number;
  result: OrgSyncResult;
}

// ————————————————————————————————————————— child processes and their messages

async function emulatorRole(): Promise<void> {
  const tenants = [SAMPLE, ...SIZES].map((count) =>
    generateTenant({ domain: domainOf(count), count, seed: count }),
  );
  const emulator = await createEmulator({ extraTenants: tenants });
  const app = emulator.world.findApp(emulator.quorumApp.clientId)!;
  for (const tenant of tenants) emulator.world.grantAdminConsent(tenant, app);
  const info: EmulatorInfo = {
    ...appTargetOf(emulator),
    tenants: Object.fromEntries(tenants.map((t) => [t.defaultDomain, t.id])),
  };
  serveEmulator(emulator, info);
}

/** Quorum's server for one generated tenant, with its org and an enabled platform connection. */
async function serverRole(): Promise<void> {
  let stop: () => Promise<void> = () => Promise.resolve();
  let orgId = '';
  let deps: BenchDeps | undefined;
  const runtime = () => directoryRuntime(deps!);
  serve({
    start: async ({ info, tenantId }: { info: EmulatorInfo; tenantId: string }) => {
      const server = await startBenchServer({
        target: info,
        tempPrefix: 'quorum-bench-',
        orgName: 'Bench',
        connection: { tenantId, displayName: 'Bench tenant', verifiedDomains: [] },
      });
      ({ deps, orgId, stop } = server);
      return { url: server.url };
    },
    sync: async ({ full, sweep }: { full: boolean; sweep: boolean }): Promise<SyncReport> => {
      const eld = monitorEventLoopDelay({ resolution: 10 });
      const gc = { max: 0, total: 0 };
      const gcObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          gc.max = Math.max(gc.max, entry.duration);
          gc.total += entry.duration;
        }
      });
      gcObserver.observe({ entryTypes: ['gc'] });
      const writes = deps!.services.store.stats().writes;
      eld.enable();
      const cpu = process.cpuUsage();
      const started = performance.now();
      const { job } = await runtime().syncOrg(orgId, { requestedBy: 'system', full, sweep });
      await runtime().jobs.wait(job.id);
      await deps!.services.store.flush();
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      eld.disable();
      gcObserver.disconnect();
      const done = await runtime().jobs.get(orgId, job.id);
      if (done?.state !== 'succeeded') throw new Error(`sync ${done?.state}: ${done?.error}`);
      return {
        wallMs,
        maxEventLoopDelayMs: eld.max / 1e6,
        p99EventLoopDelayMs: eld.percentile(99) / 1e6,
        maxGcPauseMs: gc.max,
        totalGcMs: gc.total,
        cpuMs: (used.user + used.system) / 1000,
        storeWrites: deps!.services.store.stats().writes - writes,
        result: done.result as OrgSyncResult,
      };
    },
    /** Makes a connected member an owner (to call the admin list) and returns its UPN. */
    owner: async () => {
      const members = await deps!.services.members.all(orgId);
      const pick = members.find((m) => m.calendar.reason === 'connected')!;
      await deps!.services.members.put({ ...pick, role: 'owner' });
      return pick.directory!.userPrincipalName;
    },
    probedIds: async () =>
      (await deps!.services.members.all(orgId))
        .filter(
          (m) => m.calendar.reason !== 'account_disabled' && m.calendar.reason !== 'guest_account',
        )
        .map((m) => m.objectId!),
    memory: () => Promise.resolve(process.memoryUsage()),
    stop: exitAfter(() => stop()),
  });
}

// ————————————————————————————————————————— the driver's helpers

const lowerBound = (n: number) => Math.ceil(n / 999) + Math.ceil(n / 10);
const probedOf = (r: OrgSyncResult) =>
  r.connections.reduce((s, c) => s + (c.sweep?.probed ?? 0), 0);

/** The naive integration: one member after the other, each probe an SDK call (both at once). */
async function naiveSdkLoop(info: EmulatorInfo, tenantId: string, ids: string[]): Promise<number> {
  const token = await appIdentity(info).token(tenantId);
  const dispatcher = new Agent({ connect: { ca: info.caPem } });
  const client = Client.init({
    baseUrl: info.graphUrl,
    defaultVersion: 'v1.0',
    customHosts: new Set([new URL(info.graphUrl).hostname]),
    fetchOptions: { dispatcher } as RequestInit,
    authProvider: (done) => done(null, token),
  });
  const started = performance.now();
  for (const id of ids) {
    await Promise.all([
      client
        .api(`/users/${id}/mailboxSettings`)
        .get()
        .catch((e: unknown) => e),
      client
        .api(`/users/${id}/calendar`)
        .select('id')
        .get()
        .catch((e: unknown) => e),
    ]);
  }
  const elapsed = performance.now() - started;
  await dispatcher.close();
  return elapsed;
}

/** 16 clients asking for filtered pages of 50 as fast as they can; client-side latencies. */
async function listLoad(url: string, token: string, paths: string[]) {
  const agent = new Agent({ connections: LIST_CLIENTS, pipelining: 1 });
  const latencies: number[] = [];
  let measuring = false;
  let stopAt = Infinity;
  let errors = 0;
  const client = async (k: number) => {
    for (let i = k; performance.now() < stopAt; i += LIST_CLIENTS) {
      const t0 = performance.now();
      const res = await undiciFetch(`${url}${paths[i % paths.length]}`, {
        headers: { authorization: `Bearer ${token}` },
        dispatcher: agent,
      });
      await res.arrayBuffer();
      if (res.status !== 200) errors += 1;
      if (measuring) latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  stopAt = started + LIST_WARMUP_MS + LIST_DURATION_MS;
  setTimeout(() => (measuring = true), LIST_WARMUP_MS);
  await Promise.all(Array.from({ length: LIST_CLIENTS }, (_, k) => client(k)));
  await agent.close();
  return { latencies, errors, seconds: LIST_DURATION_MS / 1000 };
}

// ————————————————————————————————————————— the benchmark

async function withServer<T>(
  info: EmulatorInfo,
  size: number,
  fn: (call: ReturnType<typeof startChild>['call'], url: string) => Promise<T>,
) {
  const { call, stop } = startChild(THIS_FILE, 'server');
  try {
    const { url } = await call<{ url: string }>('start', {
      info,
      tenantId: info.tenants[domainOf(size)],
    });
    return await fn(call, url);
  } finally {
    await stop();
  }
}

async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const emulator = startChild(THIS_FILE, 'emulator');
  const emu = emulator.call;
  try {
    const info = await emu<EmulatorInfo>('info');
    const control = emulatorControl(info);
    await control('POST', '/latency', { ms: LATENCY_MS });
    const stats = () => control<{ requests: number; throttled: number }>('GET', '/stats');

    // The 2,000-member sample: Quorum's sync + sweep, then the naive SDK loop, same mailboxes.
    await withServer(info, SAMPLE, async (call) => {
      const ours = await call<SyncReport>('sync', { full: true, sweep: true });
      const probed = probedOf(ours.result);
      const ids = await call<string[]>('probedIds');
      const naiveMs = await naiveSdkLoop(info, info.tenants[domainOf(SAMPLE)]!, ids);
      const oursPer = ours.wallMs / probed;
      const naivePer = naiveMs / ids.length;
      results.push(
        {
          name: `sample ${SAMPLE}: Quorum sync + sweep, time per member`,
          value: round(oursPer, 3),
          unit: 'ms',
          target: 'informational',
        },
        {
          name: `sample ${SAMPLE}: naive per-member loop, official Graph SDK, time per member`,
          value: round(naivePer, 2),
          unit: 'ms',
          target: 'informational',
        },
        {
          name: `sample ${SAMPLE}: naive / Quorum time per member`,
          value: round(naivePer / oursPer, 1),
          unit: '×',
          target: '≥ 10×',
          pass: naivePer / oursPer >= 10,
        },
      );
    });

    for (const size of SIZES) {
      await withServer(info, size, async (call, url) => {
        const startup = await call<NodeJS.MemoryUsage>('memory');
        await control('DELETE', '/stats');
        const sync = await call<SyncReport>('sync', { full: true, sweep: true });
        const graph = await stats();
        const bound = lowerBound(size);
        const tag = `${size.toLocaleString('en')} members`;
        results.push(
          {
            name: `${tag}: server CPU time for sync + sweep`,
            value: round(sync.cpuMs / 1000, 2),
            unit: 's',
            target: 'informational',
          },
          {
            name: `${tag}: Graph requests for sync + sweep (${probedOf(sync.result)} probed)`,
            value: graph.requests,
            unit: 'requests',
            target: '≤ 1.02 × lowerBound',
            lowerBound: bound,
            pass: graph.requests <= 1.02 * bound,
          },
          {
            name: `${tag}: sync + sweep wall time`,
            value: round(sync.wallMs / 1000, 2),
            unit: 's',
            target: '< 60 s',
            pass: sync.wallMs < 60_000,
          },
          {
            name: `${tag}: 429s from the emulator`,
            value: graph.throttled,
            unit: 'responses',
            target: '0',
            pass: graph.throttled === 0,
          },
          {
            name: `${tag}: store writes (files) during sync + sweep`,
            value: sync.storeWrites,
            unit: 'writes',
            target: 'informational',
          },
          {
            name: `${tag}: max event-loop delay during sync + sweep`,
            value: round(sync.maxEventLoopDelayMs, 1),
            unit: 'ms',
            target: '≤ 50 ms',
            pass: sync.maxEventLoopDelayMs <= 50,
          },
          {
            name: `${tag}: p99 event-loop delay during sync + sweep`,
            value: round(sync.p99EventLoopDelayMs, 1),
            unit: 'ms',
            target: 'informational',
          },
          {
            name: `${tag}: longest GC pause during sync + sweep (server heap)`,
            value: round(sync.maxGcPauseMs, 1),
            unit: 'ms',
            target: 'informational',
          },
          {
            name: `${tag}: total GC time during sync + sweep`,
            value: round(sync.totalGcMs, 0),
            unit: 'ms',
            target: 'informational',
          },
        );
        if (size !== SIZES[SIZES.length - 1]) return;

        await control('DELETE', '/stats');
        await call<SyncReport>('sync', { full: false, sweep: false });
        const incremental = (await stats()).requests;
        results.push({
          name: `${tag}: incremental sync with no change`,
          value: incremental,
          unit: 'requests',
          target: '1',
          pass: incremental === 1,
        });

        const upn = await call<string>('owner');
        const token = await userToken(control, info.tenants[domainOf(size)]!, upn);
        const paths: string[] = [];
        for (let page = 0; page < 30; page++)
          paths.push(`/api/org/members?status=needs_attention&limit=50&offset=${page * 50}`);
        for (let page = 0; page < 200; page++)
          paths.push(`/api/org/members?status=connected&limit=50&offset=${page * 200}`);
        const load = await listLoad(url, token, paths);
        if (load.errors > 0) throw new Error(`${load.errors} member list requests failed`);
        const p50 = percentile(load.latencies, 50);
        const p99 = percentile(load.latencies, 99);
        const rps = load.latencies.length / load.seconds;
        results.push(
          {
            name: `${tag}: GET /api/org/members p50, ${LIST_CLIENTS} clients, filtered page of 50`,
            value: round(p50, 2),
            unit: 'ms',
            target: 'informational',
          },
          {
            name: `${tag}: GET /api/org/members p99, ${LIST_CLIENTS} clients, filtered page of 50`,
            value: round(p99, 2),
            unit: 'ms',
            target: '≤ 20 ms',
            pass: p99 <= 20,
          },
          {
            name: `${tag}: GET /api/org/members throughput, ${LIST_CLIENTS} clients`,
            value: round(rps, 0),
            unit: 'requests/s',
            target: '≥ 2,000 requests/s',
            pass: rps >= 2000,
          },
        );
        const memory = await call<NodeJS.MemoryUsage>('memory');
        results.push({
          name: `${tag}: server RSS at startup, before any member (baseline)`,
          value: round(startup.rss / 2 ** 20, 0),
          unit: 'MB',
          target: 'informational',
        });
        results.push({
          name: `${tag}: server JS heap used`,
          value: round(memory.heapUsed / 2 ** 20, 0),
          unit: 'MB',
          target: 'informational',
        });
        results.push({
          name: `${tag}: server RSS`,
          value: round(memory.rss / 2 ** 20, 0),
          unit: 'MB',
          target: '≤ 250 MB',
          pass: memory.rss <= 250 * 2 ** 20,
        });
      });
    }
    return results;
  } finally {
    await emulator.stop();
  }
}

export const directorySyncBenchmark: Benchmark = { name: 'directory-sync', run };

runRole(import.meta.url, { emulator: emulatorRole, server: serverRole });
