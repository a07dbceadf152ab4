// The org-events feature for one running app (one per `Services`): the service behind the routes,
// its send queue, and its place among the change-notification consumers (answers arrive through the
// service mailbox's subscription). `start()` resumes messages a stopped process left queued.
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import { systemClock as graphClock } from '../../microsoft/graph/index.js';
import { notificationsRuntime } from '../../notifications/runtime.js';
import type { Services } from '../../services.js';
import { OrgEventRepository } from './org-event-repository.js';
import { OrgEventService } from './org-event-service.js';
import type { SendingLimits } from './sending-limits.js';

export interface OrgEventsDeps {
  readonly config: Pick<Config, 'publicUrl'>;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly services?: Services | undefined;
}

export interface OrgEventsOptions {
  /** Waiting for a sending slot; the real timer by default. */
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly limits?: SendingLimits;
}

const services = new WeakMap<Services, OrgEventService>();

/** The org-event service of these app dependencies (created on first use, registered for changes). */
export function orgEventsRuntime(
  deps: OrgEventsDeps,
  options: OrgEventsOptions = {},
): OrgEventService {
  const s = deps.services;
  if (!s) throw new TypeError('the org-events feature needs AppDeps.services');
  let service = services.get(s);
  if (!service) {
    const notifications = notificationsRuntime(deps);
    service = new OrgEventService({
      store: s.store,
      graph: s.graph,
      orgs: s.orgs,
      members: s.members,
      repo: new OrgEventRepository(s.store),
      watch: notifications,
      now: () => deps.clock.now(),
      sleep: options.sleep ?? ((ms, signal) => graphClock.sleep(ms, signal)),
      logger: deps.logger,
      ...(options.limits ? { limits: options.limits } : {}),
    });
    notifications.consumers.add(service);
    services.set(s, service);
  }
  return service;
}

/** The service already created for these services (by the routes); a TypeError otherwise. */
export function orgEventsOf(s: Services): OrgEventService {
  const service = services.get(s);
  if (!service) throw new TypeError('the org-events service was not created for these services');
  return service;
}

/** Resumes every send queue a stopped process left with messages (the running server). */
export async function resumeOrgEvents(s: Services): Promise<void> {
  await services.get(s)?.queue.resume();
}

/** Stops the send queues (waiting messages stay queued in the store for the next start). */
export async function closeOrgEvents(s: Services): Promise<void> {
  await services.get(s)?.close();
}
