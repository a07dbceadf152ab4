// Org events in the store: one org document per event (`org-event:<id>`), with an in-memory index
// per org from each part's Graph event id to its org event (how a change notification finds it),
// built on first use from the documents.
import type { Store } from '../../store/index.js';
import type { OrgEvent } from './org-event.js';

const PREFIX = 'org-event:';

export class OrgEventRepository {
  readonly #byGraphId = new Map<string, Promise<Map<string, string>>>();

  constructor(private readonly store: Store) {}

  #index(orgId: string): Promise<Map<string, string>> {
    let loading = this.#byGraphId.get(orgId);
    if (!loading) {
      loading = (async () => {
        const index = new Map<string, string>();
        for (const event of await this.list(orgId)) indexParts(index, event);
        return index;
      })();
      this.#byGraphId.set(orgId, loading);
      loading.catch(() => this.#byGraphId.delete(orgId));
    }
    return loading;
  }

  async get(orgId: string, id: string): Promise<Readonly<OrgEvent> | undefined> {
    if (id.length === 0 || id.length > 200) return undefined;
    return this.store.getOrgDoc<OrgEvent>(orgId, PREFIX + id);
  }

  /** Every org event of the org, newest first. */
  async list(orgId: string): Promise<Readonly<OrgEvent>[]> {
    const out: Readonly<OrgEvent>[] = [];
    for (const key of await this.store.listOrgDocKeys(orgId)) {
      if (!key.startsWith(PREFIX)) continue;
      const event = await this.store.getOrgDoc<OrgEvent>(orgId, key);
      if (event) out.push(event);
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async create(event: OrgEvent): Promise<Readonly<OrgEvent>> {
    const stored = await this.store.updateOrgDoc<OrgEvent>(
      event.orgId,
      PREFIX + event.id,
      () => event,
    );
    indexParts(await this.#index(event.orgId), stored);
    return stored;
  }

  /** Replaces the event with `fn(current)`; undefined when it does not exist. */
  async update(
    orgId: string,
    id: string,
    fn: (current: Readonly<OrgEvent>) => OrgEvent,
  ): Promise<Readonly<OrgEvent> | undefined> {
    if (!(await this.get(orgId, id))) return undefined;
    const stored = await this.store.updateOrgDoc<OrgEvent>(orgId, PREFIX + id, (current) => {
      if (!current) throw new Error(`org event ${id} vanished during an update`);
      return fn(current);
    });
    indexParts(await this.#index(orgId), stored);
    return stored;
  }

  /** The org event one of whose parts is this Graph event. */
  async findByGraphEventId(
    orgId: string,
    graphEventId: string,
  ): Promise<Readonly<OrgEvent> | undefined> {
    const id = (await this.#index(orgId)).get(graphEventId);
    return id === undefined ? undefined : this.get(orgId, id);
  }
}

function indexParts(index: Map<string, string>, event: Readonly<OrgEvent>): void {
  for (const part of event.parts) if (part.graphEventId) index.set(part.graphEventId, event.id);
}
