// Meetings do not pile up in the org's store: a meeting that ended more than the retention period
// ago (QUORUM_MEETING_RETENTION_DAYS) is deleted, whatever became of it — scheduled, cancelled or
// failed. A pending one never is: its booking may still have to be resolved (the outbox).
import type { Store } from '../../store/index.js';
import type { Meeting } from './meeting.js';
import type { MeetingRepository } from './meeting-repository.js';
import type { MeetingWatch } from './meeting-watch.js';

export const DAY_MS = 86_400_000;

export interface PruneDeps {
  readonly store: Store;
  readonly repo: MeetingRepository;
  readonly watch: MeetingWatch;
  readonly now: () => number;
  /** Days after its end that a meeting is kept. */
  readonly retentionDays: number;
}

export interface PruneReport {
  /** Meetings looked at, in every org. */
  checked: number;
  removed: number;
}

/** Whether the meeting ended before `cutoff` and may go. */
export function isPrunable(meeting: Readonly<Meeting>, cutoff: number): boolean {
  return meeting.state !== 'pending' && Date.parse(meeting.end) < cutoff;
}

/** One pass over every org: deletes the meetings past retention; then writes to disk. */
export async function pruneEndedMeetings(deps: PruneDeps): Promise<PruneReport> {
  const cutoff = deps.now() - deps.retentionDays * DAY_MS;
  const report: PruneReport = { checked: 0, removed: 0 };
  for (const orgId of await deps.store.listOrgIds()) {
    for (const meeting of await deps.repo.listAll(orgId)) {
      report.checked += 1;
      if (!isPrunable(meeting, cutoff)) continue;
      // Its watch ended with it; releasing makes sure no holder outlives the record.
      deps.watch.release(meeting);
      if (await deps.repo.delete(orgId, meeting.id)) report.removed += 1;
    }
  }
  if (report.removed > 0) await deps.store.flush();
  return report;
}
