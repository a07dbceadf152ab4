// Pruning: meetings that ended more than the retention period ago leave the store (and every index
// the repository keeps), whatever their state; pending ones and recent ones stay; each pruned
// meeting lets its mailbox watch go.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EnsureInput } from '../../../server/notifications/subscription-manager.js';
import type { Meeting, MeetingState } from '../../../server/scheduling/meetings/meeting.js';
import {
  DAY_MS,
  isPrunable,
  pruneEndedMeetings,
} from '../../../server/scheduling/meetings/meeting-pruning.js';
import { MeetingRepository } from '../../../server/scheduling/meetings/meeting-repository.js';
import { MeetingWatch } from '../../../server/scheduling/meetings/meeting-watch.js';
import { tempStore, type TempStore } from '../../connections/temp-store.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const ORG = randomUUID();
const ORGANIZER = randomUUID();
const MAILBOX = { tenantId: randomUUID(), objectId: randomUUID() };

function meeting(state: MeetingState, endedDaysAgo: number): Meeting {
  const end = NOW - endedDaysAgo * DAY_MS;
  const id = randomUUID();
  const at = new Date(end - 30 * DAY_MS).toISOString();
  return {
    id,
    orgId: ORG,
    organizerMemberId: ORGANIZER,
    organizerEmail: 'adele.vance@contoso.com',
    mailbox: MAILBOX,
    calendarId: null,
    destination: { requested: 'default', used: 'default', reason: null },
    transactionId: randomUUID(),
    idempotencyKey: `key-${id}`,
    requestHash: 'h',
    graphEventId: state === 'pending' ? null : `event-${id}`,
    iCalUId: null,
    joinUrl: null,
    webLink: null,
    subject: `${state} ${endedDaysAgo}`,
    body: null,
    start: new Date(end - 3_600_000).toISOString(),
    end: new Date(end).toISOString(),
    timeZone: 'UTC',
    attendees: [],
    room: null,
    teams: { requested: false, created: false, reason: null },
    onlineMeeting: false,
    state,
    failure: null,
    createdAt: at,
    updatedAt: at,
    responsesCheckedAt: null,
    cancelledAt: null,
  };
}

let temp: TempStore;
let repo: MeetingRepository;
const released: string[] = [];
const watch = new MeetingWatch(
  {
    ensureSubscription: (_input: EnsureInput) => Promise.resolve(),
    releaseSubscription: (input) => {
      released.push(input.holder);
      return Promise.resolve();
    },
  },
  () => NOW,
);

beforeEach(async () => {
  temp = await tempStore(() => NOW);
  repo = new MeetingRepository(temp.store);
  released.length = 0;
});
afterEach(async () => {
  await temp.close();
});

describe('isPrunable', () => {
  it('takes meetings that ended before the cutoff, never a pending one', () => {
    const cutoff = NOW - 30 * DAY_MS;
    expect(isPrunable(meeting('scheduled', 31), cutoff)).toBe(true);
    expect(isPrunable(meeting('cancelled', 31), cutoff)).toBe(true);
    expect(isPrunable(meeting('failed', 31), cutoff)).toBe(true);
    expect(isPrunable(meeting('scheduled', 29), cutoff)).toBe(false);
    expect(isPrunable(meeting('pending', 400), cutoff)).toBe(false);
  });
});

describe('pruneEndedMeetings', () => {
  it('deletes what ended more than the retention ago, from the store and every index', async () => {
    const old = [meeting('scheduled', 45), meeting('cancelled', 31), meeting('failed', 100)];
    const kept = [meeting('scheduled', 10), meeting('scheduled', -5), meeting('pending', 60)];
    for (const m of [...old, ...kept]) await repo.create(m);

    const report = await pruneEndedMeetings({
      store: temp.store,
      repo,
      watch,
      now: () => NOW,
      retentionDays: 30,
    });
    await watch.idle();

    expect(report).toEqual({ checked: 6, removed: 3 });
    for (const m of old) {
      expect(await repo.get(ORG, m.id)).toBeUndefined();
      expect(await repo.findByGraphEventId(ORG, m.graphEventId!)).toBeUndefined();
      expect(await repo.findByIdempotencyKey(ORG, ORGANIZER, m.idempotencyKey!)).toBeUndefined();
    }
    const left = (await repo.listByOrganizer(ORG, ORGANIZER)).map((m) => m.id).sort();
    expect(left).toEqual(kept.map((m) => m.id).sort());
    expect((await repo.listByMailbox(ORG, MAILBOX)).map((m) => m.id).sort()).toEqual(left);
    expect(released.sort()).toEqual(old.map((m) => `meeting:${m.id}`).sort());
    // Gone from the documents as well, not only from the in-memory index.
    const keys = await temp.store.listOrgDocKeys(ORG);
    for (const m of old) expect(keys).not.toContain(`meeting:${m.id}`);
  });

  it('keeps everything within a longer retention', async () => {
    for (const m of [meeting('scheduled', 45), meeting('cancelled', 31)]) await repo.create(m);
    const report = await pruneEndedMeetings({
      store: temp.store,
      repo,
      watch,
      now: () => NOW,
      retentionDays: 90,
    });
    expect(report).toEqual({ checked: 2, removed: 0 });
    expect(released).toEqual([]);
  });
});
