// The meetings feature for one running app: one MeetingService per `Services`, shared by the routes
// and the start-up recovery in `main.ts`, so both serialize work on a meeting through the same queue.
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { Services } from '../../services.js';
import { schedulingRuntime } from '../runtime.js';
import { MeetingService, type RecoveryReport } from './meeting-service.js';

export { MeetingService, type BookingResult, type RecoveryReport } from './meeting-service.js';
export type { MeetingHooks } from './outbox.js';
export type { MeetingView } from './meeting-view.js';
export type { Meeting } from './meeting.js';
export { SCHEDULER_CALENDAR_NAME, SCHEDULER_DESTINATION } from './scheduler-calendar.js';

export interface MeetingsDeps {
  readonly services?: Services | undefined;
  readonly clock: Clock;
  readonly logger?: Logger;
}

const services = new WeakMap<Services, MeetingService>();

/** The meeting service of these app dependencies (created on first use). */
export function meetingsOf(deps: MeetingsDeps): MeetingService {
  const s = deps.services;
  if (!s) throw new TypeError('the meetings feature needs AppDeps.services');
  let service = services.get(s);
  if (!service) {
    service = new MeetingService({
      store: s.store,
      graph: s.graph,
      orgs: s.orgs,
      scheduling: schedulingRuntime({ services: s, clock: deps.clock }),
      now: () => deps.clock.now(),
      ...(deps.logger ? { logger: deps.logger } : {}),
    });
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
