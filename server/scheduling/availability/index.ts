// Availability for the rest of Quorum: read attendees' and rooms' free/busy, or check one slot.
//
// Booking checks a slot before it writes:
//
// ```ts
// const runtime = schedulingRuntime(deps);
// const connections = await services.orgs.listConnections(org.id);
// const check = await checkSlot(runtime, {
//   org, caller: member, roomTenantId: roomTenantOf(member, caller.tenantId, connections),
//   start, end, attendees: ['adele.vance@contoso.com'], rooms: ['room.rainier@contoso.com'],
// });
// if (!check.free) … // check.attendees / check.rooms say who is busy or unknown, and why
// ```
export {
  AvailabilityService,
  type AttendeeAvailability,
  type AvailabilityDeps,
  type AvailabilityQuery,
  type AvailabilityResult,
  type RoomAvailability,
  type RoomRef,
} from './availability-service.js';
export { blockingIntervals, toBusyIntervals, type BusyInterval } from './busy-intervals.js';
export {
  checkSlot,
  type SlotCheck,
  type SlotCheckEntry,
  type SlotCheckQuery,
  type SlotState,
} from './slot-check.js';
export { describeUnknown, type Unknown, type UnknownReason } from './unknown-reasons.js';
export { roomTenantOf } from '../rooms/room-tenant.js';
export { schedulingRuntime, type SchedulingRuntime } from '../runtime.js';
