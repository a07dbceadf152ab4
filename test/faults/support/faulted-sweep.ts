// One faulted sweep, measured: arm a Graph fault, run a sync to its end, disarm, and if the fault
// outlasted the retries (members kept their status with a retry time) run the sweep that resumes
// them. Then score every fault that fired: recovered when what it hit — the member whose probe it
// failed, or the whole sweep for a `$batch` request — ended re-checked with the status it had
// before; lost otherwise.
import { control, type TestEmulator } from '../../support/emulator.js';
import type { ListedMember } from '../../directory/support.js';
import {
  firedCount,
  hitOwners,
  injected,
  pendingTokenFaults,
  resetFaults,
  type Injected,
} from './emulator-faults.js';
import type { FaultRow } from './ledger.js';
import {
  compareMembers,
  readMembers,
  syncToEnd,
  type Api,
  type Comparison,
  type FollowOptions,
  type SyncJob,
  type Who,
} from './sweep.js';

export interface FaultedSweepOptions {
  emulator: TestEmulator;
  api: Api;
  owner: Who;
  /** The tenant whose members are swept (to map probe paths to members). */
  tenant: string;
  baseline: ReadonlyMap<string, ListedMember>;
  /** Arms the fault (before the sync starts). */
  arm?: () => Promise<void>;
  /** Or injects it once the sync runs (mid-sweep). */
  follow?: FollowOptions;
  /** Token-endpoint faults armed (they have no path: each one hit the whole run). */
  tokenFaultsArmed?: number;
  /** Before the resuming sweep (e.g. let msal's Retry-After throttle pass). */
  beforeResume?: () => Promise<void>;
}

export interface FaultedSweep {
  job: SyncJob;
  /** The sweep that resumed what the faulted one left, if one was needed. */
  resumed: SyncJob | null;
  comparison: Comparison;
  fired: Injected;
  after: Map<string, ListedMember>;
  score: Pick<FaultRow, 'injected' | 'recovered' | 'lost'>;
  elapsedMs: number;
}

export async function faultedSweep(o: FaultedSweepOptions): Promise<FaultedSweep> {
  await resetFaults(o.emulator);
  const since = Date.now();
  await o.arm?.();
  const job = await syncToEnd(o.api, o.owner, o.follow);
  const fired = await injected(o.emulator);
  const tokenFaults =
    o.tokenFaultsArmed === undefined
      ? 0
      : o.tokenFaultsArmed - (await pendingTokenFaults(o.emulator));
  await resetFaults(o.emulator);
  await control(o.emulator, 'DELETE', '/throttling');
  let after = await readMembers(o.api, o.owner);
  let comparison = compareMembers(o.baseline, after, since);
  let resumed: SyncJob | null = null;
  if (comparison.stale.length > 0) {
    await o.beforeResume?.();
    resumed = await syncToEnd(o.api, o.owner);
    after = await readMembers(o.api, o.owner);
    comparison = compareMembers(o.baseline, after, since);
  }
  const damaged = new Set([
    ...comparison.flipped,
    ...comparison.changed,
    ...comparison.stale,
    ...comparison.missing,
  ]);
  const runOk = job.state === 'succeeded' && (resumed === null || resumed.state === 'succeeded');
  const owners = [
    ...hitOwners(o.emulator, o.tenant, fired.hits),
    ...Array.from({ length: tokenFaults }, () => null),
  ];
  // Hits beyond the recorded paths (more than the emulator keeps) count against the whole run.
  const total = firedCount(fired) + tokenFaults;
  const unrecorded = Math.max(0, total - owners.length);
  let lost = 0;
  for (const owner of owners) {
    if (owner === null ? !runOk || damaged.size > 0 : damaged.has(owner)) lost += 1;
  }
  if (!runOk || damaged.size > 0) lost += unrecorded;
  return {
    job,
    resumed,
    comparison,
    fired,
    after,
    score: { injected: total, recovered: total - lost, lost },
    elapsedMs: Date.now() - since,
  };
}

/** A short account of a run for the notes column. */
export function describeRun(run: FaultedSweep): string {
  const resumed = run.resumed ? '; resumed by a second sweep' : '; completed in one sweep';
  return `sweep ${run.job.state}${resumed}; ${run.after.size} members, ${run.comparison.flipped.length} flipped; ${(run.elapsedMs / 1000).toFixed(1)} s`;
}
