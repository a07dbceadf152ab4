// The admin's member table (`GET /api/org/members`, CSV export): filter by status and reason,
// search name and email, stable order (display name, then id), offset paging with a total.
//
// 50,000 members must page in well under 20 ms, so each org keeps its members sorted once and
// filtered views are memoized until the members change. The sort order is only recomputed when
// a member is added, removed or renamed; status changes (every sweep) keep it.
import type { MemberRepository } from '../domain/member-repository.js';
import { REASONS } from '../domain/reasons.js';
import type { Member, StatusCategory, StatusReason, WorkingHours } from '../domain/types.js';

export interface MemberFilter {
  status?: StatusCategory | undefined;
  reason?: StatusReason | undefined;
  /** Case-insensitive substring of the display name or email. */
  q?: string | undefined;
}

export interface MemberPageQuery extends MemberFilter {
  offset: number;
  limit: number;
}

/** One row of the table: status with its plain-language summary and fix; never event data. */
export interface MemberListItem {
  id: string;
  displayName: string;
  email: string;
  role: Member['role'];
  source: Member['source'];
  status: StatusCategory;
  reason: StatusReason;
  summary: string;
  fix: string | null;
  checkedAt: string | null;
  retryAt: string | null;
  requestId: string | null;
  timeZone: string | null;
  workingHours: WorkingHours | null;
}

export function toListItem(member: Member): MemberListItem {
  const { calendar } = member;
  const info = REASONS[calendar.reason];
  return {
    id: member.id,
    displayName: member.displayName,
    email: member.email,
    role: member.role,
    source: member.source,
    status: calendar.status,
    reason: calendar.reason,
    summary: info.summary,
    fix: info.fix,
    checkedAt: calendar.checkedAt,
    retryAt: calendar.retryAt ?? null,
    requestId: calendar.requestId ?? null,
    timeZone: calendar.timeZone,
    workingHours: calendar.workingHours,
  };
}

interface Derived {
  sortKey: string;
  search: string;
  /** The member's list item as JSON, made on first use. */
  json?: string;
}

interface OrgView {
  version: number;
  /** id → sort key the order was computed with. */
  keys: Map<string, string>;
  /** Member ids in table order. */
  order: string[];
  members: Member[];
  filtered: Map<string, Member[]>;
}

export class MemberListIndex {
  readonly #views = new Map<string, OrgView>();
  /** Per member object (members are replaced, never mutated): computed once per version of it. */
  readonly #derived = new WeakMap<Member, Derived>();

  constructor(private readonly members: MemberRepository) {}

  /** One page of the filtered, ordered members, and how many match in all. */
  async page(orgId: string, query: MemberPageQuery): Promise<{ total: number; items: Member[] }> {
    const matching = await this.filtered(orgId, query);
    return {
      total: matching.length,
      items: matching.slice(query.offset, query.offset + query.limit),
    };
  }

  /**
   * The page as the JSON body of `GET /api/org/members`. Each member's item is serialized once
   * per version of the member (members are replaced, never mutated), not once per request.
   */
  async pageJson(orgId: string, query: MemberPageQuery): Promise<string> {
    const { total, items } = await this.page(orgId, query);
    const parts = items.map((member) => {
      const derived = this.derived(member);
      derived.json ??= JSON.stringify(toListItem(member));
      return derived.json;
    });
    return `{"total":${total},"offset":${query.offset},"limit":${query.limit},"items":[${parts.join(',')}]}`;
  }

  /** Every member matching the filter, in table order. */
  async all(orgId: string, filter: MemberFilter): Promise<Member[]> {
    return this.filtered(orgId, filter);
  }

  private derived(member: Member): Derived {
    let d = this.#derived.get(member);
    if (!d) {
      d = {
        sortKey: `${member.displayName.toLowerCase()}\u0000${member.id}`,
        search: `${member.displayName}\n${member.email}`.toLowerCase(),
      };
      this.#derived.set(member, d);
    }
    return d;
  }

  private async filtered(orgId: string, filter: MemberFilter): Promise<Member[]> {
    const view = await this.view(orgId);
    const q = filter.q?.trim().toLowerCase() ?? '';
    const key = `${filter.status ?? ''}|${filter.reason ?? ''}|${q}`;
    let hit = view.filtered.get(key);
    if (!hit) {
      hit = view.members.filter(
        (member) =>
          (filter.status === undefined || member.calendar.status === filter.status) &&
          (filter.reason === undefined || member.calendar.reason === filter.reason) &&
          (q === '' || this.derived(member).search.includes(q)),
      );
      // Bounded: searches are many, and a view lives only until the members change.
      if (view.filtered.size >= 256) view.filtered.clear();
      view.filtered.set(key, hit);
    }
    return hit;
  }

  private async view(orgId: string): Promise<OrgView> {
    const version = this.members.version(orgId);
    const current = this.#views.get(orgId);
    if (current?.version === version) return current;
    const all = await this.members.all(orgId);
    const byId = new Map(all.map((m) => [m.id, m]));
    // The order survives status changes; members added, removed or renamed re-sort.
    const keep =
      current !== undefined &&
      current.keys.size === all.length &&
      all.every((m) => current.keys.get(m.id) === this.derived(m).sortKey);
    let keys = current?.keys ?? new Map<string, string>();
    let order = current?.order ?? [];
    if (!keep) {
      keys = new Map(all.map((m) => [m.id, this.derived(m).sortKey]));
      order = [...keys].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([id]) => id);
    }
    const view: OrgView = {
      version,
      keys,
      order,
      members: order.map((id) => byId.get(id)!),
      filtered: new Map(),
    };
    this.#views.set(orgId, view);
    return view;
  }
}
