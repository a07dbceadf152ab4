// Graph subscription lifecycle faults on a watched service mailbox (graph-facts §7): notifications
// lost until Graph says `missed`, and the subscription removed (`subscriptionRemoved`). Quorum must
// resync (and re-create the subscription) so that every RSVP given meanwhile shows up; an answer
// that never shows is lost.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsOf } from '../../server/notifications/runtime.js';
import type { OrgEvent } from '../../server/scheduling/org-events/org-event.js';
import type { OrgEventView } from '../../server/scheduling/org-events/schemas.js';
import { eventually } from '../emulator/graph/subscriptions-receiver.js';
import {
  closeWithRuntimes,
  orgEventsContoso,
  respondInContoso,
} from '../integration/org-events-fixtures.js';
import { signIn, type TestOrg } from '../integration/self-service-fixtures.js';
import { control } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { recordFault } from './support/ledger.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

let quorum: TestQuorum;
let contoso: TestOrg;
let eventId = '';
let graphEventId = '';

const view = async () =>
  (await quorum.api<OrgEventView>(MEGAN, 'GET', `/api/org/events/${eventId}`)).body;

async function subscription() {
  const stored = (await quorum.services.store.getOrgDoc<OrgEvent>(
    contoso.org.id,
    `org-event:${eventId}`,
  ))!;
  return (await notificationsOf(quorum.services).records.list(contoso.org.id)).find(
    (r) => r.userId === stored.serviceMailbox.userId,
  )!;
}

const answer = (email: string, response: 'accepted' | 'declined' | 'tentativelyAccepted') =>
  respondInContoso(quorum, graphEventId, email, response);

/** How many of `expected` (email → response) Quorum shows, once it stops changing or in 10 s. */
async function shown(expected: Record<string, string>): Promise<number> {
  const count = async () => {
    const v = await view();
    return Object.entries(expected).filter(([email, response]) =>
      v.answers.some((a) => a.email === email && a.response === response),
    ).length;
  };
  try {
    return await eventually(async () => {
      const n = await count();
      return n === Object.keys(expected).length && n;
    }, 10_000);
  } catch {
    return count();
  }
}

beforeAll(async () => {
  quorum = await startQuorum({ https: true });
  contoso = await orgEventsContoso(quorum);
  await signIn(quorum, 'contoso.com', MEGAN.upn);
  const engineering = quorum.emulator.world
    .findTenant('contoso.com')!
    .groups.find((g) => g.displayName === 'Engineering')!.id;
  const sent = await quorum.api<OrgEventView>(MEGAN, 'POST', '/api/org/events', {
    subject: 'Lifecycle faults',
    start: '2031-06-03T10:00',
    end: '2031-06-03T11:00',
    timeZone: 'America/Los_Angeles',
    audience: { kind: 'group', groupId: engineering },
  });
  expect(sent.status).toBe(202);
  eventId = sent.body.id;
  await eventually(async () => (await view()).delivery.state === 'done', 15_000);
  const stored = (await quorum.services.store.getOrgDoc<OrgEvent>(
    contoso.org.id,
    `org-event:${eventId}`,
  ))!;
  graphEventId = stored.parts[0]!.graphEventId!;
  // The invitation's own notifications land before any fault.
  await sleep(300);
  await notificationsOf(quorum.services).idle();
}, 60_000);

afterAll(() => closeWithRuntimes(quorum));

describe('subscription lifecycle events', () => {
  it('shows every answer lost to suspended notifications once Graph says missed', async () => {
    const record = await subscription();
    await control(quorum.emulator, 'POST', `/subscriptions/${record.subscriptionId}/suspend`);
    const expected = {
      'lee.gu@contoso.com': 'accepted',
      'hana.sato@contoso.com': 'declined',
      'ivan.novak@contoso.com': 'tentativelyAccepted',
    } as const;
    for (const [email, response] of Object.entries(expected)) await answer(email, response);
    const missed = await control<{ stats: { lost: number } }>(
      quorum.emulator,
      'POST',
      `/subscriptions/${record.subscriptionId}/lifecycle`,
      { event: 'missed' },
    );
    const seen = await shown(expected);
    const lost = Object.keys(expected).length - seen;
    await recordFault({
      fault: 'Graph subscription missed (notifications lost)',
      injected: missed.body.stats.lost,
      recovered: lost === 0 ? missed.body.stats.lost : 0,
      lost,
      notes: `${missed.body.stats.lost} notifications dropped while suspended; resync showed ${seen}/3 answers`,
    });
    expect(missed.body.stats.lost).toBeGreaterThan(0);
    expect(lost).toBe(0);
  });

  it('re-creates a removed subscription and shows the answers given around the removal', async () => {
    const before = await subscription();
    const removed = await control(
      quorum.emulator,
      'POST',
      `/subscriptions/${before.subscriptionId}/lifecycle`,
      { event: 'subscriptionRemoved' },
    );
    expect(removed.status).toBeLessThan(300);
    // One answer while Quorum re-creates the subscription, one once the new one is live.
    await answer('daniel.kim@contoso.com', 'declined');
    const after = await eventually(async () => {
      const r = await subscription();
      return r.state === 'active' && r.subscriptionId !== before.subscriptionId && r;
    }, 10_000);
    await answer('priya.nair@contoso.com', 'accepted');
    const expected = { 'daniel.kim@contoso.com': 'declined', 'priya.nair@contoso.com': 'accepted' };
    const seen = await shown(expected);
    const lost = 2 - seen;
    const atGraph = await control(quorum.emulator, 'GET', `/subscriptions/${after.subscriptionId}`);
    await recordFault({
      fault: 'Graph subscriptionRemoved',
      injected: 1,
      recovered: lost === 0 && atGraph.status === 200 ? 1 : 0,
      lost,
      notes: `subscription re-created (${atGraph.status === 200 ? 'live at Graph' : 'missing at Graph'}); ${seen}/2 answers around the removal shown`,
    });
    expect(atGraph.status).toBe(200);
    expect(lost).toBe(0);
  });
});
