// Answers for a page of meetings at once: each scheduled meeting's organizer copy read through
// `$batch` (20 per request, ≤ 4 per mailbox in flight, as the client packs them). A meeting whose
// read fails keeps its last answers; one deleted in Outlook reads as cancelled.
import { EVENT_SELECT } from '../../microsoft/events.js';
import type { GraphClient } from '../../microsoft/graph/index.js';
import type { GraphEvent } from '../../microsoft/graph-types.js';
import { segment, userPath } from '../../microsoft/paths.js';
import type { Meeting } from './meeting.js';
import type { MeetingRepository } from './meeting-repository.js';
import { refreshedFrom } from './responses.js';

export interface RefreshDeps {
  readonly graph: GraphClient;
  readonly repo: MeetingRepository;
  readonly now: () => number;
}

export async function refreshMany(
  deps: RefreshDeps,
  meetings: readonly Readonly<Meeting>[],
): Promise<Readonly<Meeting>[]> {
  const byTenant = new Map<string, Readonly<Meeting>[]>();
  for (const m of meetings) {
    if (m.state !== 'scheduled' || m.graphEventId === null) continue;
    const list = byTenant.get(m.mailbox.tenantId) ?? [];
    list.push(m);
    byTenant.set(m.mailbox.tenantId, list);
  }
  const updated = new Map<string, Readonly<Meeting>>();
  const at = new Date(deps.now()).toISOString();
  for (const [tenantId, list] of byTenant) {
    const results = await deps.graph.batch(
      tenantId,
      list.map((m) => ({
        id: m.id,
        url: `${userPath(m.mailbox.objectId)}/events/${segment(m.graphEventId!)}?$select=${EVENT_SELECT}`,
      })),
    );
    for (const m of list) {
      const result = results.get(m.id);
      if (!result) continue;
      let next: Meeting | undefined;
      if (result.ok) next = refreshedFrom(m, result.body as GraphEvent, at);
      else if (result.error.status === 404 && result.error.code === 'ErrorItemNotFound') {
        next = { ...m, state: 'cancelled', cancelledAt: m.cancelledAt ?? at, updatedAt: at };
      }
      if (!next) continue;
      const saved = await deps.repo.update(m.orgId, m.id, (current) =>
        // A change made meanwhile (a PATCH under way) wins over this read.
        current.updatedAt === m.updatedAt ? next : current,
      );
      if (saved) updated.set(m.id, saved);
    }
  }
  return meetings.map((m) => updated.get(m.id) ?? m);
}
