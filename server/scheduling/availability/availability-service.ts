// Availability of attendees (and rooms) over a window, as the caller's org sees it: addresses
// resolved against the org's members only, each member's calendars read where they live — all
// getSchedule chunks, calendarViews and personal calendars in one parallel round under a deadline
// — and the org's free/busy policy applied. Anyone who cannot be read is unknown, never free.
import type { Clock } from '../../clock.js';
import type { MemberRepository } from '../../domain/member-repository.js';
import type { OrgRepository } from '../../domain/org-repository.js';
import type { Member, Organization, TenantConnection } from '../../domain/types.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { PersonalCalendars } from '../../personal/personal-calendars.js';
import { policyOf, type FreeBusyPolicy } from '../free-busy-policy.js';
import { AddressBook } from './address-book.js';
import { anchorCandidates, anchorsNeeded } from './anchors.js';
import { planAttendee, type OrgMailboxPlan } from './attendee-plan.js';
import {
  findSchedulerCalendar,
  readOrgCalendars,
  readPersonalCalendar,
  type BusyItem,
  type ViewWindow,
} from './calendar-reader.js';
import { readSchedules, scheduleCalls, type ScheduleOutcome } from './schedule-reader.js';
import {
  assembleAttendee,
  assembleRoom,
  type AttendeeAvailability,
  type Extra,
  type Resolved,
  type RoomAvailability,
} from './attendee-result.js';
import { unknownFromError } from './unknown-reasons.js';

export interface AvailabilityDeps {
  readonly graph: GraphClient;
  readonly orgs: OrgRepository;
  readonly members: MemberRepository;
  readonly personalCalendars: Pick<PersonalCalendars, 'graphFor'>;
  readonly clock: Clock;
  /** Longest wait for Graph in one read; what has not answered by then is unknown. */
  readonly deadlineMs?: number;
}

/** A room to read, in the tenant whose places list holds it. */
export interface RoomRef {
  readonly email: string;
  readonly tenantId: string;
}

export interface AvailabilityQuery {
  readonly org: Readonly<Organization>;
  /** The member asking: their mailbox anchors getSchedule in their tenant. */
  readonly caller: Member;
  /** Attendee addresses, any case; duplicates are read once. */
  readonly attendees: readonly string[];
  readonly rooms?: readonly RoomRef[];
  /** Epoch milliseconds, start < end. */
  readonly start: number;
  readonly end: number;
  readonly signal?: AbortSignal;
  /** The org's tenant connections, when the caller already listed them. */
  readonly connections?: readonly Readonly<TenantConnection>[];
}

export type { AttendeeAvailability, RoomAvailability };

export interface AvailabilityResult {
  readonly policy: FreeBusyPolicy;
  readonly attendees: readonly AttendeeAvailability[];
  readonly rooms: readonly RoomAvailability[];
  /** Wall time of the parallel Graph round (ms): what "server compute" excludes. */
  readonly graphMs: number;
  /** getSchedule calls planned (one round, before any anchor retry). */
  readonly scheduleCalls: number;
}

const DEFAULT_DEADLINE_MS = 10_000;
const SCHEDULER_ID_TTL_MS = 10 * 60_000;
export class AvailabilityService {
  readonly #deps: AvailabilityDeps;
  readonly #book: AddressBook;
  readonly #schedulerIds = new Map<string, { id: string; expiresAt: number }>();

  constructor(deps: AvailabilityDeps) {
    this.#deps = deps;
    this.#book = new AddressBook(deps.members, () => deps.clock.now());
  }

