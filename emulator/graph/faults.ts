// Injected latency and faults (control API): a fixed delay with jitter per path pattern, one-off
// faults for the next N matching requests, a random fault rate, and connection faults (a reset
// socket, a request held then dropped, a slow answer) — each counted as it fires.
import { GraphHttpError } from './errors.js';

export interface LatencyRule {
  ms: number;
  jitterMs: number;
  pattern?: RegExp;
}

export interface FaultRule {
  status: number;
  code: string;
  message: string;
  retryAfter?: number;
  pattern?: RegExp;
  /** Remaining one-off faults; undefined for a rate rule. */
  remaining?: number;
  /** Probability 0..1 for a rate rule. */
  rate?: number;
}

const defaultCodes: Record<number, [string, string]> = {
  429: ['TooManyRequests', 'Too many requests.'],
  500: ['InternalServerError', 'An internal server error occurred.'],
  502: ['BadGateway', 'Bad gateway.'],
  503: ['ServiceUnavailable', 'Service Unavailable.'],
  504: ['GatewayTimeout', 'Gateway timeout.'],
};

/** The default code and message for a fault status (Graph's generic ones). */
export function defaultFault(status: number): [string, string] {
  return defaultCodes[status] ?? ['UnknownError', 'An error occurred.'];
}

/**
 * A fault below HTTP, for whole requests to the Graph host (never `$batch` items): `reset` destroys
 * the socket before any byte of an answer; `drop` holds the request `delayMs`, then destroys it;
 * `slow` answers normally after `delayMs`.
 */
export interface ConnectionFaultRule {
  kind: 'reset' | 'drop' | 'slow';
  delayMs: number;
  pattern?: RegExp;
  remaining?: number;
  rate?: number;
}

/** How many of each injected fault actually fired since the last `resetCounts()`. */
export interface InjectedCounts {
  /** Error answers, by status. */
  status: Record<string, number>;
  reset: number;
  drop: number;
  slow: number;
  /** Requests (and batch items) answered late because of a latency rule. */
  delayed: number;
  /** Paths the status and connection faults hit, oldest first (the last `MAX_HITS`). */
  hits: string[];
}

const MAX_HITS = 10_000;

const noCounts = (): InjectedCounts => ({
  status: {},
  reset: 0,
  drop: 0,
  slow: 0,
  delayed: 0,
  hits: [],
});

/** Takes one firing from a count or rate rule (consuming a count), or undefined. */
function fires<R extends { pattern?: RegExp; remaining?: number; rate?: number }>(
  rules: R[],
  path: string,
  random: () => number,
): R | undefined {
  for (const rule of rules) {
    if (rule.pattern && !rule.pattern.test(path)) continue;
    if (rule.remaining !== undefined) {
      if (rule.remaining <= 0) continue;
      rule.remaining -= 1;
      return rule;
    }
    if (rule.rate !== undefined && random() < rule.rate) return rule;
  }
  return undefined;
}

export class FaultInjector {
  private latency: LatencyRule[] = [];
  private faults: FaultRule[] = [];
  private connectionFaults: ConnectionFaultRule[] = [];
  private counts: InjectedCounts = noCounts();

  constructor(private readonly random: () => number = Math.random) {}

  setLatency(rule: LatencyRule): void {
    // A rule for the same pattern replaces the previous one; the most recent rule wins on overlap.
    this.latency = this.latency.filter((r) => r.pattern?.source !== rule.pattern?.source);
    this.latency.unshift(rule);
  }

  clearLatency(): void {
    this.latency = [];
  }

  addFault(rule: FaultRule): void {
    this.faults.push(rule);
  }

  addConnectionFault(rule: ConnectionFaultRule): void {
    this.connectionFaults.push(rule);
  }

  /** Clears status and connection faults (latency has its own switch). Counts are kept. */
  clearFaults(): void {
    this.faults = [];
    this.connectionFaults = [];
  }

  /** What fired since the last reset. */
  injected(): InjectedCounts {
    return structuredClone(this.counts);
  }

  resetCounts(): void {
    this.counts = noCounts();
  }

  /** Rules still armed: one-off rules with faults left, and every rate rule. */
  pending(): { faults: number; connectionFaults: number } {
    const armed = (r: { remaining?: number }) => r.remaining === undefined || r.remaining > 0;
    return {
      faults: this.faults.filter(armed).length,
      connectionFaults: this.connectionFaults.filter(armed).length,
    };
  }

  /** The connection fault for a request to `path`, consuming one-off rules in order. */
  connectionFaultFor(path: string): ConnectionFaultRule | undefined {
    const rule = fires(this.connectionFaults, path, this.random);
    if (!rule) return undefined;
    this.connectionFaults = this.connectionFaults.filter(
      (r) => r.remaining === undefined || r.remaining > 0,
    );
    this.counts[rule.kind] += 1;
    this.hit(path);
    return rule;
  }

  /** Milliseconds to wait before answering a request to `path` (0 when no rule matches). */
  delayFor(path: string): number {
    const rule = this.latency.find((r) => !r.pattern || r.pattern.test(path));
    if (!rule || (rule.ms <= 0 && rule.jitterMs <= 0)) return 0;
    this.counts.delayed += 1;
    return Math.max(0, rule.ms + Math.round(this.random() * rule.jitterMs));
  }

  /** The fault to answer `path` with, consuming one-off faults in the order they were added. */
  faultFor(path: string): GraphHttpError | undefined {
    const rule = fires(this.faults, path, this.random);
    if (!rule) return undefined;
    this.faults = this.faults.filter((r) => r.remaining === undefined || r.remaining > 0);
    const key = String(rule.status);
    this.counts.status[key] = (this.counts.status[key] ?? 0) + 1;
    this.hit(path);
    return toError(rule);
  }

  private hit(path: string): void {
    this.counts.hits.push(path);
    if (this.counts.hits.length > MAX_HITS) this.counts.hits.shift();
  }
}

function toError(rule: FaultRule): GraphHttpError {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
  return new GraphHttpError(rule.status, rule.code, rule.message, headers);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
