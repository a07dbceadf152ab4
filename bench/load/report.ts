// How one load phase becomes rows of bench/results.json (DESIGN §8 shape): throughput, p50, p99,
// errors (every answer that is not 2xx, 429s excepted: target 0) and 429s on their own row.
import { round, type BenchResult } from '../results.js';
import { errorsOf, type LoadOutcome } from './generator.js';

/** Every load row's name starts with this, so a later run can replace exactly its own rows. */
export const LOAD_PREFIX = 'load from a separate client process';

/** DESIGN §8 sets the status list's target at this many members. */
export const DESIGN_MEMBERS = 50_000;

export interface PhaseInfo {
  /** `GET /api/org/members, filtered page of 50` */
  label: string;
  members: number;
  clients: number;
  latencyMs: number;
  /** Whether DESIGN §8's status-list target (p99 ≤ 20 ms, ≥ 2,000 requests/s) applies. */
  statusList: boolean;
  /** Graph 429s the emulator answered during the phase. */
  graphThrottled: number;
}

export function loadTag(info: Omit<PhaseInfo, 'label' | 'statusList' | 'graphThrottled'>) {
  const members = `${info.members.toLocaleString('en')} members`;
  return `${LOAD_PREFIX}, ${members}, ${info.clients} clients, emulator at ${info.latencyMs} ms`;
}

/** The metrics of one phase, in the order rows are written (the last part of each row's name). */
export const METRICS = {
  throughput: 'throughput',
  p50: 'p50',
  p99: 'p99',
  sent: 'requests sent (warm-up included)',
  errors: 'errors (answers neither 2xx nor 429)',
  throttled: '429s from Quorum (rate limits lifted for the bench)',
  graphThrottled: 'Graph 429s from the emulator',
} as const;

/** Splits a load row's name into the run's tag, the phase's label and the metric. */
export function parseLoadName(name: string) {
  if (!name.startsWith(`${LOAD_PREFIX},`)) return null;
  const parts = name.split(': ');
  if (parts.length !== 3) return null;
  const [tag, label, metric] = parts as [string, string, string];
  const key = (Object.keys(METRICS) as (keyof typeof METRICS)[]).find((k) => METRICS[k] === metric);
  return key ? { tag, label, metric: key } : null;
}

export function phaseRows(info: PhaseInfo, outcome: LoadOutcome): BenchResult[] {
  const name = (metric: keyof typeof METRICS) =>
    `${loadTag(info)}: ${info.label}: ${METRICS[metric]}`;
  const rps = outcome.seconds > 0 ? outcome.measured / outcome.seconds : 0;
  const designed = info.statusList && info.members === DESIGN_MEMBERS;
  const target = (limit: string) =>
    designed
      ? limit
      : info.statusList
        ? `informational (DESIGN §8: ${limit} at ${DESIGN_MEMBERS.toLocaleString('en')} members)`
        : 'informational (no DESIGN §8 target)';
  const errors = errorsOf(outcome.statuses);
  return [
    {
      name: name('throughput'),
      value: round(rps, 0),
      unit: 'requests/s',
      target: target('≥ 2,000 requests/s'),
      ...(designed ? { pass: rps >= 2000 } : {}),
    },
    { name: name('p50'), value: round(outcome.p50Ms, 2), unit: 'ms', target: 'informational' },
    {
      name: name('p99'),
      value: round(outcome.p99Ms, 2),
      unit: 'ms',
      target: target('≤ 20 ms'),
      ...(designed ? { pass: outcome.p99Ms <= 20 } : {}),
    },
    { name: name('sent'), value: outcome.sent, unit: 'requests', target: 'informational' },
    { name: name('errors'), value: errors, unit: 'responses', target: '0', pass: errors === 0 },
    {
      name: name('throttled'),
      value: outcome.statuses['429'] ?? 0,
      unit: 'responses',
      target: 'informational (reported apart from errors)',
    },
    {
      name: name('graphThrottled'),
      value: info.graphThrottled,
      unit: 'responses',
      target: 'informational',
    },
  ];
}
