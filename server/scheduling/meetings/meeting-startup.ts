// Start-up work over every org's meetings: bookings a stopped process left pending are resolved
// through the outbox (each ends with exactly one event), and every upcoming scheduled meeting
// holds its organizer's mailbox watch again.
import type { Logger } from 'pino';
import type { KeyedQueue } from '../../domain/keyed-queue.js';
import type { Store } from '../../store/index.js';
import type { MeetingRepository } from './meeting-repository.js';
import { needsWatching, type MeetingWatch } from './meeting-watch.js';
import type { Outbox } from './outbox.js';

export interface MeetingStartupDeps {
  readonly store: Store;
  readonly repo: MeetingRepository;
  readonly outbox: Outbox;
  readonly watch: MeetingWatch;
  readonly now: () => number;
  readonly logger?: Pick<Logger, 'warn'> | undefined;
  /** The service's per-meeting queue: recovery waits for a request already resuming the booking. */
  readonly byMeeting: KeyedQueue;
}

export interface RecoveryReport {
  /** Pending meetings looked at. */
  checked: number;
  /** Their event was in the mailbox already (the POST had gone through). */
  found: number;
  /** Not there: POSTed again with the same transactionId. */
  posted: number;
  /** Graph refused the POST for good. */
  failed: number;
  /** Still unresolved (Graph throttling or unavailable): tried again on the next start or retry. */
  stillPending: number;
}

/** Resolves every pending meeting of every org: found, posted again, or failed. */
export async function recoverPending(deps: MeetingStartupDeps): Promise<RecoveryReport> {
  const { repo, outbox, watch, byMeeting } = deps;
  const report: RecoveryReport = { checked: 0, found: 0, posted: 0, failed: 0, stillPending: 0 };
  for (const orgId of await deps.store.listOrgIds()) {
    for (const pending of await repo.listPending(orgId)) {
      report.checked += 1;
      try {
        const outcome = await byMeeting.run(pending.id, async () => {
          const current = await repo.get(orgId, pending.id);
          return current?.state === 'pending' ? (await outbox.resume(current)).outcome : undefined;
        });
        if (outcome === 'found') report.found += 1;
        if (outcome === 'posted') report.posted += 1;
        const resolved = await repo.get(orgId, pending.id);
        if (outcome && resolved) watch.follow(resolved);
      } catch (error) {
        const current = await repo.get(orgId, pending.id);
        if (current?.state === 'failed') report.failed += 1;
        else report.stillPending += 1;
        deps.logger?.warn(
          { err: error, orgId, meetingId: pending.id },
          'pending meeting not recovered',
        );
      }
    }
  }
  return report;
}

/**
 * Every upcoming scheduled meeting holds its organizer's mailbox watch (meetings booked before the
 * process started, or before watching existed). Returns how many.
 */
export async function watchUpcoming(deps: MeetingStartupDeps): Promise<number> {
  let count = 0;
  for (const orgId of await deps.store.listOrgIds()) {
    for (const meeting of await deps.repo.listAll(orgId)) {
      if (!needsWatching(meeting, deps.now())) continue;
      deps.watch.watch(meeting);
      count += 1;
    }
  }
  return count;
}
