// Meetings in the store: one org document per meeting (`meeting:<id>`), with an in-memory index per
// org by organizer and by the client's idempotency key, built on first use from the documents.
import type { Store } from '../../store/index.js';
import type { Meeting } from './meeting.js';

const PREFIX = 'meeting:';

class OrgMeetingIndex {
  readonly byOrganizer = new Map<string, Set<string>>();
  readonly byKey = new Map<string, string>();

  add(meeting: Readonly<Meeting>): void {
    let ids = this.byOrganizer.get(meeting.organizerMemberId);
    if (!ids) {
      ids = new Set();
      this.byOrganizer.set(meeting.organizerMemberId, ids);
    }
    ids.add(meeting.id);
    if (meeting.idempotencyKey !== null) {
      this.byKey.set(keyOf(meeting.organizerMemberId, meeting.idempotencyKey), meeting.id);
    }
  }
}

function keyOf(memberId: string, idempotencyKey: string): string {
  return `${memberId}\n${idempotencyKey}`;
}

export class MeetingRepository {
  readonly #indexes = new Map<string, Promise<OrgMeetingIndex>>();

  constructor(private readonly store: Store) {}

  #index(orgId: string): Promise<OrgMeetingIndex> {
    let loading = this.#indexes.get(orgId);
    if (!loading) {
      loading = (async () => {
        const index = new OrgMeetingIndex();
        for (const key of await this.store.listOrgDocKeys(orgId)) {
          if (!key.startsWith(PREFIX)) continue;
          const meeting = await this.store.getOrgDoc<Meeting>(orgId, key);
          if (meeting) index.add(meeting);
        }
        return index;
      })();
      this.#indexes.set(orgId, loading);
      loading.catch(() => this.#indexes.delete(orgId));
    }
    return loading;
  }

  async get(orgId: string, id: string): Promise<Readonly<Meeting> | undefined> {
    if (id.length === 0 || id.length > 200) return undefined;
    return this.store.getOrgDoc<Meeting>(orgId, PREFIX + id);
  }

  /** Writes a new meeting (in memory at once; `store.flush()` makes it durable). */
  async create(meeting: Meeting): Promise<Readonly<Meeting>> {
    const index = await this.#index(meeting.orgId);
    const stored = await this.store.updateOrgDoc<Meeting>(
      meeting.orgId,
      PREFIX + meeting.id,
      () => meeting,
    );
    index.add(stored);
    return stored;
  }

  /** Replaces the meeting with `fn(current)`; undefined when it no longer exists. */
  async update(
    orgId: string,
    id: string,
    fn: (current: Readonly<Meeting>) => Meeting,
  ): Promise<Readonly<Meeting> | undefined> {
    if (!(await this.get(orgId, id))) return undefined;
    return this.store.updateOrgDoc<Meeting>(orgId, PREFIX + id, (current) => {
      if (!current) throw new Error(`meeting ${id} vanished during an update`);
      return fn(current);
    });
  }

  async findByIdempotencyKey(
    orgId: string,
    memberId: string,
    idempotencyKey: string,
  ): Promise<Readonly<Meeting> | undefined> {
    const id = (await this.#index(orgId)).byKey.get(keyOf(memberId, idempotencyKey));
    return id === undefined ? undefined : this.get(orgId, id);
  }

  /** Every meeting the member organized. */
  async listByOrganizer(orgId: string, memberId: string): Promise<Readonly<Meeting>[]> {
    const ids = (await this.#index(orgId)).byOrganizer.get(memberId) ?? new Set<string>();
    const found: Readonly<Meeting>[] = [];
    for (const id of ids) {
      const meeting = await this.get(orgId, id);
      if (meeting) found.push(meeting);
    }
    return found;
  }

  /** Outbox entries of the org whose POST may not have reached Graph. */
  async listPending(orgId: string): Promise<Readonly<Meeting>[]> {
    const index = await this.#index(orgId);
    const found: Readonly<Meeting>[] = [];
    for (const ids of index.byOrganizer.values()) {
      for (const id of ids) {
        const meeting = await this.get(orgId, id);
        if (meeting?.state === 'pending') found.push(meeting);
      }
    }
    return found;
  }
}
