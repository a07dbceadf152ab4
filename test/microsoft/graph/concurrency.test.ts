import { afterEach, describe, expect, it } from 'vitest';
import { mailboxOf } from '../../../server/microsoft/graph/index.js';
import { reply, startFakeGraph, type FakeGraph } from '../support/fake-graph.js';
import { clientFor } from '../support/graph-client.js';

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Serves slowly and records the most requests seen at once per mailbox. */
async function slowServer(): Promise<{ peak: Map<string, number> }> {
  const now = new Map<string, number>();
  const peak = new Map<string, number>();
  fake = await startFakeGraph((req, res) => {
    const box = mailboxOf(req.url) ?? '-';
    now.set(box, (now.get(box) ?? 0) + 1);
    peak.set(box, Math.max(peak.get(box) ?? 0, now.get(box) ?? 0));
    setTimeout(() => {
      now.set(box, (now.get(box) ?? 1) - 1);
      reply(res, 200, { value: [] });
    }, 40);
  });
  return { peak };
}

describe('mailbox concurrency', () => {
  it('never has more than 4 requests in flight for one mailbox', async () => {
    const { peak } = await slowServer();
    const { graph } = clientFor(fake!);
    const paths = [
      '/users/Adele@contoso.com/calendar',
      '/users/adele@contoso.com/mailboxSettings',
      '/users/ADELE%40contoso.com/calendars',
      '/users/adele@contoso.com/events',
      '/users/adele@contoso.com/calendarView?startDateTime=a&endDateTime=b',
    ];

    await Promise.all(paths.map((path) => graph.get('t1', path)));

    expect(fake!.requests).toHaveLength(5);
    expect(peak.get('adele@contoso.com')).toBe(4);
    expect(fake!.maxInFlight).toBe(4);
  });

  it('lets other mailboxes and tenants through while one mailbox is full', async () => {
    const { peak } = await slowServer();
    const { graph } = clientFor(fake!);
    const calls = [
      ...Array.from({ length: 6 }, () => graph.get('t1', '/users/a@x.com/calendar')),
      graph.get('t1', '/users/b@x.com/calendar'),
      graph.get('t2', '/users/a@x.com/calendar'),
      graph.get('t1', '/users'),
    ];

    await Promise.all(calls);

    expect(peak.get('a@x.com')).toBe(5); // 4 from tenant t1 + 1 from t2: different mailboxes
    expect(fake!.maxInFlight).toBe(7);
  });

  it('caps requests in flight overall with maxConcurrent', async () => {
    await slowServer();
    const { graph } = clientFor(fake!, { maxConcurrent: 3 });

    await Promise.all(
      Array.from({ length: 8 }, (_, i) => graph.get('t1', `/users/u${i}/calendar`)),
    );

    expect(fake!.maxInFlight).toBe(3);
  });

  it.each([
    ['/v1.0/users/ABC/calendar/getSchedule', 'abc'],
    ['https://graph.microsoft.com/v1.0/users/a%40b.com/events?$top=5', 'a@b.com'],
    ["/users('a@b.com')/mailboxSettings", 'a@b.com'],
    ['/users/abc', undefined],
    ['/users?$top=999', undefined],
    ['/places/microsoft.graph.room', undefined],
    ['/$batch', undefined],
  ])('keys %s to mailbox %s', (url, key) => {
    expect(mailboxOf(url)).toBe(key);
  });
});
