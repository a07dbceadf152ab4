// The admin's member table (`GET /api/org/members`, CSV export): filter by status and reason,
// search name and email, stable order (display name, then id), offset paging with a total.
//
// 50,000 members must page in well under 20 ms, so each org keeps its members sorted once and
// filtered views are memoized until the members change. The sort order is only recomputed when
// a member is added, removed or renamed (the repository's `orderVersion`); status changes (every
// sweep) keep it.
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

interface OrgView {
  version: number;
  orderVersion: number;
  /** Member ids in table order (kept across status changes). */
  order: string[];
  members: Member[];
  filtered: Map<string, Member[]>;
}

export class MemberListIndex {
  readonly #views = new Map<string, OrgView>();
  /** A member's list item as JSON, per member object (members are replaced, never mutated). */
  readonly #json = new WeakMap<Member, string>();

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
   * per version of the member, not once per request.
   */
  async pageJson(orgId: string, query: MemberPageQuery): Promise<string> {
    const { total, items } = await this.page(orgId, query);
    const parts = items.map((member) => {
      let json = this.#json.get(member);
      if (json === undefined) {
        json = JSON.stringify(toListItem(member));
        this.#json.set(member, json);
      }
      return json;
    });
    return `{"total":${total},"offset":${query.offset},"limit":${query.limit},"items":[${parts.join(',')}]}`;
  }

  /** Every member matching the filter, in table order. */
  async all(orgId: string, filter: MemberFilter): Promise<Member[]> {
    return this.filtered(orgId, filter);
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
          (q === '' ||
            member.displayName.toLowerCase().includes(q) ||
            member.email.toLowerCase().includes(q)),
      );
      // Bounded: searches are many, and a view lives only until the members change.
      if (view.filtered.size >= 256) view.filtered.clear();
      view.filtered.set(key, hit);
    }
    return hit;
  }

  /**
   * The org's members in table order. A sweep changes statuses many times a second while admins
   * watch the table: then only the current values are looked up along the kept order (a few ms
   * for 50,000); members added, removed or renamed sort again.
   */
  private async view(orgId: string): Promise<OrgView> {
    const version = this.members.version(orgId);
    const orderVersion = this.members.orderVersion(orgId);
    const current = this.#views.get(orgId);
    if (current?.version === version) return current;
    const byId = await this.members.byId(orgId);
    let order: string[];
    if (current?.orderVersion === orderVersion) {
      order = current.order;
    } else {
      const keyed = Array.from(byId.values(), (m) => ({
        id: m.id,
        key: `${m.displayName.toLowerCase()}\u0000${m.id}`,
      }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      order = keyed.map((k) => k.id);
    }
    const members: Member[] = [];
    for (const id of order) {
      const member = byId.get(id);
      if (member) members.push(member);
    }
    const view: OrgView = { version, orderVersion, order, members, filtered: new Map() };
    this.#views.set(orgId, view);
    return view;
  }
}
