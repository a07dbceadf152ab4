// Transient Graph faults during the health sweep of Contoso (DESIGN §5: "a transient failure never
// flips a member to not connected"): 429 storms with Retry-After, 503/504 bursts, connection
// resets and dropped requests, slow answers. Each sweep must end, every member must come back
// re-checked with the status it had, and every fault that fired is scored recovered or lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTenant } from '../directory/support.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { arm, PROBE_PATHS } from './support/emulator-faults.js';
import { describeRun, faultedSweep, type FaultedSweep } from './support/faulted-sweep.js';
import { recordFault } from './support/ledger.js';
import { readMembers, syncToEnd, type Api } from './support/sweep.js';
import type { ListedMember } from '../directory/support.js';

const OWNER = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

let quorum: TestQuorum;
let api: Api;
let baseline: Map<string, ListedMember>;

beforeAll(async () => {
  quorum = await startQuorum();
  api = (as, method, path, body) => quorum.api(as, method, path, body);
  await connectTenant(quorum, 'contoso.com');
  const first = await syncToEnd(api, OWNER);
  expect(first.state).toBe('succeeded');
  baseline = await readMembers(api, OWNER);
});
afterAll(async () => {
  await quorum?.close();
});

async function run(armFault: () => Promise<void>): Promise<FaultedSweep> {
  return faultedSweep({
    emulator: quorum.emulator,
    api,
    owner: OWNER,
    tenant: 'contoso.com',
    baseline,
    arm: armFault,
  });
}

function expectRecovered(result: FaultedSweep): void {
  expect(result.fired.hits.length, 'the fault never fired').toBeGreaterThan(0);
  expect(result.job.state).toBe('succeeded');
  expect(result.comparison.flipped).toEqual([]);
  expect(result.comparison.changed).toEqual([]);
  expect(result.comparison.stale).toEqual([]);
  expect(result.score.lost).toBe(0);
}

describe('transient Graph faults during the sweep', () => {
  it('keeps every member through a 429 storm with Retry-After on half the probes', async () => {
    const result = await run(() =>
      arm(quorum.emulator, '/faults', {
        status: 429,
        rate: 0.5,
        retryAfter: 1,
        pathPattern: PROBE_PATHS,
      }),
    );
    await recordFault({
      fault: 'Graph 429 storm, Retry-After 1 s (50% of probes)',
      ...result.score,
      notes: describeRun(result),
    });
    expectRecovered(result);
  });

  it('keeps every member through 503 and 504 bursts on probes and on whole batches', async () => {
    const result = await run(async () => {
      await arm(quorum.emulator, '/faults', { status: 503, count: 30, pathPattern: PROBE_PATHS });
      await arm(quorum.emulator, '/faults', { status: 504, count: 30, pathPattern: PROBE_PATHS });
      await arm(quorum.emulator, '/faults', {
        status: 503,
        count: 2,
        retryAfter: 1,
        pathPattern: '^/\\$batch$',
      });
    });
    await recordFault({
      fault: 'Graph 503/504 bursts (probes and $batch)',
      ...result.score,
      notes: `${result.fired.status['503'] ?? 0}×503, ${result.fired.status['504'] ?? 0}×504; ${describeRun(result)}`,
    });
    expectRecovered(result);
    expect(result.fired.status['504']).toBe(30);
  });

  it('keeps every member when batches lose their connection (reset, or held then dropped)', async () => {
    const result = await run(async () => {
      await arm(quorum.emulator, '/faults/connection', {
        kind: 'reset',
        count: 3,
        pathPattern: '^/\\$batch$',
      });
      await arm(quorum.emulator, '/faults/connection', {
        kind: 'drop',
        delayMs: 300,
        count: 2,
        pathPattern: '^/\\$batch$',
      });
    });
    await recordFault({
      fault: 'Connection reset / dropped mid-sweep',
      ...result.score,
      notes: `${result.fired.reset} resets, ${result.fired.drop} dropped after 300 ms; ${describeRun(result)}`,
    });
    expectRecovered(result);
    expect(result.fired.reset + result.fired.drop).toBe(5);
  });

  it('keeps every member when answers are slow', async () => {
    const result = await run(async () => {
      await arm(quorum.emulator, '/faults/connection', {
        kind: 'slow',
        delayMs: 1_500,
        rate: 1,
        pathPattern: '^/\\$batch$',
      });
      await arm(quorum.emulator, '/latency', { ms: 50, jitterMs: 400, pathPattern: PROBE_PATHS });
    });
    await recordFault({
      fault: 'Slow answers mid-sweep',
      ...result.score,
      notes: `${result.fired.slow} $batch requests held 1.5 s, ${result.fired.delayed} probes 50–450 ms; ${describeRun(result)}`,
    });
    expectRecovered(result);
  });
});