  async read(query: AvailabilityQuery): Promise<AvailabilityResult> {
    const { org, start, end } = query;
    const policy = policyOf(org.settings);
    const connections = query.connections ?? (await this.#deps.orgs.listConnections(org.id));
    const resolved = await this.#resolve(query, connections);

    // What each tenant's getSchedule must cover: members' mailboxes, then rooms.
    const byTenant = new Map<string, string[]>();
    const ask = (tenantId: string, address: string) => {
      const list = byTenant.get(tenantId);
      if (list) list.push(address);
      else byTenant.set(tenantId, [address]);
    };
    for (const r of resolved)
      if (r.plan.kind === 'read' && r.plan.org) ask(r.plan.org.tenantId, r.plan.org.address);
    for (const room of query.rooms ?? [])
      ask(room.tenantId.toLowerCase(), room.email.toLowerCase());

    const signal = this.#signal(query.signal);
    const window: Omit<ViewWindow, 'ownerZone'> = { start, end, signal };
    const preferred = [query.caller, ...resolved.flatMap((r) => (r.member ? [r.member] : []))];
    let calls = 0;
    const reads: Promise<void>[] = [];
    const schedules = new Map<string, ScheduleOutcome>();
    const plannedTenants: { tenantId: string; addresses: string[]; anchors: string[] }[] = [];
    for (const [tenantId, addresses] of byTenant) {
      const tenantCalls = scheduleCalls(addresses.length, start, end);
      calls += tenantCalls;
      const wanted = anchorsNeeded(tenantCalls) + 2;
      let anchors = anchorCandidates(tenantId, connections, preferred, [], wanted);
      if (anchors.length < wanted) {
        anchors = anchorCandidates(
          tenantId,
          connections,
          preferred,
          await this.#deps.members.all(org.id),
          wanted,
        );
      }
      plannedTenants.push({ tenantId, addresses, anchors });
    }
    const extras = new Map<string, Extra[]>();
    const started = performance.now();
    for (const { tenantId, addresses, anchors } of plannedTenants) {
      reads.push(
        readSchedules(this.#deps.graph, { tenantId, addresses, anchors, start, end, signal }).then(
          (outcomes) => {
            for (const [address, outcome] of outcomes)
              schedules.set(`${tenantId}|${address}`, outcome);
          },
        ),
      );
    }
    for (const r of resolved) {
      if (r.plan.kind !== 'read' || !r.member) continue;
      const member = r.member;
      const ownerZone = member.calendar.timeZone ?? 'UTC';
      const found: Extra[] = [];
      extras.set(r.email, found);
      const collect = (read: Promise<BusyItem[]>) =>
        read.then(
          (items) => void found.push({ ok: true, items }),
          (error: unknown) => void found.push({ ok: false, unknown: unknownFromError(error) }),
        );
      const orgPlan = r.plan.org;
      if (orgPlan && (orgPlan.extraCalendarIds.length > 0 || orgPlan.schedulerCalendar)) {
        reads.push(collect(this.#readExtraCalendars(orgPlan, { ...window, ownerZone })));
      }
      for (const personal of r.plan.personal) {
        const graph = this.#deps.personalCalendars.graphFor(org.id, member.id, personal.id);
        reads.push(
          collect(readPersonalCalendar(graph, personal.tenantId, { ...window, ownerZone })),
        );
      }
    }
    await Promise.all(reads);
    const graphMs = performance.now() - started;

    const attendees = resolved.map((r) =>
      assembleAttendee(r, schedules, extras.get(r.email) ?? [], policy, start, end),
    );
    const rooms = (query.rooms ?? []).map((room) =>
      assembleRoom(room, schedules, policy, start, end),
    );
    return { policy, attendees, rooms, graphMs, scheduleCalls: calls };
  }

  async #resolve(
    query: AvailabilityQuery,
    connections: readonly Readonly<TenantConnection>[],
  ): Promise<Resolved[]> {
    const seen = new Set<string>();
    const out: Resolved[] = [];
    for (const raw of query.attendees) {
      const email = raw.trim().toLowerCase();
      if (seen.has(email)) continue;
      seen.add(email);
      const match = await this.#book.resolve(query.org.id, connections, email);
      if (match.kind === 'member') {
        out.push({ email, member: match.member, plan: planAttendee(match.member, connections) });
      } else {
        out.push({ email, member: null, plan: { kind: 'unknown', reason: match.kind } });
      }
    }
    return out;
  }

  #signal(outer: AbortSignal | undefined): AbortSignal {
    const deadline = AbortSignal.timeout(this.#deps.deadlineMs ?? DEFAULT_DEADLINE_MS);
    return outer ? AbortSignal.any([outer, deadline]) : deadline;
  }

  async #readExtraCalendars(plan: OrgMailboxPlan, window: ViewWindow): Promise<BusyItem[]> {
    const ids = [...plan.extraCalendarIds];
    if (plan.schedulerCalendar) {
      const id = await this.#schedulerCalendarId(plan, window.signal);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    return readOrgCalendars(this.#deps.graph, plan.tenantId, plan.objectId, ids, window);
  }

  async #schedulerCalendarId(
    plan: OrgMailboxPlan,
    signal: AbortSignal | undefined,
  ): Promise<string | undefined> {
    const key = `${plan.tenantId}/${plan.objectId}`;
    const now = this.#deps.clock.now();
    const cached = this.#schedulerIds.get(key);
    if (cached && cached.expiresAt > now) return cached.id;
    // Not found is not remembered: the first booking creates it at any moment.
    const id = await findSchedulerCalendar(this.#deps.graph, plan.tenantId, plan.objectId, signal);
    if (id !== undefined) this.#schedulerIds.set(key, { id, expiresAt: now + SCHEDULER_ID_TTL_MS });
    return id;
  }
}
