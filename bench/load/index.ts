// Load (issue 7): the status list (`GET /api/org/members`, filtered pages of 50, and
// `GET /api/org/status`), availability and suggestions under 16 concurrent clients — throughput,
// p50, p99, errors and 429s apart.
//
// Four processes on loopback: the emulator and Quorum's server are the directory-sync bench's own
// roles (the same generated tenant of 2,000, 10,000 or 50,000 members, synced and swept the same
// way, with per-tenant and per-user rate limits lifted to 10,000,000/min so the bench measures the
// routes, not the limiter); the load generator is a child of its own (./generator.ts); this
// process only prepares, drives and records. Every phase stops at a time and a request bound.
import { fileURLToPath } from 'node:url';
import { rpc, spawnRole } from '../child-rpc.js';
import type { EmulatorInfo } from '../directory-sync.js';
import type { Benchmark, BenchResult } from '../results.js';
import { emulatorControl, userToken } from '../support/emulator-control.js';
import { startChild } from '../support/roles.js';
import { nextMonday, workWeek } from '../support/week.js';
import { seedWeek, type Attendee } from './calendars.js';
import type { LoadOutcome, LoadPhase, LoadRequest } from './generator.js';
import { phaseRows } from './report.js';
import {
  availability,
  memberPages,
  orgStatus,
  suggestions,
  type LoadScenario,
} from './scenario.js';
import { loadSettings } from './setup.js';

const DIRECTORY_BENCH = fileURLToPath(new URL('../directory-sync.ts', import.meta.url));
const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url));
const LATENCY_MS = 20;
const CLIENTS = 16;
const POOL = 100;

interface MemberPage {
  total: number;
  items: { email: string; timeZone: string | null }[];
}

async function listMembers(url: string, token: string, query: string): Promise<MemberPage> {
  const res = await fetch(`${url}/api/org/members?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET /api/org/members?${query}: ${res.status} ${await res.text()}`);
  return (await res.json()) as MemberPage;
}

const PHASES: {
  label: string;
  statusList: boolean;
  requests: (s: LoadScenario) => LoadRequest[];
}[] = [
  { label: 'GET /api/org/members, filtered page of 50', statusList: true, requests: memberPages },
  { label: 'GET /api/org/status', statusList: true, requests: orgStatus },
  {
    label: 'POST /api/schedule/availability, 20 attendees × 5 days',
    statusList: false,
    requests: availability,
  },
  {
    label: 'POST /api/schedule/suggestions, 20 attendees × 5 working days, no room',
    statusList: false,
    requests: suggestions,
  },
];

async function run(): Promise<BenchResult[]> {
  const settings = loadSettings(process.env);
  const emulator = startChild(DIRECTORY_BENCH, 'emulator');
  const quorum = startChild(DIRECTORY_BENCH, 'server');
  const generatorChild = spawnRole(GENERATOR, 'generator');
  const emu = emulator.call;
  const server = quorum.call;
  const generator = rpc(generatorChild);
  try {
    const info = await emu<EmulatorInfo>('info');
    const tenantId = info.tenants[`dirbench${settings.members}.example`];
    if (!tenantId) throw new Error(`the directory bench has no tenant of ${settings.members}`);
    const control = emulatorControl(info);
    await control('DELETE', '/latency');
    const { url } = await server<{ url: string }>('start', { info, tenantId });
    await server('sync', { full: true, sweep: true });
    const tokenOf = (upn: string) => userToken(control, tenantId, upn);
    const ownerToken = await tokenOf(await server<string>('owner'));

    const connected = await listMembers(url, ownerToken, `status=connected&limit=${POOL * 2}`);
    const needsAttention = await listMembers(url, ownerToken, 'status=needs_attention&limit=1');
    const people: Attendee[] = connected.items
      .filter((m) => m.timeZone)
      .slice(0, POOL)
      .map((m) => ({ email: m.email, timeZone: m.timeZone! }));
    if (people.length < POOL) throw new Error(`only ${people.length} connected members`);
    const monday = nextMonday();
    await seedWeek({ ...info, tenantId }, people, monday);
    const callers = await Promise.all(
      people
        .slice(0, CLIENTS)
        .map(async (p) => ({ email: p.email, token: await tokenOf(p.email) })),
    );
    const scenario: LoadScenario = {
      ownerToken,
      callers,
      pool: people.map((p) => p.email),
      totals: { connected: connected.total, needsAttention: needsAttention.total },
      week: workWeek(monday),
    };

    await control('POST', '/latency', { ms: LATENCY_MS });
    const results: BenchResult[] = [];
    for (const phase of PHASES) {
      await control('DELETE', '/stats');
      const outcome = await generator<LoadOutcome>('run', {
        url,
        requests: phase.requests(scenario),
        clients: CLIENTS,
        warmupMs: settings.warmupMs,
        durationMs: settings.durationMs,
        maxRequests: settings.maxRequests,
      } satisfies LoadPhase);
      const graph = await control<{ throttled: number }>('GET', '/stats');
      console.log(
        `  ${phase.label}: ${JSON.stringify(outcome.statuses)}, generator CPU ` +
          `${Math.round(outcome.generatorCpuMs)} ms${outcome.firstError ? `; first error ${outcome.firstError}` : ''}`,
      );
      results.push(
        ...phaseRows(
          {
            label: phase.label,
            members: settings.members,
            clients: CLIENTS,
            latencyMs: LATENCY_MS,
            statusList: phase.statusList,
            graphThrottled: graph.throttled,
          },
          outcome,
        ),
      );
    }
    return results;
  } finally {
    generatorChild.kill();
    await quorum.stop();
    await emulator.stop();
  }
}

export const loadBenchmark: Benchmark = { name: 'load', run };
