import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/http/logging.js';
import { JobRunner } from '../../server/jobs/job-runner.js';
import { openLowdbStore, type Store } from '../../server/store/index.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();
const logger = createLogger({ level: 'silent' });
const now = () => new Date('2026-03-02T10:00:00.000Z');

async function openStore(dir?: string): Promise<{ store: Store; dir: string }> {
  const dataDir = dir ?? (await tempDir());
  return { store: await openLowdbStore({ dataDir }), dir: dataDir };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the job runner', () => {
  it('lets idle() wait, without spinning, while a starting job is still being saved to disk', async () => {
    const { store } = await openStore();
    const runner = new JobRunner({ store, now, logger });
    const starting = runner.start(
      { orgId: 'org1', kind: 'sync', key: 'org:org1', requestedBy: 'member:m1' },
      async () => ({ probed: 0 }),
    );
    // idle() is asked while start() awaits the store's flush, which needs the event loop to turn:
    // a timer must still fire, and idle() must only resolve after the job ran.
    const idle = runner.idle();
    const timer = new Promise<string>((resolve) => setTimeout(() => resolve('timer fired'), 10));
    expect(await timer).toBe('timer fired');
    const { job } = await starting;
    await idle;
    expect(await runner.get('org1', job.id)).toMatchObject({ state: 'succeeded' });
    await store.close();
  });

  it('runs a job, shows its progress while it runs and its result after', async () => {
    const { store } = await openStore();
    const runner = new JobRunner({ store, now, logger });
    const gate = deferred();
    const { job, started } = await runner.start(
      { orgId: 'org1', kind: 'sync', key: 'org:org1', requestedBy: 'member:m1' },
      async (handle) => {
        handle.progress('sweep', 5, 10);
        await gate.promise;
        return { probed: 10 };
      },
    );
    expect(started).toBe(true);
    expect(await runner.get('org1', job.id)).toMatchObject({
      state: 'running',
      progress: { phase: 'sweep', done: 5, total: 10 },
    });
    gate.resolve();
    await runner.wait(job.id);
    expect(await runner.get('org1', job.id)).toMatchObject({
      state: 'succeeded',
      result: { probed: 10 },
      finishedAt: '2026-03-02T10:00:00.000Z',
      requestedBy: 'member:m1',
    });
    await store.close();
  });

  it('runs one job at a time per key and hands back the running one', async () => {
    const { store } = await openStore();
    const runner = new JobRunner({ store, now, logger });
    const gate = deferred();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await gate.promise;
    };
    const first = await runner.start(
      { orgId: 'o', kind: 'sync', key: 'k', requestedBy: 'a' },
      work,
    );
    const second = await runner.start(
      { orgId: 'o', kind: 'sync', key: 'k', requestedBy: 'b' },
      work,
    );
    const other = await runner.start(
      { orgId: 'o', kind: 'sync', key: 'k2', requestedBy: 'c' },
      work,
    );
    expect(second).toMatchObject({ started: false, job: { id: first.job.id } });
    expect(other.started).toBe(true);
    expect(runner.runningFor('k')?.id).toBe(first.job.id);
    gate.resolve();
    await runner.idle();
    expect(runs).toBe(2);
    expect(runner.runningFor('k')).toBeUndefined();
    await store.close();
  });

  it('records a failure with its message', async () => {
    const { store } = await openStore();
    const runner = new JobRunner({ store, now, logger });
    const { job } = await runner.start(
      { orgId: 'o', kind: 'sync', key: 'k', requestedBy: 'a' },
      () => Promise.reject(new Error('directory unreachable')),
    );
    await runner.wait(job.id);
    expect(await runner.get('o', job.id)).toMatchObject({
      state: 'failed',
      error: 'directory unreachable',
    });
    await store.close();
  });

  it('reports a job the previous process did not finish as interrupted', async () => {
    const { store, dir } = await openStore();
    const runner = new JobRunner({ store, now, logger });
    const { job } = await runner.start(
      { orgId: 'o', kind: 'sync', key: 'k', requestedBy: 'a' },
      () => new Promise<never>(() => undefined),
    );
    await store.close();
    const reopened = await openStore(dir);
    const after = new JobRunner({ store: reopened.store, now, logger });
    expect(await after.get('o', job.id)).toMatchObject({ id: job.id, state: 'interrupted' });
    await reopened.store.close();
  });

  it('shows a job only to its own org', async () => {
    const { store } = await openStore();
    const runner = new JobRunner({ store, now, logger });
    const { job } = await runner.start(
      { orgId: 'o1', kind: 'sync', key: 'k', requestedBy: 'a' },
      () => Promise.resolve(1),
    );
    expect(await runner.get('o2', job.id)).toBeUndefined();
    await runner.wait(job.id);
    expect(await runner.get('o2', job.id)).toBeUndefined();
    await store.close();
  });

  it('keeps only the newest summaries of an org', async () => {
    const { store } = await openStore();
    let t = 0;
    const runner = new JobRunner({
      store,
      now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)),
      logger,
    });
    const ids: string[] = [];
    for (let i = 0; i < 55; i++) {
      const { job } = await runner.start(
        { orgId: 'o', kind: 'sync', key: 'k', requestedBy: 'a' },
        () => Promise.resolve(i),
      );
      await runner.wait(job.id);
      ids.push(job.id);
    }
    const kept = (await store.listOrgDocKeys('o')).filter((k) => k.startsWith('job:'));
    expect(kept).toHaveLength(50);
    expect(await runner.get('o', ids[0]!)).toBeUndefined();
    expect(await runner.get('o', ids[54]!)).toMatchObject({ result: 54 });
    await store.close();
  });
});
