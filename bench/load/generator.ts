// The load generator: a Node process of its own (spawned with `--role=generator`) that plays N
// concurrent clients against Quorum on loopback, so the clients' work never shares an event loop
// with the server or with the driver. Each phase is closed-loop (a client sends its next request
// when the previous answer is read) and bounded twice: by time and by a request count.
import { pathToFileURL } from 'node:url';
import { Agent, fetch as undiciFetch } from 'undici';
import { serve } from '../child-rpc.js';
import { percentile } from '../results.js';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: unknown;
}

export interface LoadPhase {
  url: string;
  /** Cycled through: client k sends requests[k], requests[k + clients], … */
  requests: LoadRequest[];
  clients: number;
  /** Sent but not measured: connections, caches and the JIT warm up. */
  warmupMs: number;
  durationMs: number;
  /** Stops sending at this many requests even if time is left (warm-up included). */
  maxRequests: number;
}

export interface LoadOutcome {
  /** Requests sent in all, warm-up included. */
  sent: number;
  /** Requests sent after the warm-up: the ones latencies and throughput come from. */
  measured: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers by HTTP status; `network` for a request that got no answer. */
  statuses: Record<string, number>;
  /** The first answer that was neither 2xx nor 429, for the log. */
  firstError: string | null;
  /** CPU time the generator itself used, so a saturated client shows. */
  generatorCpuMs: number;
}

/** Error count as the bench reports it: every answer that is not 2xx, 429s excepted. */
export function errorsOf(statuses: Record<string, number>): number {
  return Object.entries(statuses)
    .filter(([status]) => status !== '429' && !/^2\d\d$/.test(status))
    .reduce((sum, [, n]) => sum + n, 0);
}

export async function runPhase(phase: LoadPhase): Promise<LoadOutcome> {
  if (phase.requests.length === 0) throw new Error('a load phase needs requests');
  // Timeouts make a hung server end the phase instead of the bench.
  const agent = new Agent({
    connections: phase.clients,
    pipelining: 1,
    headersTimeout: 15_000,
    bodyTimeout: 15_000,
  });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let firstError: string | null = null;
  let sent = 0;
  let lastDone = 0;
  const cpu = process.cpuUsage();
  const measureFrom = performance.now() + phase.warmupMs;
  const stopAt = measureFrom + phase.durationMs;

  const send = async (req: LoadRequest): Promise<string> => {
    try {
      const res = await undiciFetch(`${phase.url}${req.path}`, {
        method: req.method,
        headers: {
          authorization: `Bearer ${req.token}`,
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        dispatcher: agent,
      });
      const text = await res.text();
      const status = String(res.status);
      if (firstError === null && status !== '429' && !res.ok)
        firstError = `${req.method} ${req.path}: ${status} ${text.slice(0, 300)}`;
      return status;
    } catch (error) {
      firstError ??= `${req.method} ${req.path}: ${String(error)}`;
      return 'network';
    }
  };

  const client = async (k: number) => {
    for (let i = k; performance.now() < stopAt && sent < phase.maxRequests; i += phase.clients) {
      sent += 1;
      const started = performance.now();
      const status = await send(phase.requests[i % phase.requests.length]!);
      const done = performance.now();
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (started >= measureFrom) {
        latencies.push(done - started);
        lastDone = Math.max(lastDone, done);
      }
    }
  };

  await Promise.all(Array.from({ length: phase.clients }, (_, k) => client(k)));
  await agent.close();
  const used = process.cpuUsage(cpu);
  return {
    sent,
    measured: latencies.length,
    seconds: latencies.length === 0 ? 0 : (lastDone - measureFrom) / 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statuses,
    firstError,
    generatorCpuMs: (used.user + used.system) / 1000,
  };
}

const role = process.argv.find((a) => a.startsWith('--role='))?.slice('--role='.length);
if (
  role === 'generator' &&
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  serve({ run: (phase: LoadPhase) => runPhase(phase) });
}
