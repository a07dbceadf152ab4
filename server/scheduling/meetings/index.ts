// The meetings feature for one running app: one MeetingService per `Services`, shared by the routes
// and the start-up recovery in `main.ts`, so both serialize work on a meeting through the same queue.
// With the app's configuration it is also a change consumer of the notifications runtime (answers
// arrive by notification while organizers' mailboxes are watched), and `startMeetingJobs` runs the
// background work of the running server: re-watching upcoming meetings, pruning long-ended ones.
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { createScheduler, type Scheduler, type Timers } from '../../jobs/scheduler.js';
import { notificationsRuntime } from '../../notifications/runtime.js';
import type { Services } from '../../services.js';
import { schedulingRuntime } from '../runtime.js';
import { MeetingService, type RecoveryReport } from './meeting-service.js';
import { pruneEndedMeetings, type PruneReport } from './meeting-pruning.js';

export { MeetingService, type BookingResult, type RecoveryReport } from './meeting-service.js';
export type { MeetingHooks } from './outbox.js';
export type { MeetingView } from './meeting-view.js';
export type { Meeting } from './meeting.js';
export type { PruneReport } from './meeting-pruning.js';
export { SCHEDULER_CALENDAR_NAME, SCHEDULER_DESTINATION } from './scheduler-calendar.js';

export interface MeetingsDeps {
  readonly services?: Services | undefined;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** With the logger, organizers' mailboxes are watched through the notifications runtime. */
  readonly config?: Pick<Config, 'publicUrl' | 'meetingRetentionDays'>;
}

const services = new WeakMap<Services, MeetingService>();

/** The meeting service of these app dependencies (created on first use). */
export function meetingsOf(deps: MeetingsDeps): MeetingService {
  const s = deps.services;
  if (!s) throw new TypeError('the meetings feature needs AppDeps.services');
  let service = services.get(s);
  if (!service) {
    const notifications =
      deps.config && deps.logger
        ? notificationsRuntime({
            config: deps.config,
            logger: deps.logger,
            clock: deps.clock,
            services: s,
          })
        : undefined;
    service = new MeetingService({
      store: s.store,
      graph: s.graph,
      orgs: s.orgs,
      scheduling: schedulingRuntime({ services: s, clock: deps.clock }),
      now: () => deps.clock.now(),
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(notifications ? { subscriptions: notifications } : {}),
    });
    notifications?.consumers.add(service);
    services.set(s, service);
  }
  return service;
}

/**
 * Resolves every booking a stopped process left pending (DESIGN §5): each ends with exactly one
 * event. Run at start-up; logs what it did.
 */
export async function recoverPendingMeetings(deps: MeetingsDeps): Promise<RecoveryReport> {
  const report = await meetingsOf(deps).recoverPending();
  if (report.checked > 0) deps.logger?.info({ report }, 'pending meetings recovered');
  return report;
}

/** Deletes the meetings that ended more than `QUORUM_MEETING_RETENTION_DAYS` ago, in every org. */
export async function pruneMeetings(
  deps: MeetingsDeps & { readonly config: Pick<Config, 'meetingRetentionDays'> },
): Promise<PruneReport> {
  const service = meetingsOf(deps);
  const report = await pruneEndedMeetings({
    store: deps.services!.store,
    repo: service.repo,
    watch: service.watch,
    now: () => deps.clock.now(),
    retentionDays: deps.config.meetingRetentionDays,
  });
  if (report.removed > 0) deps.logger?.info({ report }, 'ended meetings pruned');
  return report;
}

export interface MeetingJobsOptions {
  readonly timers?: Timers;
  /** Between pruning passes; default 6 hours (the first one a minute after start). */
  readonly pruneIntervalMs?: number;
}

/**
 * The running server's meeting jobs: every upcoming meeting's organizer mailbox watched again now,
 * and a pruning pass every few hours. Stop the returned scheduler on shutdown.
 */
export function startMeetingJobs(
  deps: MeetingsDeps & {
    readonly config: Pick<Config, 'publicUrl' | 'meetingRetentionDays'>;
    readonly logger: Logger;
  },
  options: MeetingJobsOptions = {},
): Scheduler {
  meetingsOf(deps)
    .watchUpcoming()
    .catch((error: unknown) =>
      deps.logger.error({ err: error }, 'watching upcoming meetings failed'),
    );
  const pruning = createScheduler({
    intervalMs: options.pruneIntervalMs ?? 6 * 3_600_000,
    initialDelayMs: 60_000,
    tick: async () => {
      await pruneMeetings(deps);
    },
    onError: (error) => deps.logger.error({ err: error }, 'pruning ended meetings failed'),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  pruning.start();
  return pruning;
}
