// Scheduling at the emulator's 20 ms latency (DESIGN §8): suggestions for 20 and 100 people over 5
// working days with a room — Graph requests and rounds (from `GET /_emulator/stats` and the
// server's `Server-Timing`), server compute (the request's time minus its Graph round), end to
// end — and availability under 16 concurrent clients (p99, throughput).
//
// Three processes on loopback: the emulator (a generated 2,000-user tenant whose calendars this
// driver fills with recurring, single, all-day and room meetings), Quorum's server (its org synced
// and swept before measuring), and this one, which plays the clients. Children exit with it.
import { fileURLToPath } from 'node:url';
import { Agent, fetch as undiciFetch } from 'undici';
import { createEmulator } from '../emulator/emulator.js';
import { generateTenant } from '../emulator/world/generate.js';
import { directoryRuntime } from '../server/directory/runtime.js';
import { serve } from './child-rpc.js';
import { percentile, round, type Benchmark, type BenchResult } from './results.js';
import { appGraph, appTargetOf, type AppTarget } from './support/app.js';
import { calendarWriter } from './support/calendar-writer.js';
import { emulatorControl, userToken } from './support/emulator-control.js';
import { exitAfter, runRole, serveEmulator, startChild } from './support/roles.js';
import { startBenchServer } from './support/server.js';
import { nextMonday, workWeek } from './support/week.js';

const LATENCY_MS = 20;
const USERS = 2_000;
const DOMAIN = 'schedbench.example';
const POOL = 100;
const RUNS = 25;
const LOAD_CLIENTS = 16;
const LOAD_WARMUP_MS = 1_000;
const LOAD_DURATION_MS = 10_000;
const THIS_FILE = fileURLToPath(import.meta.url);

interface EmulatorInfo extends AppTarget {
  tenantId: string;
}

/** A connected member of the bench org, as the server child reports it. */
interface Person {
  email: string;
  upn: string;
  timeZone: string;
}

// ————————————————————————————————————————— child processes

async function emulatorRole(): Promise<void> {
  const tenant = generateTenant({ domain: DOMAIN, count: USERS, seed: 7 });
  const emulator = await createEmulator({ extraTenants: [tenant] });
  emulator.world.grantAdminConsent(tenant, emulator.world.findApp(emulator.quorumApp.clientId)!);
  const info: EmulatorInfo = { ...appTargetOf(emulator), tenantId: tenant.id };
  serveEmulator(emulator, info);
}

/** Quorum's server with the bench org synced and swept; reports its connected members. */
async function serverRole(): Promise<void> {
  let stop: () => Promise<void> = () => Promise.resolve();
  serve({
    start: async ({ info }: { info: EmulatorInfo }) => {
      const server = await startBenchServer({
        target: info,
        tempPrefix: 'quorum-bench-sched-',
        orgName: 'Scheduling bench',
        connection: {
          tenantId: info.tenantId,
          displayName: 'Scheduling bench',
          verifiedDomains: [DOMAIN],
        },
      });
      const { deps, orgId } = server;
      stop = server.stop;
      const runtime = directoryRuntime(deps);
      const { job } = await runtime.syncOrg(orgId, {
        requestedBy: 'system',
        full: true,
        sweep: true,
      });
      await runtime.jobs.wait(job.id);
      const people: Person[] = (await deps.services.members.all(orgId))
        .filter((m) => m.calendar.reason === 'connected' && m.calendar.timeZone && m.directory)
        .sort((a, b) => (a.email < b.email ? -1 : 1))
        .map((m) => ({
          email: m.email,
          upn: m.directory!.userPrincipalName,
          timeZone: m.calendar.timeZone!,
        }));
      return { url: server.url, people };
    },
    stop: exitAfter(() => stop()),
  });
}

// ————————————————————————————————————————— the driver's helpers

/**
 * Fills the pool's calendars like a working week: a daily standup per team of five, weekly 1:1s,
 * two meetings with a room each, and a day off for every tenth person — times in each owner's zone.
 */
