// The scheduling feature's long-lived state for one running app — the availability reader (with its
// address index and scheduler-calendar ids) and the rooms cache — one per `Services`, shared by the
// schedule and rooms routes and by booking, which checks slots through it.
import type { Clock } from '../clock.js';
import type { Services } from '../services.js';
import { AvailabilityService } from './availability/availability-service.js';
import { RoomDirectory } from './rooms/room-directory.js';

export interface SchedulingRuntimeDeps {
  readonly clock: Clock;
  readonly services?: Services | undefined;
}

export interface SchedulingRuntime {
  readonly availability: AvailabilityService;
  readonly rooms: RoomDirectory;
  readonly clock: Clock;
}

const runtimes = new WeakMap<Services, SchedulingRuntime>();

/** The scheduling runtime of these app dependencies (created on first use). */
export function schedulingRuntime(deps: SchedulingRuntimeDeps): SchedulingRuntime {
  const services = deps.services;
  if (!services) throw new TypeError('the scheduling feature needs AppDeps.services');
  let runtime = runtimes.get(services);
  if (!runtime) {
    runtime = {
      availability: new AvailabilityService({
        graph: services.graph,
        orgs: services.orgs,
        members: services.members,
        personalCalendars: services.personalCalendars,
        clock: deps.clock,
      }),
      rooms: new RoomDirectory({ graph: services.graph, clock: deps.clock }),
      clock: deps.clock,
    };
    // Rooms copied from a tenant go when its connection is deleted, moved or stops giving access.
    const rooms = runtime.rooms;
    const forget = (c: { tenantId: string }) => Promise.resolve(rooms.forget(c.tenantId));
    services.connections.service.hooks.removed.push(forget);
    services.connections.service.hooks.disabled.push(forget);
    runtimes.set(services, runtime);
  }
  return runtime;
}
