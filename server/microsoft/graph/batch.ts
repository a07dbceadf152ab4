// JSON batching (graph-facts §8.1): ≤ 20 requests per `POST /$batch`, answered in any order, each
// item throttled on its own (an item can come back 429 with its own Retry-After while the batch
// is 200), and an item whose `dependsOn` failed comes back 424.
//
// Mailbox concurrency: Outlook executes the items of a batch in parallel, up to 4 at a time, and
// each counts against the 4-per-mailbox limit like a separate request. So a batch is packed with at
// most 4 items per mailbox, and while it is in flight it holds as many of that mailbox's slots as
// it has items for it (≤ 4) — requests outside the batch then see the same limit the server sees.
// Items chained with `dependsOn` must travel in the same batch, so they are packed as one group; a
// group with more than 4 items for one mailbox is sent alone, holding all 4 slots.

import type { GraphClient, HttpMethod } from './client.js';
import { GraphError, isTransientStatus, toGraphError } from './errors.js';
import { mailboxOf } from './mailbox-limiter.js';
import type { ResolvedGraphClientOptions } from './options.js';
import { isReplayable, parseRetryAfter, retryDelayMs, type RetryOptions } from './retry-policy.js';

/** Graph's limit on requests per `$batch` (and the SDK's `BatchRequestContent.requestLimit`). */
export const MAX_BATCH_SIZE = 20;

export interface BatchItem {
  /** Unique within the call; results are keyed by it. */
  id: string;
  method?: HttpMethod;
  /** Relative to the API root and without the version: `/users/{id}/mailboxSettings`. */
  url: string;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
  dependsOn?: readonly string[];
  /** As on `GraphRequest`: a POST/PATCH item is retried only when this says replay is harmless. */
  idempotent?: boolean;
}

export type BatchItemResult =
  | {
      ok: true;
      id: string;
      status: number;
      headers: Readonly<Record<string, string>>;
      body: unknown;
      attempts: number;
    }
  | { ok: false; id: string; error: GraphError };

export interface BatchOptions {
  /** Items per HTTP batch, ≤ 20. */
  maxPerBatch?: number;
  signal?: AbortSignal;
}

interface ItemState {
  item: BatchItem;
  mailbox: string | undefined;
  attempts: number;
  waited: number;
  retryAfterSeconds: number | undefined;
}

interface Group {
  items: ItemState[];
  notBefore: number;
}

