// Injected latency and faults (control API): a fixed delay with jitter per path pattern, one-off
// faults for the next N matching requests, and a random fault rate.
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

export class FaultInjector {
  private latency: LatencyRule[] = [];
  private faults: FaultRule[] = [];

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

  clearFaults(): void {
    this.faults = [];
  }

  /** Milliseconds to wait before answering a request to `path` (0 when no rule matches). */
  delayFor(path: string): number {
    const rule = this.latency.find((r) => !r.pattern || r.pattern.test(path));
    if (!rule || (rule.ms <= 0 && rule.jitterMs <= 0)) return 0;
    return Math.max(0, rule.ms + Math.round(this.random() * rule.jitterMs));
  }

  /** The fault to answer `path` with, consuming one-off faults in the order they were added. */
  faultFor(path: string): GraphHttpError | undefined {
    for (const rule of this.faults) {
      if (rule.pattern && !rule.pattern.test(path)) continue;
      if (rule.remaining !== undefined) {
        if (rule.remaining <= 0) continue;
        rule.remaining -= 1;
        this.faults = this.faults.filter((r) => r.remaining === undefined || r.remaining > 0);
        return toError(rule);
      }
      if (rule.rate !== undefined && this.random() < rule.rate) return toError(rule);
    }
    return undefined;
  }
}

function toError(rule: FaultRule): GraphHttpError {
  const headers: Record<string, string> = {};
  if (rule.retryAfter !== undefined) headers['Retry-After'] = String(rule.retryAfter);
  return new GraphHttpError(rule.status, rule.code, rule.message, headers);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
