import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, runPhase } from '../../bench/load/generator.js';
import { mergeLoadRows } from '../../bench/load/main.js';
import { LOAD_PREFIX, parseLoadName, phaseRows } from '../../bench/load/report.js';
import { memberPages } from '../../bench/load/scenario.js';
import { loadSettings } from '../../bench/load/setup.js';
import { benchServerEnv } from '../../bench/support/server.js';
import { loadConfig } from '../../server/config.js';

/** Answers by path: `/ok` 200, `/busy` 429, `/broken` 500, `/slow` 200 after 30 ms; records what it was sent. */
let seen: { method: string; url: string; auth: string; body: string }[] = [];
let inFlight = 0;
let maxInFlight = 0;
const server = http.createServer((req, res) => {
  inFlight += 1;
  maxInFlight = Math.max(maxInFlight, inFlight);
  res.on('finish', () => (inFlight -= 1));
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    seen.push({
      method: req.method!,
      url: req.url!,
      auth: req.headers.authorization ?? '',
      body,
    });
    const status = req.url === '/busy' ? 429 : req.url === '/broken' ? 500 : 200;
    const answer = () =>
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (req.url === '/slow') setTimeout(answer, 30);
    else answer();
  });
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the load generator', () => {
  it('stops at the request bound, cycles through the requests, and counts answers by status', async () => {
    seen = [];
    const outcome = await runPhase({
      url,
      requests: [
        { method: 'GET', path: '/ok', token: 'a' },
        { method: 'POST', path: '/busy', token: 'b', body: { n: 1 } },
        { method: 'GET', path: '/broken', token: 'c' },
        { method: 'GET', path: '/ok', token: 'd' },
      ],
      clients: 1,
      warmupMs: 0,
      durationMs: 10_000,
      maxRequests: 40,
    });
    expect(outcome.sent).toBe(40);
    expect(seen).toHaveLength(40);
    expect(outcome.statuses).toEqual({ '200': 20, '429': 10, '500': 10 });
    expect(errorsOf(outcome.statuses)).toBe(10);
    expect(outcome.firstError).toMatch(/^GET \/broken: 500 /);
    expect(outcome.measured).toBe(40);
    expect(outcome.p99Ms).toBeGreaterThanOrEqual(outcome.p50Ms);
    const posted = seen.find((s) => s.method === 'POST')!;
    expect(posted).toMatchObject({ url: '/busy', auth: 'Bearer b', body: '{"n":1}' });
  });

  it('keeps one request in flight per client', async () => {
    maxInFlight = 0;
    const outcome = await runPhase({
      url,
      requests: [{ method: 'GET', path: '/slow', token: 't' }],
      clients: 4,
      warmupMs: 0,
      durationMs: 10_000,
      maxRequests: 24,
    });
    expect(outcome.statuses).toEqual({ '200': 24 });
    expect(maxInFlight).toBe(4);
  });

  it('stops at the time bound and measures only after the warm-up', async () => {
    const started = performance.now();
    const outcome = await runPhase({
      url,
      requests: [{ method: 'GET', path: '/ok', token: 't' }],
      clients: 2,
      warmupMs: 100,
      durationMs: 200,
      maxRequests: 10_000_000,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(outcome.measured).toBeGreaterThan(0);
    expect(outcome.measured).toBeLessThan(outcome.sent);
    expect(outcome.seconds).toBeGreaterThan(0.1);
    expect(outcome.seconds).toBeLessThan(1);
    expect(errorsOf(outcome.statuses)).toBe(0);
  });

  it('counts a request that gets no answer as an error', async () => {
    const outcome = await runPhase({
      url: 'http://127.0.0.1:1',
      requests: [{ method: 'GET', path: '/ok', token: 't' }],
      clients: 1,
      warmupMs: 0,
      durationMs: 5_000,
      maxRequests: 2,
    });
    expect(outcome.statuses).toEqual({ network: 2 });
    expect(errorsOf(outcome.statuses)).toBe(2);
  });
});

