// Members of each org, kept in an in-memory index over the store's shards so that lookups by
// identity or email and the admin's filtered lists never scan the disk. Writes go through here.
import type { Store } from '../store/index.js';
import { normalizeEmail } from './ids.js';
import type { Member } from './types.js';

class OrgMembers {
  readonly byId = new Map<string, Member>();
  readonly byIdentity = new Map<string, string>();
  readonly byEmail = new Map<string, string>();

  set(member: Member): void {
    const previous = this.byId.get(member.id);
    if (previous) this.unindex(previous);
    this.byId.set(member.id, member);
    if (member.tenantId && member.objectId) {
      this.byIdentity.set(identityKey(member.tenantId, member.objectId), member.id);
    }
    this.byEmail.set(normalizeEmail(member.email), member.id);
  }

  remove(id: string): void {
    const previous = this.byId.get(id);
    if (!previous) return;
    this.unindex(previous);
    this.byId.delete(id);
  }

  private unindex(member: Member): void {
    if (member.tenantId && member.objectId) {
      const key = identityKey(member.tenantId, member.objectId);
      if (this.byIdentity.get(key) === member.id) this.byIdentity.delete(key);
    }
    const email = normalizeEmail(member.email);
    if (this.byEmail.get(email) === member.id) this.byEmail.delete(email);
  }
}

function identityKey(tenantId: string, objectId: string): string {
  return `${tenantId.toLowerCase()}/${objectId.toLowerCase()}`;
}

export class MemberRepository {
  private readonly orgs = new Map<string, Promise<OrgMembers>>();
  private readonly versions = new Map<string, number>();

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
    const id = index.byIdentity.get(identityKey(tenantId, objectId));
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

  private touch(orgId: string): void {
    this.versions.set(orgId, this.version(orgId) + 1);
  }

  async count(orgId: string): Promise<number> {
    return (await this.index(orgId)).byId.size;
  }

  async put(member: Member): Promise<void> {
    const index = await this.index(member.orgId);
    index.set(member);
    this.touch(member.orgId);
    await this.store.putMember(member.orgId, member);
  }

  /** Bulk upsert (directory sync, sweeps): one paced store write for many members. */
  async putMany(orgId: string, members: readonly Member[]): Promise<void> {
    if (members.length === 0) return;
    const index = await this.index(orgId);
    for (const member of members) index.set(member);
    this.touch(orgId);
    await this.store.putMembers(orgId, members);
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
    for (const id of ids) {
      const current = index.byId.get(id);
      if (!current) continue;
      const next = fn(current);
      if (next === undefined || next === current) continue;
      index.set(next);
      changed.push(next);
    }
    if (changed.length === 0) return changed;
    this.touch(orgId);
    await this.store.putMembers(orgId, changed);
    return changed;
  }

  /** Applies `fn` to the current member; returns the new value, or undefined if there is none. */
  async update(
    orgId: string,
    id: string,
    fn: (current: Member) => Member,
  ): Promise<Member | undefined> {
    const current = await this.get(orgId, id);
    if (!current) return undefined;
    const next = fn(current);
    await this.put(next);
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
