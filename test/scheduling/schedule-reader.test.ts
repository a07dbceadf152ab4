// getSchedule fan-out against a scripted Graph: chunks of 20, anchors rotated to keep ≤ 4 calls per
// mailbox, windows of 62+ days in two calls, and a failing chunk failing only its own addresses.
import { afterEach, describe, expect, it } from 'vitest';
import { readSchedules } from '../../server/scheduling/availability/schedule-reader.js';
import {
  reply,
  startFakeGraph,
  type FakeGraph,
  type Recorded,
} from '../microsoft/support/fake-graph.js';
import { clientFor } from '../microsoft/support/graph-client.js';

interface Body {
  schedules: string[];
  startTime: { dateTime: string };
}

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const addresses = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@contoso.com`);
const anchorOf = (r: Recorded) => /\/users\/([^/]+)\/calendar\/getSchedule/.exec(r.url)?.[1];
const start = Date.parse('2027-01-11T00:00:00Z');
const DAY = 86_400_000;

/** Everyone busy 09:00–10:00Z on the first day; `fail(body)` picks chunks to refuse. */
async function graphWith(
  fail: (body: Body, anchor: string | undefined) => number | undefined = () => undefined,
  delayMs = 20,
) {
  fake = await startFakeGraph(async (req, res) => {
    const body = req.body as Body;
    await new Promise((r) => setTimeout(r, delayMs));
    const status = fail(body, anchorOf(req));
    if (status !== undefined) {
      reply(res, status, { error: { code: 'Unavailable', message: 'no' } }, { 'retry-after': '0' });
      return;
    }
    reply(res, 200, {
      value: body.schedules.map((scheduleId) => ({
        scheduleId,
        availabilityView: '2',
        scheduleItems: [
          {
            status: 'busy',
            start: { dateTime: '2027-01-11T09:00:00.0000000', timeZone: 'UTC' },
            end: { dateTime: '2027-01-11T10:00:00.0000000', timeZone: 'UTC' },
          },
        ],
      })),
    });
  });
  return clientFor(fake).graph;
}

describe('readSchedules', () => {
  it('asks in chunks of 20 through as many anchors as 4-per-mailbox needs', async () => {
    const graph = await graphWith();
    const out = await readSchedules(graph, {
      tenantId: 't1',
      addresses: addresses(100),
      anchors: ['a1', 'a2', 'a3'],
      start,
      end: start + 5 * DAY,
    });
    expect(out.size).toBe(100);
    expect([...out.values()].every((o) => o.ok)).toBe(true);
    const calls = fake!.requests;
    expect(calls).toHaveLength(5);
    expect(calls.every((r) => (r.body as Body).schedules.length <= 20)).toBe(true);
    const perAnchor = new Map<string, number>();
    for (const r of calls) perAnchor.set(anchorOf(r)!, (perAnchor.get(anchorOf(r)!) ?? 0) + 1);
    expect(Object.fromEntries(perAnchor)).toEqual({ a1: 4, a2: 1 });
  });

  it('splits a window of 62 days or more into two calls per chunk, two chunks per anchor', async () => {
    const graph = await graphWith();
    await readSchedules(graph, {
      tenantId: 't1',
      addresses: addresses(60),
      anchors: ['a1', 'a2', 'a3'],
      start,
      end: start + 80 * DAY,
    });
    const calls = fake!.requests;
    expect(calls).toHaveLength(6);
    expect(new Set(calls.map((r) => (r.body as Body).startTime.dateTime)).size).toBe(2);
    expect(calls.filter((r) => anchorOf(r) === 'a1')).toHaveLength(4);
    expect(calls.filter((r) => anchorOf(r) === 'a2')).toHaveLength(2);
  });

  it('makes only the addresses of a failing chunk unknown (throttled), never free', async () => {
    const graph = await graphWith((body) =>
      body.schedules.includes('p25@contoso.com') ? 503 : undefined,
    );
    const out = await readSchedules(graph, {
      tenantId: 't1',
      addresses: addresses(45),
      anchors: ['a1'],
      start,
      end: start + DAY,
    });
    const failed = [...out].filter(([, o]) => !o.ok).map(([a]) => a);
    expect(failed).toEqual(addresses(45).slice(20, 40));
    expect(out.get('p25@contoso.com')).toMatchObject({
      ok: false,
      unknown: { reason: 'throttled' },
    });
    expect(out.get('p0@contoso.com')).toMatchObject({ ok: true });
    expect(out.get('p44@contoso.com')).toMatchObject({ ok: true });
  });

  it('asks again through the next anchor when the anchor mailbox itself is gone', async () => {
    const graph = await graphWith((_, anchor) => (anchor === 'gone' ? 404 : undefined));
    const out = await readSchedules(graph, {
      tenantId: 't1',
      addresses: addresses(3),
      anchors: ['gone', 'a2'],
      start,
      end: start + DAY,
    });
    expect([...out.values()].every((o) => o.ok)).toBe(true);
    expect(fake!.requests.map(anchorOf)).toEqual(['gone', 'a2']);
  });

  it('reports per-schedule errors with their reasons', async () => {
    fake = await startFakeGraph((req, res) => {
      const body = req.body as Body;
      reply(res, 200, {
        value: body.schedules.map((scheduleId) => ({
          scheduleId,
          error: scheduleId.startsWith('x')
            ? { message: 'Unable to resolve e-mail address', responseCode: '5009' }
            : { message: 'The mailbox was not found.', responseCode: 'ErrorMailRecipientNotFound' },
        })),
      });
    });
    const out = await readSchedules(clientFor(fake).graph, {
      tenantId: 't1',
      addresses: ['x@contoso.com', 'nestor@contoso.com'],
      anchors: ['a1'],
      start,
      end: start + DAY,
    });
    expect(out.get('x@contoso.com')).toEqual({
      ok: false,
      unknown: { reason: 'not_in_directory' },
    });
    expect(out.get('nestor@contoso.com')).toEqual({ ok: false, unknown: { reason: 'no_mailbox' } });
  });

  it('stops at the deadline and reports the chunk unknown', async () => {
    const graph = await graphWith(undefined, 2_000);
    const out = await readSchedules(graph, {
      tenantId: 't1',
      addresses: addresses(2),
      anchors: ['a1'],
      start,
      end: start + DAY,
      signal: AbortSignal.timeout(100),
    });
    expect(out.get('p0@contoso.com')).toEqual({ ok: false, unknown: { reason: 'throttled' } });
  });

  it('reports everyone unknown when the tenant has no mailbox to anchor on', async () => {
    const graph = await graphWith();
    const out = await readSchedules(graph, {
      tenantId: 't1',
      addresses: addresses(2),
      anchors: [],
      start,
      end: start + DAY,
    });
    expect([...out.values()].every((o) => !o.ok)).toBe(true);
    expect(fake!.requests).toHaveLength(0);
  });
});