describe('load rows', () => {
  const outcome = {
    sent: 110,
    measured: 100,
    seconds: 0.04,
    p50Ms: 4,
    p99Ms: 19,
    statuses: { '200': 108, '429': 2 },
    firstError: null,
    generatorCpuMs: 1,
  };
  const info = (members: number, statusList: boolean) => ({
    label: 'GET /api/org/members, filtered page of 50',
    members,
    clients: 16,
    latencyMs: 20,
    statusList,
    graphThrottled: 3,
  });

  it('checks the status-list target at 50,000 members and keeps 429s apart from errors', () => {
    const rows = phaseRows(info(50_000, true), outcome);
    const by = (metric: string) => rows.find((r) => parseLoadName(r.name)?.metric === metric)!;
    expect(by('throughput')).toMatchObject({
      value: 2500,
      target: '≥ 2,000 requests/s',
      pass: true,
    });
    expect(by('p99')).toMatchObject({ value: 19, target: '≤ 20 ms', pass: true });
    expect(by('errors')).toMatchObject({ value: 0, target: '0', pass: true });
    expect(by('throttled')).toMatchObject({ value: 2 });
    expect(by('throttled').pass).toBeUndefined();
    expect(by('graphThrottled')).toMatchObject({ value: 3 });
    for (const r of rows) expect(r.name.startsWith(`${LOAD_PREFIX}, 50,000 members,`)).toBe(true);
  });

  it('names a smaller run by its size and leaves the target informational', () => {
    const rows = phaseRows(info(2_000, true), { ...outcome, p99Ms: 45 });
    const p99 = rows.find((r) => parseLoadName(r.name)?.metric === 'p99')!;
    expect(p99.name).toContain('2,000 members');
    expect(p99.pass).toBeUndefined();
    expect(p99.target).toBe('informational (DESIGN §8: ≤ 20 ms at 50,000 members)');
  });

  it('replaces only earlier load rows in bench/results.json', () => {
    const other = {
      name: '10,000 members: sync + sweep wall time',
      value: 5,
      unit: 's',
      target: '< 60 s',
    };
    const old = phaseRows(info(2_000, true), outcome);
    const fresh = phaseRows(info(50_000, true), outcome);
    const previous = {
      generatedAt: 'then',
      node: 'v20',
      cpus: 2,
      cpuModel: 'x',
      results: [other, ...old],
    };
    const merged = mergeLoadRows(previous, fresh);
    expect(merged.results).toEqual([other, ...fresh]);
    expect(mergeLoadRows(null, fresh).results).toEqual(fresh);
  });
});

describe('load settings and requests', () => {
  it('takes a tenant size the directory bench generates, and refuses others', () => {
    expect(loadSettings({})).toMatchObject({
      members: 50_000,
      durationMs: 10_000,
      maxRequests: 100_000,
    });
    expect(loadSettings({ BENCH_LOAD_MEMBERS: '2000', BENCH_LOAD_SECONDS: '2' })).toMatchObject({
      members: 2_000,
      durationMs: 2_000,
    });
    expect(() => loadSettings({ BENCH_LOAD_MEMBERS: '3000' })).toThrow(
      'BENCH_LOAD_MEMBERS must be one of 2000, 10000, 50000',
    );
    expect(() => loadSettings({ BENCH_LOAD_SECONDS: '0' })).toThrow(
      'BENCH_LOAD_SECONDS must be a whole number from 1 to 300',
    );
  });

  it('spreads member pages of 50 over each filtered list, never past its end', () => {
    const requests = memberPages({
      ownerToken: 'owner',
      callers: [],
      pool: [],
      totals: { connected: 48_000, needsAttention: 120 },
      week: { start: '', end: '' },
    });
    const offsetsOf = (status: string) =>
      requests
        .filter((r) => r.path.includes(`status=${status}&`))
        .map((r) => Number(/offset=(\d+)/.exec(r.path)![1]));
    expect(offsetsOf('connected')).toHaveLength(100);
    expect(Math.max(...offsetsOf('connected'))).toBe(48_000 - 50);
    expect(offsetsOf('needs_attention')).toEqual([0, 70]);
    expect(requests.every((r) => r.path.includes('limit=50') && r.token === 'owner')).toBe(true);
  });

  it("runs against the directory bench's server, which lifts both rate limits as the load rows say", async () => {
    const target = {
      loginUrl: 'https://127.0.0.1:1',
      graphUrl: 'https://127.0.0.1:2',
      caPem: 'pem',
      clientId: '00000000-0000-0000-0000-000000000001',
      clientSecret: 'secret',
    };
    const config = loadConfig(benchServerEnv(target, '/tmp/quorum-bench-x'));
    expect(config.rateLimit).toEqual({ tenantPerMinute: 10_000_000, userPerMinute: 10_000_000 });
    const source = await readFile(
      new URL('../../bench/directory-sync.ts', import.meta.url),
      'utf8',
    );
    expect(source).toContain('await startBenchServer({');
  });
});
