// Job summaries on disk (one small org document per job), so a job's outcome survives a restart;
// a job the process did not finish reads back as `interrupted`. Only the newest few are kept.
import type { Store } from '../store/index.js';
import type { JobSummary } from './job.js';

const PREFIX = 'job:';

export class JobStore {
  constructor(
    private readonly store: Store,
    /** Summaries kept per org; older ones are deleted when a new job starts. */
    private readonly keep = 50,
  ) {}

  async save(job: JobSummary): Promise<void> {
    await this.store.putOrgDoc(job.orgId, PREFIX + job.id, job);
  }

  async read(orgId: string, id: string): Promise<JobSummary | undefined> {
    const job = await this.store.getOrgDoc<JobSummary>(orgId, PREFIX + id);
    return job ? { ...job } : undefined;
  }

  /** Deletes all but the newest `keep - 1` summaries of the org (making room for one more). */
  async prune(orgId: string): Promise<void> {
    const keys = (await this.store.listOrgDocKeys(orgId)).filter((k) => k.startsWith(PREFIX));
    if (keys.length < this.keep) return;
    const jobs = await Promise.all(keys.map((k) => this.store.getOrgDoc<JobSummary>(orgId, k)));
    const dated = keys
      .map((key, i) => ({ key, createdAt: jobs[i]?.createdAt ?? '' }))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    for (const { key } of dated.slice(this.keep - 1)) await this.store.deleteOrgDoc(orgId, key);
  }
}
