// The "Quorum Scheduler" calendar (Comeet's scheduler calendar, DESIGN J4): made in the member's own
// mailbox the first time it is needed, then found by name. Concurrent first bookings share one
// creation in this process, and a creation lost to another process (409 ErrorFolderExists) is
// resolved by listing again.
import { KeyedQueue } from '../../domain/keyed-queue.js';
import type { MailboxRef } from '../../domain/org-calendar.js';
import { createCalendar, listCalendars } from '../../microsoft/calendars.js';
import { GraphError, type GraphClient } from '../../microsoft/graph/index.js';
import type { GraphCalendar } from '../../microsoft/graph-types.js';

export const SCHEDULER_CALENDAR_NAME = 'Quorum Scheduler';

/** The destination value meaning "the Quorum Scheduler calendar". */
export const SCHEDULER_DESTINATION = 'scheduler';

export function isSchedulerCalendar(calendar: Pick<GraphCalendar, 'name'>): boolean {
  return calendar.name?.toLowerCase() === SCHEDULER_CALENDAR_NAME.toLowerCase();
}

export class SchedulerCalendars {
  readonly #queue = new KeyedQueue();

  constructor(private readonly graph: GraphClient) {}

  /**
   * The mailbox's Quorum Scheduler calendar, created if missing. `known` is a listing of the
   * mailbox's calendars the caller already holds (saves a GET when the calendar is in it).
   */
  ensure(mailbox: MailboxRef, known?: readonly GraphCalendar[]): Promise<GraphCalendar> {
    const found = known?.find(isSchedulerCalendar);
    if (found) return Promise.resolve(found);
    const key = `${mailbox.tenantId}/${mailbox.objectId}`;
    // One at a time per mailbox: the second caller lists again and finds the first one's calendar.
    return this.#queue.run(key, async () => {
      const { tenantId, objectId } = mailbox;
      const existing = (await listCalendars(this.graph, tenantId, objectId)).find(
        isSchedulerCalendar,
      );
      if (existing) return existing;
      try {
        return await createCalendar(this.graph, tenantId, objectId, SCHEDULER_CALENDAR_NAME);
      } catch (error) {
        if (!(error instanceof GraphError) || error.code !== 'ErrorFolderExists') throw error;
        const raced = (await listCalendars(this.graph, tenantId, objectId)).find(
          isSchedulerCalendar,
        );
        if (!raced) throw error;
        return raced;
      }
    });
  }
}
