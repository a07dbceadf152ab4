// Meetings in the store: one org document per meeting (`meeting:<id>`), with an in-memory index per
// org by organizer, by the client's idempotency key, by Graph event id and by organizer mailbox
// (where change notifications name a meeting), built on first use from the documents.
import type { Store } from '../../store/index.js';
import type { Meeting } from './meeting.js';

const PREFIX = 'meeting:';

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let ids = map.get(key);
  if (!ids) {
    ids = new Set();
    map.set(key, ids);
  }
  ids.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const ids = map.get(key);
  ids?.delete(id);
  if (ids?.size === 0) map.delete(key);
}

class OrgMeetingIndex {
  readonly byOrganizer = new Map<string, Set<string>>();
  readonly byKey = new Map<string, string>();
  readonly byEvent = new Map<string, string>();
  readonly byMailbox = new Map<string, Set<string>>();

  /** Indexes a meeting (again after an update: its event id arrives once Graph created it). */
  add(meeting: Readonly<Meeting>): void {
    addTo(this.byOrganizer, meeting.organizerMemberId, meeting.id);
    addTo(this.byMailbox, mailboxKeyOf(meeting.mailbox), meeting.id);
    if (meeting.idempotencyKey !== null) {
      this.byKey.set(keyOf(meeting.organizerMemberId, meeting.idempotencyKey), meeting.id);
    }
    if (meeting.graphEventId !== null) this.byEvent.set(meeting.graphEventId, meeting.id);
  }

  remove(meeting: Readonly<Meeting>): void {
    removeFrom(this.byOrganizer, meeting.organizerMemberId, meeting.id);
    removeFrom(this.byMailbox, mailboxKeyOf(meeting.mailbox), meeting.id);
    if (meeting.idempotencyKey !== null) {
      this.byKey.delete(keyOf(meeting.organizerMemberId, meeting.idempotencyKey));
    }
    if (meeting.graphEventId !== null) this.byEvent.delete(meeting.graphEventId);
  }
}

function keyOf(memberId: string, idempotencyKey: string): string {
  return `${memberId}\n${idempotencyKey}`;
}

function mailboxKeyOf(mailbox: { tenantId: string; objectId: string }): string {
  return `${mailbox.tenantId}/${mailbox.objectId}`.toLowerCase();
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
    const index = await this.#index(orgId);
    const saved = await this.store.updateOrgDoc<Meeting>(orgId, PREFIX + id, (current) => {
      if (!current) throw new Error(`meeting ${id} vanished during an update`);
      return fn(current);
    });
    index.add(saved);
    return saved;
  }

  /** Removes the meeting for good (pruning); false when it was not there. */
  async delete(orgId: string, id: string): Promise<boolean> {
    const meeting = await this.get(orgId, id);
    if (!meeting) return false;
    (await this.#index(orgId)).remove(meeting);
    return this.store.deleteOrgDoc(orgId, PREFIX + id);
  }

  /** The meeting whose event in its organizer's mailbox has this Graph id. */
  async findByGraphEventId(orgId: string, eventId: string): Promise<Readonly<Meeting> | undefined> {
    const id = (await this.#index(orgId)).byEvent.get(eventId);
    return id === undefined ? undefined : this.get(orgId, id);
  }

  /** Every meeting whose event lives in this mailbox. */
  async listByMailbox(
    orgId: string,
    mailbox: { tenantId: string; objectId: string },
  ): Promise<Readonly<Meeting>[]> {
    const ids = (await this.#index(orgId)).byMailbox.get(mailboxKeyOf(mailbox));
    return this.#read(orgId, ids ?? new Set());
  }

  /** Every meeting of the org. */
  async listAll(orgId: string): Promise<Readonly<Meeting>[]> {
    const index = await this.#index(orgId);
    const found: Readonly<Meeting>[] = [];
    for (const ids of index.byOrganizer.values()) found.push(...(await this.#read(orgId, ids)));
    return found;
  }

  async #read(orgId: string, ids: ReadonlySet<string>): Promise<Readonly<Meeting>[]> {
    const found: Readonly<Meeting>[] = [];
    for (const id of [...ids]) {
      const meeting = await this.get(orgId, id);
      if (meeting) found.push(meeting);
    }
    return found;
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
    return this.#read(orgId, ids);
  }

  /** Outbox entries of the org whose POST may not have reached Graph. */
  async listPending(orgId: string): Promise<Readonly<Meeting>[]> {
    return (await this.listAll(orgId)).filter((m) => m.state === 'pending');
  }
}