async function seedCalendars(
  info: EmulatorInfo,
  people: Person[],
  rooms: string[],
  monday: number,
) {
  const writer = calendarWriter(info, info.tenantId, 'Bench meeting', monday);
  const { day, event: timed } = writer;
  const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
  const post = (who: Person, body: Record<string, unknown>) => writer.post(who.upn, body);
  const invite = (list: Person[]) =>
    list.map((p) => ({ emailAddress: { address: p.email }, type: 'required' }));
  await Promise.all(
    people.map(async (who, i) => {
      if (i % 5 === 0) {
        await post(
          who,
          timed(who, day(-7), '09:30', '09:45', {
            attendees: invite(people.slice(i + 1, i + 5)),
            recurrence: {
              pattern: {
                type: 'weekly',
                interval: 1,
                daysOfWeek: weekdays,
                firstDayOfWeek: 'monday',
              },
              range: {
                type: 'endDate',
                startDate: day(-7),
                endDate: day(20),
                recurrenceTimeZone: who.timeZone,
              },
            },
          }),
        );
      }
      const peer = people[(i + 1) % people.length]!;
      await post(
        who,
        timed(who, day(1), '14:00', '14:30', {
          attendees: invite([peer]),
          recurrence: {
            pattern: {
              type: 'weekly',
              interval: 1,
              daysOfWeek: ['tuesday'],
              firstDayOfWeek: 'monday',
            },
            range: {
              type: 'endDate',
              startDate: day(-6),
              endDate: day(20),
              recurrenceTimeZone: who.timeZone,
            },
          },
        }),
      );
      const room = rooms[i % rooms.length];
      const withRoom = (list: Person[]) => ({
        attendees: [
          ...invite(list),
          ...(room ? [{ emailAddress: { address: room }, type: 'resource' }] : []),
        ],
      });
      await post(
        who,
        timed(who, day(2), '11:00', '12:00', withRoom([people[(i + 7) % people.length]!])),
      );
      await post(
        who,
        timed(who, day(3), '15:30', '16:30', withRoom([people[(i + 13) % people.length]!])),
      );
      if (i % 10 === 3) {
        await post(who, {
          subject: 'Day off',
          start: { dateTime: `${day(4)}T00:00:00`, timeZone: who.timeZone },
          end: { dateTime: `${day(5)}T00:00:00`, timeZone: who.timeZone },
          isAllDay: true,
          showAs: 'oof',
        });
      }
    }),
  );
}

interface Measured {
  e2eMs: number;
  /** Wall time of the request's parallel Graph round (server side). */
  graphMs: number;
  /** The handler's wall time outside the Graph round. */
  computeMs: number;
  /** CPU time the server process used over the handler: Graph waits excluded, parsing included. */
  cpuMs: number;
  graphRequests: number;
}

function serverTiming(header: string | null) {
  const read = (name: string) =>
    Number(new RegExp(`${name};dur=([\\d.]+)`).exec(header ?? '')?.[1]);
  return { graph: read('graph'), compute: read('compute'), cpu: read('cpu') };
}

