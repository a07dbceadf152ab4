// An org spanning Contoso (46 people, swept first) and a generated tenant of a few thousand (swept
// second), on an in-process Quorum: long enough a sweep that a fault can strike in its middle — once
// Contoso is done and the generated tenant's probes are in flight.
import { expect } from 'vitest';
import { connectTenant, type ListedMember } from '../../directory/support.js';
import { control } from '../../support/emulator.js';
import { startQuorum, type TestQuorum } from '../../support/quorum.js';
import { readMembers, syncToEnd, type Api, type SyncJob, type Who } from './sweep.js';

export const OWNER: Who = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

export interface TwoTenantOrg {
  quorum: TestQuorum;
  api: Api;
  orgId: string;
  domain: string;
  baseline: Map<string, ListedMember>;
  /** Contoso's members: once the sweep has done this many, the generated tenant is being swept. */
  contosoMembers: number;
}

export async function startTwoTenantOrg(domain: string, count: number): Promise<TwoTenantOrg> {
  const quorum = await startQuorum();
  const api: Api = (as, method, path, body) => quorum.api(as, method, path, body);
  const { org } = await connectTenant(quorum, 'contoso.com');
  const generated = await control(quorum.emulator, 'POST', '/tenants/generate', { domain, count });
  if (generated.status !== 201) throw new Error(`generate: ${JSON.stringify(generated.body)}`);
  await connectTenant(quorum, domain, { org });
  const first = await syncToEnd(api, OWNER, { deadlineMs: 120_000 });
  expect(first.state).toBe('succeeded');
  const baseline = await readMembers(api, OWNER);
  const contosoMembers = [...baseline.keys()].filter((e) => !e.endsWith(`@${domain}`)).length;
  return { quorum, api, orgId: org.id, domain, baseline, contosoMembers };
}

/** True once the sweep has finished Contoso and is working through the generated tenant. */
export function inGeneratedSweep(world: TwoTenantOrg, job: SyncJob): boolean {
  return (
    job.progress.phase === 'sweep' &&
    job.progress.done >= world.contosoMembers &&
    job.progress.done < job.progress.total
  );
}

/** A `whileRunning` hook that runs `act` once, the first time the predicate holds. */
export function once(
  when: (job: SyncJob) => boolean,
  act: () => Promise<void>,
): { whileRunning: (job: SyncJob) => Promise<void>; fired: () => boolean } {
  let done = false;
  return {
    whileRunning: async (job) => {
      if (done || !when(job)) return;
      done = true;
      await act();
    },
    fired: () => done,
  };
}
