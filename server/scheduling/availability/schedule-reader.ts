// Free/busy of many addresses of one tenant through getSchedule (DESIGN §5): chunks of ≤ 20
// schedules, each chunk its own call (or two, for windows of 62 days or more) on an anchor mailbox
// of that tenant, the anchors rotated so none carries more than Outlook's 4 calls in flight. A chunk
// that fails fails only its own addresses — they come back unknown, never free — and a chunk whose
// anchor mailbox itself cannot be opened is asked again through the next anchor.
import { GraphError, type GraphClient } from '../../microsoft/graph/index.js';
import type { WorkingHours } from '../../microsoft/mailbox-settings.js';
import {
  getSchedule,
  MAX_SCHEDULES_PER_CALL,
  splitWindow,
  type ScheduleItem,
} from '../../microsoft/schedule.js';
import { anchorFor, anchorsNeeded } from './anchors.js';
import { unknownFromError, unknownFromScheduleError, type Unknown } from './unknown-reasons.js';

/**
 * Minutes per `availabilityView` character. Quorum reads `scheduleItems`, not the view, so one
 * character a day keeps answers small; windows split on whole days (61 at most).
 */
export const VIEW_INTERVAL_MINUTES = 1440;

export type ScheduleOutcome =
  | {
      readonly ok: true;
      readonly items: readonly ScheduleItem[];
      readonly workingHours?: WorkingHours;
    }
  | { readonly ok: false; readonly unknown: Unknown };

export interface TenantScheduleRead {
  readonly tenantId: string;
  /** Lower-case SMTP addresses (people and rooms). */
  readonly addresses: readonly string[];
  /** Anchor mailboxes (object ids) of the tenant, best first. */
  readonly anchors: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly signal?: AbortSignal;
}

/** How many Graph calls a read of `addresses` over [start, end) makes (before any anchor retry). */
export function scheduleCalls(addresses: number, start: number, end: number): number {
  const chunks = Math.ceil(addresses / MAX_SCHEDULES_PER_CALL);
  return chunks * splitWindow(start, end, VIEW_INTERVAL_MINUTES).length;
}

/** getSchedule for every address of `read`; one outcome per address (lower-case keys). */
export async function readSchedules(
  graph: GraphClient,
  read: TenantScheduleRead,
): Promise<Map<string, ScheduleOutcome>> {
  const out = new Map<string, ScheduleOutcome>();
  const addresses = [...new Set(read.addresses.map((a) => a.toLowerCase()))];
  if (addresses.length === 0) return out;
  if (read.anchors.length === 0) {
    // No mailbox of the tenant Quorum can open: nothing to ask getSchedule through.
    for (const address of addresses) out.set(address, { ok: false, unknown: { reason: 'error' } });
    return out;
  }
  const chunks: string[][] = [];
  for (let i = 0; i < addresses.length; i += MAX_SCHEDULES_PER_CALL) {
    chunks.push(addresses.slice(i, i + MAX_SCHEDULES_PER_CALL));
  }
  const windows = splitWindow(read.start, read.end, VIEW_INTERVAL_MINUTES).length;
  // Calls of one chunk all go to its anchor; keep each anchor at ≤ 4 in flight.
  const chunksPerAnchor = Math.max(1, Math.floor(4 / windows));
  const anchors = read.anchors.slice(0, anchorsNeeded(chunks.length * windows));
  await Promise.all(
    chunks.map(async (chunk, i) => {
      const first = anchorFor(anchors, i, chunksPerAnchor);
      for (const [address, outcome] of await readChunk(graph, read, chunk, first)) {
        out.set(address, outcome);
      }
    }),
  );
  return out;
}

async function readChunk(
  graph: GraphClient,
  read: TenantScheduleRead,
  chunk: readonly string[],
  firstAnchor: string,
): Promise<Map<string, ScheduleOutcome>> {
  const tried = new Set<string>();
  let anchor: string | undefined = firstAnchor;
  let failure: unknown;
  while (anchor !== undefined) {
    tried.add(anchor);
    try {
      const results = await getSchedule(graph, read.tenantId, anchor, {
        schedules: chunk,
        start: new Date(read.start),
        end: new Date(read.end),
        intervalMinutes: VIEW_INTERVAL_MINUTES,
        ...(read.signal ? { signal: read.signal } : {}),
      });
      const out = new Map<string, ScheduleOutcome>();
      for (const result of results) {
        const address = result.scheduleId.toLowerCase();
        out.set(
          address,
          result.ok
            ? {
                ok: true,
                items: result.items,
                ...(result.workingHours ? { workingHours: result.workingHours } : {}),
              }
            : {
                ok: false,
                unknown: unknownFromScheduleError(result.error.responseCode, result.error.message),
              },
        );
      }
      return out;
    } catch (error) {
      failure = error;
      anchor = anchorProblem(error) ? read.anchors.find((a) => !tried.has(a)) : undefined;
    }
  }
  const unknown = unknownFromError(failure);
  return new Map(chunk.map((address) => [address, { ok: false, unknown }]));
}

/** A refusal that is about the anchor mailbox (gone, unlicensed, out of scope), not the chunk. */
function anchorProblem(error: unknown): boolean {
  return (
    error instanceof GraphError &&
    !error.transient &&
    (error.status === 404 ||
      (error.status === 403 && /access to odata is disabled/i.test(error.message)))
  );
}
