// Availability of attendees (and rooms) over a window, as the caller's org sees it: addresses
// resolved against the org's members only, each member's calendars read where they live — all
// getSchedule chunks, calendarViews and personal calendars in one parallel round under a deadline
// — and the org's free/busy policy applied. Anyone who cannot be read is unknown, never free.
import type { Clock } from '../../clock.js';
import type { MemberRepository } from '../../domain/member-repository.js';
import type { OrgRepository } from '../../domain/org-repository.js';
import type { Member, Organization, StatusReason, TenantConnection } from '../../domain/types.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { PersonalCalendars } from '../../personal/personal-calendars.js';
import { policyOf, type FreeBusyPolicy } from '../free-busy-policy.js';
import type { WeeklyHours } from '../working-hours.js';
import { isTimeZone } from '../zoned-time.js';
import { AddressBook } from './address-book.js';
import { anchorCandidates, anchorsNeeded } from './anchors.js';
import { planAttendee, type AttendeePlan, type OrgMailboxPlan } from './attendee-plan.js';
import { toBusyIntervals, type BusyInterval } from './busy-intervals.js';
import {
  findSchedulerCalendar,
  readOrgCalendars,
  readPersonalCalendar,
  type BusyItem,
  type ViewWindow,
} from './calendar-reader.js';
import { readSchedules, scheduleCalls, type ScheduleOutcome } from './schedule-reader.js';
import { unknownFromError, type Unknown } from './unknown-reasons.js';

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
}

export interface AttendeeAvailability {
  /** The address as asked, lower-cased. */
  readonly email: string;
  readonly member: { readonly id: string; readonly displayName: string } | null;
  readonly known: boolean;
  readonly unknown: Unknown | null;
  /** IANA zone of the attendee's mailbox, when Quorum knows it. */
  readonly timeZone: string | null;
  readonly workingHours: WeeklyHours | null;
  readonly busy: readonly BusyInterval[];
}

export interface RoomAvailability {
  readonly email: string;
  readonly known: boolean;
  readonly unknown: Unknown | null;
  readonly busy: readonly BusyInterval[];
}

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
/** Status reasons that already say why a mailbox cannot be read (kept over a vaguer Graph error). */
const SETTLED_PROBLEMS: ReadonlySet<StatusReason> = new Set([
  'no_mailbox',
  'outside_access_scope',
  'not_in_directory',
  'consent_missing',
  'credential_invalid',
  'credential_expired',
]);

interface Resolved {
  readonly email: string;
  readonly member: Member | null;
  readonly plan: AttendeePlan;
}

type Extra = { ok: true; items: BusyItem[] } | { ok: false; unknown: Unknown };

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
    const connections = await this.#deps.orgs.listConnections(org.id);
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
      this.#assemble(r, schedules, extras.get(r.email) ?? [], policy, start, end),
    );
    const rooms = (query.rooms ?? []).map((room): RoomAvailability => {
      const email = room.email.toLowerCase();
      const outcome = schedules.get(`${room.tenantId.toLowerCase()}|${email}`);
      if (!outcome || !outcome.ok) {
        return {
          email,
          known: false,
          unknown: outcome?.ok === false ? outcome.unknown : { reason: 'error' },
          busy: [],
        };
      }
      return {
        email,
        known: true,
        unknown: null,
        busy: toBusyIntervals(scheduleItems(outcome), policy, start, end),
      };
    });
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

  #assemble(
    r: Resolved,
    schedules: ReadonlyMap<string, ScheduleOutcome>,
    extras: readonly Extra[],
    policy: FreeBusyPolicy,
    start: number,
    end: number,
  ): AttendeeAvailability {
    const member = r.member;
    const base = {
      email: r.email,
      member: member ? { id: member.id, displayName: member.displayName } : null,
      timeZone: member?.calendar.timeZone ?? null,
    };
    const stored = storedHours(member);
    const unknown = (why: Unknown): AttendeeAvailability => ({
      ...base,
      known: false,
      unknown: why,
      workingHours: stored,
      busy: [],
    });
    if (r.plan.kind === 'unknown') return unknown({ reason: r.plan.reason });
    const items: BusyItem[] = [];
    let hours = stored;
    const orgPlan = r.plan.org;
    if (orgPlan) {
      const outcome = schedules.get(`${orgPlan.tenantId}|${orgPlan.address}`);
      if (!outcome) return unknown({ reason: 'error' });
      if (!outcome.ok) {
        const reason = member?.calendar.reason;
        return unknown(
          reason !== undefined && reason !== 'connected' && SETTLED_PROBLEMS.has(reason)
            ? { reason }
            : outcome.unknown,
        );
      }
      items.push(...scheduleItems(outcome));
      const fresh = outcome.workingHours;
      const zone = fresh?.timeZone ?? member?.calendar.timeZone ?? stored?.timeZone;
      if (fresh && zone && isTimeZone(zone)) {
        hours = {
          daysOfWeek: fresh.daysOfWeek,
          startTime: fresh.startTime.slice(0, 5),
          endTime: fresh.endTime.slice(0, 5),
          timeZone: zone,
        };
      }
    }
    for (const extra of extras) {
      if (!extra.ok) return unknown(extra.unknown);
      items.push(...extra.items);
    }
    return {
      ...base,
      timeZone: base.timeZone ?? hours?.timeZone ?? null,
      known: true,
      unknown: null,
      workingHours: hours,
      busy: toBusyIntervals(items, policy, start, end),
    };
  }
}

function storedHours(member: Member | null): WeeklyHours | null {
  const hours = member?.calendar.workingHours;
  if (!hours || !isTimeZone(hours.timeZone)) return null;
  return {
    daysOfWeek: hours.daysOfWeek,
    startTime: hours.startTime.slice(0, 5),
    endTime: hours.endTime.slice(0, 5),
    timeZone: hours.timeZone,
  };
}

function scheduleItems(outcome: Extract<ScheduleOutcome, { ok: true }>): BusyItem[] {
  return outcome.items.map((item) => ({
    start: Date.parse(item.start),
    end: Date.parse(item.end),
    status: item.status,
  }));
}