async function api(url: string, token: string, route: string, body: unknown, dispatcher?: Agent) {
  const started = performance.now();
  const res = await undiciFetch(`${url}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(dispatcher ? { dispatcher } : {}),
  });
  const text = await res.text();
  const e2eMs = performance.now() - started;
  if (res.status !== 200) throw new Error(`${route}: ${res.status} ${text.slice(0, 300)}`);
  return { e2eMs, timing: serverTiming(res.headers.get('server-timing')) };
}

/**
 * The emulator's own service time for the getSchedule round a suggestion makes (the same chunks,
 * in parallel, four per anchor as Quorum spreads them, straight from here at the current latency):
 * what of "end to end" is not Quorum's.
 */
async function emulatorRound(
  info: EmulatorInfo,
  anchors: string[],
  chunks: string[][],
  week: { start: string; end: string },
) {
  const graph = appGraph(info);
  const once = () =>
    Promise.all(
      chunks.map((schedules, i) =>
        graph.post(
          info.tenantId,
          `/users/${encodeURIComponent(anchors[Math.floor(i / 4) % anchors.length]!)}/calendar/getSchedule`,
          {
            schedules,
            startTime: { dateTime: week.start.slice(0, 19), timeZone: 'UTC' },
            endTime: { dateTime: week.end.slice(0, 19), timeZone: 'UTC' },
            availabilityViewInterval: 1440,
          },
          { idempotent: true },
        ),
      ),
    );
  await once();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

/** 16 callers, each asking for its own team's availability as fast as it can. */
async function availabilityLoad(url: string, tokens: string[], bodies: unknown[]) {
  const agent = new Agent({ connections: LOAD_CLIENTS, pipelining: 1 });
  const latencies: number[] = [];
  const cpu: number[] = [];
  let measuring = false;
  const stopAt = performance.now() + LOAD_WARMUP_MS + LOAD_DURATION_MS;
  setTimeout(() => (measuring = true), LOAD_WARMUP_MS);
  await Promise.all(
    tokens.map(async (token, k) => {
      while (performance.now() < stopAt) {
        const { e2eMs, timing } = await api(
          url,
          token,
          '/api/schedule/availability',
          bodies[k],
          agent,
        );
        if (measuring) {
          latencies.push(e2eMs);
          cpu.push(timing.compute);
        }
      }
    }),
  );
  await agent.close();
  return { latencies, compute: cpu, seconds: LOAD_DURATION_MS / 1000 };
}

// ————————————————————————————————————————— the benchmark

async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const emulator = startChild(THIS_FILE, 'emulator');
  const quorum = startChild(THIS_FILE, 'server');
  const emu = emulator.call;
  const server = quorum.call;
  try {
    const info = await emu<EmulatorInfo>('info');
    const control = emulatorControl(info);
    const { url, people } = await server<{ url: string; people: Person[] }>('start', { info });
    if (people.length < POOL) throw new Error(`only ${people.length} connected members`);
    const pool = people.slice(0, POOL);
    const monday = nextMonday();
    const rooms = Array.from(
      { length: Math.floor(USERS / 250) },
      (_, i) => `room${i + 1}@${DOMAIN}`,
    );
    await seedCalendars(info, pool, rooms, monday);

    const tokenOf = (who: Person) => userToken(control, info.tenantId, who.upn);
    const organizer = pool[0]!;
    const token = await tokenOf(organizer);
    const week = workWeek(monday);
    const suggestion = (people: number) => ({
      required: pool.slice(1, people).map((p) => p.email),
      durationMinutes: 30,
      granularityMinutes: 15,
      rooms: { count: 1, minCapacity: 4 },
      ...week,
    });

    // Warm caches (tokens, signing keys, rooms) before the latency goes on.
    for (let i = 0; i < 3; i++) {
      await api(url, token, '/api/schedule/suggestions', suggestion(20));
      await api(url, token, '/api/schedule/suggestions', suggestion(100));
    }
    await control('POST', '/latency', { ms: LATENCY_MS });

    for (const size of [20, 100] as const) {
      const runs: Measured[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        await control('DELETE', '/stats');
        const { e2eMs, timing } = await api(
          url,
          token,
          '/api/schedule/suggestions',
          suggestion(size),
        );
        const stats = await control<{ requests: number; throttled: number }>('GET', '/stats');
        if (stats.throttled > 0) throw new Error(`${stats.throttled} Graph requests throttled`);
        if (i >= 2) {
          runs.push({
            e2eMs,
            graphMs: timing.graph,
            computeMs: timing.compute,
            cpuMs: timing.cpu,
            graphRequests: stats.requests,
          });
        }
      }
      const p = (pick: (m: Measured) => number, q: number) => percentile(runs.map(pick), q);
      // People (organizer first) and candidate rooms share chunks of ≤ 20 schedules.
      const addresses = [...pool.slice(0, size).map((x) => x.email), ...rooms];
      const chunks: string[][] = [];
      for (let i = 0; i < addresses.length; i += 20) chunks.push(addresses.slice(i, i + 20));
      const anchors = pool.slice(0, size).map((x) => x.upn);
      const emulatorMs = await emulatorRound(info, anchors, chunks, week);
      const requests = p((m) => m.graphRequests, 50);
      const rounds = p((m) => m.graphMs, 50) / emulatorMs;
      const tag = `suggestions, ${size} people × 5 working days, 1 room, emulator at ${LATENCY_MS} ms`;
      const designed = size === 20;
      const e2eTarget = `≤ latency + 15 ms (${LATENCY_MS + 15} ms)`;
      const checked = (value: number, limit: number) => (designed ? { pass: value <= limit } : {});
      results.push(
        {
          name: `${tag}: Graph requests per suggestion`,
          value: requests,
          unit: 'requests',
          target: '≤ lowerBound (one getSchedule per 20 schedules)',
          lowerBound: chunks.length,
          pass: requests <= chunks.length,
        },
        {
          name: `${tag}: Graph wait / the emulator's time for one parallel round of those calls`,
          value: round(rounds, 2),
          unit: '×',
          target: 'one parallel round of getSchedule (< 1.5×)',
          pass: rounds < 1.5,
        },
        {
          name: `${tag}: the emulator's time for that round alone (latency + its own work)`,
          value: round(emulatorMs, 2),
          unit: 'ms',
          target: 'informational',
        },
        {
          name: `${tag}: server compute p50 (server CPU time during the request; Graph waits excluded)`,
          value: round(
            p((m) => m.cpuMs, 50),
            2,
          ),
          unit: 'ms',
          target: designed ? '≤ 5 ms' : 'informational (DESIGN §8 sets it for 20)',
          ...checked(
            p((m) => m.cpuMs, 50),
            5,
          ),
        },
        {
          name: `${tag}: server compute p95`,
          value: round(
            p((m) => m.cpuMs, 95),
            2,
          ),
          unit: 'ms',
          target: designed ? '≤ 5 ms' : 'informational',
          ...checked(
            p((m) => m.cpuMs, 95),
            5,
          ),
        },
        {
          name: `${tag}: handler time after the Graph round p50 (ranking, rooms, response)`,
          value: round(
            p((m) => m.computeMs, 50),
            2,
          ),
          unit: 'ms',
          target: 'informational',
        },
        {
          name: `${tag}: end to end p50`,
          value: round(
            p((m) => m.e2eMs, 50),
            2,
          ),
          unit: 'ms',
          target: designed ? e2eTarget : 'informational',
          ...checked(
            p((m) => m.e2eMs, 50),
            LATENCY_MS + 15,
          ),
        },
        {
          name: `${tag}: end to end p95`,
          value: round(
            p((m) => m.e2eMs, 95),
            2,
          ),
          unit: 'ms',
          target: designed ? e2eTarget : 'informational',
          ...checked(
            p((m) => m.e2eMs, 95),
            LATENCY_MS + 15,
          ),
        },
        {
          name: `${tag}: end to end p50 minus the emulator's round (Quorum's share)`,
          value: round(p((m) => m.e2eMs, 50) - emulatorMs, 2),
          unit: 'ms',
          target: designed ? '≤ 15 ms' : 'informational',
          ...checked(p((m) => m.e2eMs, 50) - emulatorMs, 15),
        },
      );
    }

    // Availability under load: 16 members, each asking about their own 20 colleagues.
    const callers = pool.slice(0, LOAD_CLIENTS);
    const tokens = await Promise.all(callers.map(tokenOf));
    const bodies = callers.map((_, k) => ({
      attendees: Array.from({ length: 20 }, (_, j) => pool[(k * 5 + j) % pool.length]!.email),
      ...week,
    }));
    const load = await availabilityLoad(url, tokens, bodies);
    const tag = `availability, 20 attendees × 5 days, ${LOAD_CLIENTS} clients, emulator at ${LATENCY_MS} ms`;
    results.push(
      {
        name: `${tag}: p50`,
        value: round(percentile(load.latencies, 50), 2),
        unit: 'ms',
        target: 'informational (no DESIGN §8 target)',
      },
      {
        name: `${tag}: p99`,
        value: round(percentile(load.latencies, 99), 2),
        unit: 'ms',
        target: 'informational (no DESIGN §8 target)',
      },
      {
        name: `${tag}: throughput`,
        value: round(load.latencies.length / load.seconds, 0),
        unit: 'requests/s',
        target: 'informational (no DESIGN §8 target)',
      },
      {
        name: `${tag}: handler time after the Graph round p99`,
        value: round(percentile(load.compute, 99), 2),
        unit: 'ms',
        target: 'informational',
      },
    );
    return results;
  } finally {
    await quorum.stop();
    await emulator.stop();
  }
}

export const schedulingBenchmark: Benchmark = { name: 'scheduling', run };

runRole(import.meta.url, { emulator: emulatorRole, server: serverRole });
