// The running server's meeting jobs on the emulator: the pruning pass (its timer fired by hand)
// deletes a meeting that ended longer ago than QUORUM_MEETING_RETENTION_DAYS and keeps an upcoming
// one; the start-up pass watches every upcoming meeting's organizer again.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../server/clock.js';
import type { Timers } from '../../server/jobs/scheduler.js';
import { notificationsOf } from '../../server/notifications/runtime.js';
import { mailboxKey } from '../../server/notifications/subscription-records.js';
import {
  meetingsOf,
  startMeetingJobs,
  type MeetingView,
} from '../../server/scheduling/meetings/index.js';
import { TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { adele, call, oidOf, slot, uniqueSubject } from './meetings-fixtures.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

let quorum: TestQuorum;
let contoso: TestOrg;

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_MEETING_RETENTION_DAYS: '30' } });
  contoso = await createConnectedOrg(quorum, 'contoso');
  await signIn(quorum, adele.tenant, adele.upn);
});
afterAll(async () => {
  await quorum?.close();
});

/** Timers fired by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout: (fn) => {
      pending.set(++next, fn);
      return next;
    },
    clearTimeout: (handle) => pending.delete(handle as number),
  };
  return {
    timers,
    fire() {
      const [handle, fn] = [...pending][0]!;
      pending.delete(handle);
      fn();
    },
  };
}

async function book(subject: string, daysAhead: number): Promise<MeetingView> {
  const res = await call<MeetingView>(quorum, adele, 'POST', '/api/meetings', {
    subject,
    ...slot(daysAhead, 10),
    timeZone: 'America/Los_Angeles',
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('meeting jobs', () => {
  it('prunes a meeting that ended more than the retention ago, and keeps an upcoming one', async () => {
    const service = meetingsOf({ services: quorum.services, clock: systemClock });
    const old = await book(uniqueSubject('Long ago'), 150);
    const upcoming = await book(uniqueSubject('Still ahead'), 151);
    // As if it had taken place 31 days ago.
    const ended = Date.now() - 31 * 86_400_000;
    await service.repo.update(contoso.org.id, old.id, (m) => ({
      ...m,
      start: new Date(ended - 3_600_000).toISOString(),
      end: new Date(ended).toISOString(),
    }));
    // The start-up pass forgets no upcoming meeting: drop Quorum's watch record, then let it re-watch.
    const key = mailboxKey(TENANTS.contoso.id, oidOf(quorum, adele));
    const notifications = notificationsOf(quorum.services);
    await notifications.records.update(contoso.org.id, key, () => null);

    const manual = manualTimers();
    const jobs = startMeetingJobs(
      {
        services: quorum.services,
        clock: systemClock,
        config: quorum.config,
        logger: pino({ level: 'silent' }),
      },
      { timers: manual.timers },
    );
    expect(quorum.config.meetingRetentionDays).toBe(30);
    manual.fire();
    await jobs.stop();
    await service.watch.idle();

    expect(await service.repo.get(contoso.org.id, old.id)).toBeUndefined();
    expect(await service.repo.get(contoso.org.id, upcoming.id)).toMatchObject({
      state: 'scheduled',
    });
    const gone = await call(quorum, adele, 'GET', `/api/meetings/${old.id}`);
    expect(gone.status).toBe(404);
    const record = await notifications.records.get(contoso.org.id, key);
    expect(Object.keys(record?.holders ?? {})).toEqual([`meeting:${upcoming.id}`]);
  });
});