interface WireResponse {
  id?: unknown;
  status?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Sends `items` through `POST /$batch` in as few HTTP batches as the limits allow, many in flight
 * at once. Items that come back 429/503/504 (and may be replayed) are re-sent in a following
 * batch after their Retry-After; everything else — 4xx, 5xx, 424 — becomes a `GraphError` result.
 * Resolves with one result per item, keyed by id, in input order; throws only on misuse.
 */
export async function batch(
  client: GraphClient,
  o: ResolvedGraphClientOptions,
  tenantId: string,
  items: readonly BatchItem[],
  options: BatchOptions = {},
): Promise<Map<string, BatchItemResult>> {
  const maxPerBatch = options.maxPerBatch ?? MAX_BATCH_SIZE;
  if (!Number.isInteger(maxPerBatch) || maxPerBatch < 1 || maxPerBatch > MAX_BATCH_SIZE) {
    throw new TypeError(`maxPerBatch must be 1..${MAX_BATCH_SIZE}, got ${maxPerBatch}`);
  }
  const results = new Map<string, BatchItemResult | undefined>(items.map((i) => [i.id, undefined]));
  let pending = groupItems(items, results.size, maxPerBatch);
  const perMailbox = o.maxConcurrentPerMailbox;

  while (pending.length > 0) {
    options.signal?.throwIfAborted();
    const now = o.clock.now();
    const ready = pending.filter((g) => g.notBefore <= now);
    if (ready.length === 0) {
      await o.clock.sleep(Math.min(...pending.map((g) => g.notBefore)) - now, options.signal);
      continue;
    }
    pending = pending.filter((g) => g.notBefore > now);
    const sends = pack(ready, maxPerBatch, perMailbox).map((groups) =>
      sendOne(client, o, tenantId, groups, options.signal),
    );
    for (const outcome of await Promise.all(sends)) {
      for (const result of outcome.done) results.set(result.id, result);
      pending.push(...outcome.again);
    }
  }
  return results as Map<string, BatchItemResult>;
}

function groupItems(items: readonly BatchItem[], uniqueIds: number, maxPerBatch: number): Group[] {
  if (uniqueIds !== items.length) throw new TypeError('batch item ids must be unique');
  const index = new Map(items.map((item, i) => [item.id, i]));
  // Union-find over dependsOn: a dependency chain has to share one HTTP batch.
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  items.forEach((item, i) => {
    if (/^https?:/i.test(item.url)) {
      throw new TypeError(`batch item ${item.id}: url must be relative, got ${item.url}`);
    }
    for (const dep of item.dependsOn ?? []) {
      const j = index.get(dep);
      if (j === undefined) throw new TypeError(`batch item ${item.id} depends on unknown ${dep}`);
      parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, Group>();
  items.forEach((item, i) => {
    const r = root(i);
    const group = groups.get(r) ?? { items: [], notBefore: 0 };
    groups.set(r, group);
    const mailbox = mailboxOf(item.url);
    group.items.push({ item, mailbox, attempts: 0, waited: 0, retryAfterSeconds: undefined });
  });
  for (const g of groups.values()) {
    if (g.items.length > maxPerBatch) {
      throw new TypeError(`a dependsOn chain of ${g.items.length} items exceeds ${maxPerBatch}`);
    }
  }
  return [...groups.values()];
}

function demandOf(items: readonly ItemState[]): Map<string, number> {
  const demand = new Map<string, number>();
  for (const { mailbox } of items) {
    if (mailbox !== undefined) demand.set(mailbox, (demand.get(mailbox) ?? 0) + 1);
  }
  return demand;
}

/** First-fit packing in input order, under the size and the per-mailbox limit. */
function pack(groups: readonly Group[], maxPerBatch: number, perMailbox: number): Group[][] {
  const batches: { groups: Group[]; size: number; demand: Map<string, number> }[] = [];
  for (const group of groups) {
    const need = demandOf(group.items);
    const fits = (b: (typeof batches)[number]): boolean =>
      b.size + group.items.length <= maxPerBatch &&
      [...need].every(([m, n]) => (b.demand.get(m) ?? 0) + n <= perMailbox);
    let target = batches.find(fits);
    if (!target) {
      target = { groups: [], size: 0, demand: new Map() };
      batches.push(target);
    }
    target.groups.push(group);
    target.size += group.items.length;
    for (const [m, n] of need) target.demand.set(m, (target.demand.get(m) ?? 0) + n);
  }
  return batches.map((b) => b.groups);
}

async function sendOne(
  client: GraphClient,
  o: ResolvedGraphClientOptions,
  tenantId: string,
  groups: readonly Group[],
  signal: AbortSignal | undefined,
): Promise<{ done: BatchItemResult[]; again: Group[] }> {
  const states = groups.flatMap((g) => g.items);
  const inBatch = new Set(states.map((s) => s.item.id));
  for (const s of states) s.attempts++;
  const slots = new Map(
    [...demandOf(states)].map(([m, n]) => [m, Math.min(n, o.maxConcurrentPerMailbox)]),
  );
  let outer;
  try {
    outer = await client.request<{ responses?: WireResponse[] }>({
      tenantId,
      method: 'POST',
      path: '/$batch',
      body: { requests: states.map((s) => toWire(s.item, inBatch)) },
      // Re-sending a whole batch is only harmless if re-sending every item is.
      idempotent: states.every((s) => isReplayable(s.item.method ?? 'GET', s.item.idempotent)),
      mailboxSlots: slots,
      signal,
    });
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    return { done: states.map((s) => ({ ok: false, id: s.item.id, error })), again: [] };
  }

  const byId = new Map<string, WireResponse>();
  for (const r of outer.body?.responses ?? []) {
    if (typeof r.id === 'string') byId.set(r.id, r);
  }
  const now = o.clock.now();
  const done: BatchItemResult[] = [];
  const again: Group[] = [];
  for (const group of groups) {
    const retry = new Set<ItemState>();
    let delay = 0;
    for (const s of group.items) {
      const r = byId.get(s.item.id);
      const status = typeof r?.status === 'number' ? r.status : 0;
      const header = headerLookup(r?.headers);
      const retryAfterMs = parseRetryAfter(header('retry-after'), now);
      if (retryAfterMs !== undefined) s.retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
      if (isTransientStatus(status) && isReplayable(s.item.method ?? 'GET', s.item.idempotent)) {
        const wait = retryDelayMs(retryAfterMs, s.attempts, o.retry, o.random);
        if (withinBudget(s, wait, o.retry)) {
          retry.add(s);
          delay = Math.max(delay, wait);
        }
      }
    }
    // Items that failed only because a dependency is being retried go again with it.
    for (let grew = true; grew;) {
      grew = false;
      for (const s of group.items) {
        const status = byId.get(s.item.id)?.status;
        if (retry.has(s) || status !== 424) continue;
        if ((s.item.dependsOn ?? []).some((d) => [...retry].some((r) => r.item.id === d))) {
          retry.add(s);
          grew = true;
        }
      }
    }
    for (const s of group.items) {
      if (retry.has(s)) {
        s.waited += delay;
        continue;
      }
      done.push(toResult(s, byId.get(s.item.id), outer.headers, outer.requestId));
    }
    if (retry.size > 0) {
      again.push({ items: group.items.filter((s) => retry.has(s)), notBefore: now + delay });
    }
  }
  return { done, again };
}

function withinBudget(s: ItemState, wait: number, retry: RetryOptions): boolean {
  return (
    s.attempts < retry.maxAttempts &&
    wait <= retry.maxSingleWaitMs &&
    s.waited + wait <= retry.maxTotalWaitMs
  );
}

function toWire(item: BatchItem, inBatch: ReadonlySet<string>): Record<string, unknown> {
  const wire: Record<string, unknown> = {
    id: item.id,
    method: item.method ?? 'GET',
    url: item.url.startsWith('/') ? item.url : `/${item.url}`,
  };
  const headers: Record<string, string> = { ...item.headers };
  if (item.body !== undefined) {
    wire['body'] = item.body;
    // Graph requires a Content-Type on every item that has a body.
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  if (Object.keys(headers).length > 0) wire['headers'] = headers;
  // On a retry, dependencies that already succeeded are not in this batch and must not be named.
  const deps = (item.dependsOn ?? []).filter((d) => inBatch.has(d));
  if (deps.length > 0) wire['dependsOn'] = deps;
  return wire;
}

function toResult(
  s: ItemState,
  r: WireResponse | undefined,
  outerHeaders: Headers,
  outerRequestId: string | undefined,
): BatchItemResult {
  const id = s.item.id;
  if (r === undefined || typeof r.status !== 'number') {
    const error = new GraphError({
      status: 0,
      code: 'BatchItemMissing',
      message: `the $batch response had no answer for item ${id}`,
      requestId: outerRequestId,
      attempts: s.attempts,
    });
    return { ok: false, id, error };
  }
  if (r.status >= 200 && r.status < 300) {
    return {
      ok: true,
      id,
      status: r.status,
      headers: r.headers ?? {},
      body: r.body,
      attempts: s.attempts,
    };
  }
  const header = headerLookup(r.headers);
  const error = toGraphError({
    status: r.status,
    body: r.body,
    // An item's own request-id is in its innerError; otherwise the batch's identifies the call.
    header: (n) =>
      header(n) ??
      (n === 'request-id' ? (outerRequestId ?? undefined) : (outerHeaders.get(n) ?? undefined)),
    attempts: s.attempts,
    retryAfterSeconds: s.retryAfterSeconds,
  });
  return { ok: false, id, error };
}

function headerLookup(
  headers: Record<string, string> | undefined,
): (n: string) => string | undefined {
  const lower = new Map(
    Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  return (n) => lower.get(n.toLowerCase());
}
