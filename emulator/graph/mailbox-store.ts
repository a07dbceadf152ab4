// In-memory Exchange store: each mailbox's calendar folders and calendar items, created lazily on
// first use so a generated 50,000-user tenant costs nothing until Graph touches a mailbox.
import type { Tenant, User } from '../world/types.js';
import type { CalendarFolder, StoredEvent } from './event-model.js';
import { newChangeKey, newFolderId } from './ids.js';

/** What happened to a calendar item, as change notifications name it. */
export type EventChangeType = 'created' | 'updated' | 'deleted';

/** Told about every change to a stored calendar item (change notifications listen here). */
export type EventChangeListener = (event: StoredEvent, change: EventChangeType) => void;

/** The store each stored item lives in, so `noteEventChanged` can reach its listeners. */
const storeOfEvent = new WeakMap<StoredEvent, MailboxStore>();

/** Reports an in-place change to a stored item (no-op for items not, or no longer, stored). */
export function noteEventChanged(event: StoredEvent): void {
  storeOfEvent.get(event)?.emit(event, 'updated');
}

export interface MailboxData {
  tenantId: string;
  userId: string;
  calendars: CalendarFolder[];
  events: Map<string, StoredEvent>;
  /** transactionId → event id, for create de-duplication. */
  byTransaction: Map<string, string>;
}

export class MailboxStore {
  private readonly boxes = new Map<string, MailboxData>();
  private readonly byICalUId = new Map<string, Set<StoredEvent>>();
  private readonly listeners: EventChangeListener[] = [];

  /** Calls `listener` after every create, update and delete of a calendar item. */
  onChange(listener: EventChangeListener): void {
    this.listeners.push(listener);
  }

  emit(event: StoredEvent, change: EventChangeType): void {
    for (const listener of this.listeners) listener(event, change);
  }

  /** The mailbox's data, with its default "Calendar" folder created on first access. */
  open(tenant: Tenant | string, user: User | string): MailboxData {
    const tenantId = typeof tenant === 'string' ? tenant : tenant.id;
    const userId = typeof user === 'string' ? user : user.id;
    const key = `${tenantId}/${userId}`;
    let box = this.boxes.get(key);
    if (!box) {
      box = {
        tenantId,
        userId,
        calendars: [
          {
            id: newFolderId(),
            name: 'Calendar',
            color: 'auto',
            hexColor: '',
            changeKey: newChangeKey(),
            isDefaultCalendar: true,
          },
        ],
        events: new Map(),
        byTransaction: new Map(),
      };
      this.boxes.set(key, box);
    }
    return box;
  }

  /** Whether the mailbox was ever opened (no items otherwise). */
  has(tenantId: string, userId: string): boolean {
    return this.boxes.has(`${tenantId}/${userId}`);
  }

  defaultCalendar(box: MailboxData): CalendarFolder {
    const found = box.calendars.find((c) => c.isDefaultCalendar);
    if (!found) throw new Error('mailbox without default calendar');
    return found;
  }

  findEvent(tenantId: string, userId: string, eventId: string): StoredEvent | undefined {
    return this.boxes.get(`${tenantId}/${userId}`)?.events.get(eventId);
  }

  /** An event by id in any mailbox of a tenant (control API: the id alone names it). */
  findEventInTenant(tenantId: string, eventId: string): StoredEvent | undefined {
    for (const box of this.boxes.values()) {
      if (box.tenantId !== tenantId) continue;
      const ev = box.events.get(eventId);
      if (ev) return ev;
    }
    return undefined;
  }

  /** Every mailbox's copy of the meeting with this iCalUId (organizer's and attendees'). */
  copiesOf(iCalUId: string): StoredEvent[] {
    return [...(this.byICalUId.get(iCalUId) ?? [])];
  }

  put(box: MailboxData, event: StoredEvent): void {
    const existed = box.events.has(event.id);
    box.events.set(event.id, event);
    storeOfEvent.set(event, this);
    let set = this.byICalUId.get(event.iCalUId);
    if (!set) this.byICalUId.set(event.iCalUId, (set = new Set()));
    set.add(event);
    if (event.transactionId) box.byTransaction.set(event.transactionId, event.id);
    this.emit(event, existed ? 'updated' : 'created');
  }

  remove(event: StoredEvent): void {
    const box = this.boxes.get(`${event.owner.tenantId}/${event.owner.userId}`);
    const existed = box?.events.delete(event.id) ?? false;
    this.byICalUId.get(event.iCalUId)?.delete(event);
    storeOfEvent.delete(event);
    if (existed) this.emit(event, 'deleted');
  }
}
