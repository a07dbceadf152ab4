// Members of each org, kept in an in-memory index over the store's shards so that lookups by
// identity or email and the admin's filtered lists never scan the disk. Writes go through here.
//
// The index holds the very records the store holds (deep-frozen stored values, see
// `toStoredValue`): one copy of 50,000 members, not two. Every change is read, computed and applied
// to the index in one synchronous step, then handed to the store, which applies member changes in
// call order — so memory and disk agree and no change is computed from a stale copy.
import { toStoredValue, type Store } from '../store/index.js';
import { normalizeEmail } from './ids.js';
import type { Member } from './types.js';

class OrgMembers {
  readonly byId = new Map<string, Member>();
  /** tenant id → object id → member id (both lower-cased; no key string made per member). */
  readonly byIdentity = new Map<string, Map<string, string>>();
  readonly byEmail = new Map<string, string>();

  /** Returns whether the member is new or renamed (what changes the table's order). */
  set(member: Member): boolean {
    const previous = this.byId.get(member.id);
    this.byId.set(member.id, member);
    const reordered = previous?.displayName !== member.displayName;
    // Most changes (every sweep) keep identity and email: the lookups stay as they are.
    if (
      previous &&
      previous.email === member.email &&
      previous.tenantId === member.tenantId &&
      previous.objectId === member.objectId
    ) {
      return reordered;
    }
    if (previous) this.unindex(previous);
    if (member.tenantId && member.objectId) {
      const tenant = member.tenantId.toLowerCase();
      let objects = this.byIdentity.get(tenant);
      if (!objects) this.byIdentity.set(tenant, (objects = new Map()));
      objects.set(member.objectId.toLowerCase(), member.id);
    }
    this.byEmail.set(normalizeEmail(member.email), member.id);
    return reordered;
  }

  remove(id: string): void {
    const previous = this.byId.get(id);
    if (!previous) return;
    this.unindex(previous);
    this.byId.delete(id);
  }

  findByIdentity(tenantId: string, objectId: string): string | undefined {
    return this.byIdentity.get(tenantId.toLowerCase())?.get(objectId.toLowerCase());
  }

  private unindex(member: Member): void {
    if (member.tenantId && member.objectId) {
      const objects = this.byIdentity.get(member.tenantId.toLowerCase());
      const objectId = member.objectId.toLowerCase();
      if (objects?.get(objectId) === member.id) objects.delete(objectId);
    }
    const email = normalizeEmail(member.email);
    if (this.byEmail.get(email) === member.id) this.byEmail.delete(email);
  }
}

export class MemberRepository {
  private readonly orgs = new Map<string, Promise<OrgMembers>>();
  private readonly versions = new Map<string, number>();
  private readonly orderVersions = new Map<string, number>();

  constructor(private readonly store: Store) {}

  private index(orgId: string): Promise<OrgMembers> {
    let loaded = this.orgs.get(orgId);
    if (!loaded) {
      loaded = this.store.listMembers<Member>(orgId).then((records) => {
        const index = new OrgMembers();
        for (const record of records) index.set(record as Member);
        return index;
      });
      this.orgs.set(orgId, loaded);
    }
    return loaded;
  }

  async get(orgId: string, id: string): Promise<Member | undefined> {
    return (await this.index(orgId)).byId.get(id);
  }

  async findByIdentity(
    orgId: string,
    tenantId: string,
    objectId: string,
  ): Promise<Member | undefined> {
    const index = await this.index(orgId);
    const id = index.findByIdentity(tenantId, objectId);
    return id ? index.byId.get(id) : undefined;
  }

  async findByEmail(orgId: string, email: string): Promise<Member | undefined> {
    const index = await this.index(orgId);
    const id = index.byEmail.get(normalizeEmail(email));
    return id ? index.byId.get(id) : undefined;
  }

  /** Every member of the org, as held in memory (treat as read-only; write through `put`). */
  async all(orgId: string): Promise<readonly Member[]> {
    return [...(await this.index(orgId)).byId.values()];
  }

  /** Grows on every change to the org's members: lets readers cache sorted or filtered views. */
  version(orgId: string): number {
    return this.versions.get(orgId) ?? 0;
  }

  /**
   * Grows when members are added, removed or renamed — not on status changes: lets readers keep
   * an order by name across sweeps.
   */
  orderVersion(orgId: string): number {
    return this.orderVersions.get(orgId) ?? 0;
  }

  /** The org's members by id, as held in memory (read-only; write through `put`). */
  async byId(orgId: string): Promise<ReadonlyMap<string, Member>> {
    return (await this.index(orgId)).byId;
  }

  private touch(orgId: string, reordered = true): void {
    this.versions.set(orgId, this.version(orgId) + 1);
    if (reordered) this.orderVersions.set(orgId, this.orderVersion(orgId) + 1);
  }

  async count(orgId: string): Promise<number> {
    return (await this.index(orgId)).byId.size;
  }

  async put(member: Member): Promise<void> {
    const index = await this.index(member.orgId);
    const stored = toStoredValue(member);
    this.touch(member.orgId, index.set(stored));
    await this.store.putMember(member.orgId, stored);
  }

  /** Bulk upsert (directory sync, sweeps): one paced store write for many members. */
  async putMany(orgId: string, members: readonly Member[]): Promise<void> {
    if (members.length === 0) return;
    const index = await this.index(orgId);
    const stored = members.map((member) => toStoredValue(member));
    let reordered = false;
    for (const member of stored) reordered = index.set(member) || reordered;
    this.touch(orgId, reordered);
    await this.store.putMembers(orgId, stored);
  }

  /**
   * Applies `fn` to the current value of each listed member and writes those it changed (`fn`
   * returns the same object, or undefined, for no change). Reads and in-memory updates happen in
   * one synchronous pass, so a concurrent writer is never overwritten with a stale copy. Keep
   * `ids` to a few hundred: the store yields between larger bulk writes.
   */
  async updateMany(
    orgId: string,
    ids: Iterable<string>,
    fn: (current: Member) => Member | undefined,
  ): Promise<Member[]> {
    const index = await this.index(orgId);
    const changed: Member[] = [];
    let reordered = false;
    for (const id of ids) {
      const current = index.byId.get(id);
      if (!current) continue;
      const next = fn(current);
      if (next === undefined || next === current) continue;
      const stored = toStoredValue(next);
      reordered = index.set(stored) || reordered;
      changed.push(stored);
    }
    if (changed.length === 0) return changed;
    this.touch(orgId, reordered);
    await this.store.putMembers(orgId, changed);
    return changed;
  }

  /**
   * Applies `fn` to the current member and writes the result; returns it, or undefined if there is
   * no such member. Read, `fn` and the in-memory write are one synchronous step: a concurrent
   * update (a sweep's `updateMany`) is either seen by `fn` or applied after it, never lost.
   */
  async update(
    orgId: string,
    id: string,
    fn: (current: Member) => Member,
  ): Promise<Member | undefined> {
    const index = await this.index(orgId);
    const current = index.byId.get(id);
    if (!current) return undefined;
    const next = toStoredValue(fn(current));
    this.touch(orgId, index.set(next));
    await this.store.putMember(orgId, next);
    return next;
  }

  async delete(orgId: string, id: string): Promise<boolean> {
    (await this.index(orgId)).remove(id);
    this.touch(orgId);
    return this.store.deleteMember(orgId, id);
  }

  /** Forgets the in-memory index of an org (after the org is deleted). */
  forget(orgId: string): void {
    this.orgs.delete(orgId);
    this.touch(orgId);
  }
}
