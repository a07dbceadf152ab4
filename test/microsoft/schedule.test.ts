import { afterEach, describe, expect, it } from 'vitest';
import { getSchedule } from '../../server/microsoft/schedule.js';
import { reply, startFakeGraph, type FakeGraph } from './support/fake-graph.js';
import { clientFor } from './support/graph-client.js';

interface ScheduleBody {
  schedules: string[];
  startTime: { dateTime: string; timeZone: string };
  endTime: { dateTime: string; timeZone: string };
  availabilityViewInterval: number;
}

let fake: FakeGraph | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Answers every schedule as free, except `broken@…` which Graph cannot resolve. */
async function scheduleServer(): Promise<void> {
  fake = await startFakeGraph((req, res) => {
    const body = req.body as ScheduleBody;
    reply(res, 200, {
      value: body.schedules.map((scheduleId) =>
        scheduleId.startsWith('broken')
          ? {
              scheduleId,
              error: {
                message: `Unable to resolve e-mail address ${scheduleId} to an Active Directory object.`,
                responseCode: '5009',
              },
            }
          : {
              scheduleId,
              availabilityView: body.startTime.dateTime.startsWith('2025-03-03') ? '02' : '1',
              scheduleItems: [
                {
                  status: 'busy',
                  start: { dateTime: '2025-03-03T09:30:00.0000000', timeZone: 'UTC' },
                  end: { dateTime: '2025-03-03T10:00:00.0000000', timeZone: 'UTC' },
                },
              ],
              workingHours: {
                daysOfWeek: ['monday'],
                startTime: '08:00:00.0000000',
                endTime: '17:00:00.0000000',
                timeZone: { name: 'W. Europe Standard Time' },
              },
            },
      ),
    });
  });
}

describe('getSchedule', () => {
  it('asks for 45 addresses in 3 calls of at most 20', async () => {
    await scheduleServer();
    const { graph } = clientFor(fake!);
    const schedules = Array.from({ length: 45 }, (_, i) => `p${i}@contoso.com`);

    const results = await getSchedule(graph, 't1', 'anchor@contoso.com', {
      schedules,
      start: '2025-03-03T09:00:00Z',
      end: '2025-03-03T10:00:00Z',
    });

    const calls = fake!.requests.map((r) => r.body as ScheduleBody);
    expect(calls.map((c) => c.schedules.length).sort((a, b) => b - a)).toEqual([20, 20, 5]);
    expect(
      fake!.requests.every(
        (r) => r.url === '/v1.0/users/anchor%40contoso.com/calendar/getSchedule',
      ),
    ).toBe(true);
    expect(results.map((r) => r.scheduleId)).toEqual(schedules);
    expect(calls[0]).toMatchObject({
      startTime: { dateTime: '2025-03-03T09:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2025-03-03T10:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    });
  });

  it('splits a 70-day window into 2 calls and stitches the results', async () => {
    await scheduleServer();
    const { graph } = clientFor(fake!);

    const [result] = await getSchedule(graph, 't1', 'anchor@contoso.com', {
      schedules: ['p@contoso.com'],
      start: '2025-03-03T00:00:00Z',
      end: '2025-05-12T00:00:00Z',
      intervalMinutes: 60,
    });

    const windows = fake!.requests
      .map((r) => r.body as ScheduleBody)
      .map((b) => [b.startTime.dateTime, b.endTime.dateTime])
      .sort();
    // 62 days less one interval, then the rest: each piece a whole number of intervals.
    expect(windows).toEqual([
      ['2025-03-03T00:00:00', '2025-05-03T23:00:00'],
      ['2025-05-03T23:00:00', '2025-05-12T00:00:00'],
    ]);
    expect(result).toEqual({
      scheduleId: 'p@contoso.com',
      ok: true,
      availabilityView: '021',
      // The same event reported by both pieces is kept once.
      items: [
        {
          status: 'busy',
          start: '2025-03-03T09:30:00.000Z',
          end: '2025-03-03T10:00:00.000Z',
          isPrivate: false,
        },
      ],
      workingHours: {
        daysOfWeek: ['monday'],
        startTime: '08:00:00',
        endTime: '17:00:00',
        timeZone: 'Europe/Berlin',
      },
    });
  });

  it('reports a per-schedule error as a failed result, not a thrown error', async () => {
    await scheduleServer();
    const { graph } = clientFor(fake!);

    const results = await getSchedule(graph, 't1', 'anchor@contoso.com', {
      schedules: ['ok@contoso.com', 'broken@contoso.com'],
      start: new Date('2025-03-03T09:00:00Z'),
      end: new Date('2025-03-03T10:00:00Z'),
    });

    expect(results[1]).toEqual({
      scheduleId: 'broken@contoso.com',
      ok: false,
      error: {
        message:
          'Unable to resolve e-mail address broken@contoso.com to an Active Directory object.',
        responseCode: '5009',
      },
    });
    expect(results[0]?.ok).toBe(true);
  });

  it.each([
    ['an interval under 5 minutes', { intervalMinutes: 4 }],
    ['an end before the start', { end: '2025-03-01T00:00:00Z' }],
  ])('rejects %s before calling Graph', async (_, bad) => {
    await scheduleServer();
    const { graph } = clientFor(fake!);
    await expect(
      getSchedule(graph, 't1', 'a@contoso.com', {
        schedules: ['p@contoso.com'],
        start: '2025-03-03T00:00:00Z',
        end: '2025-03-04T00:00:00Z',
        ...bad,
      }),
    ).rejects.toThrow(RangeError);
    expect(fake!.requests).toHaveLength(0);
  });
});
