// Exchange's sending limits on the service mailbox (DESIGN J5): with the mailbox's recent sends in
// the ledger, new org events wait in the send queue — the response says when they will be done —
// and go out when the rolling windows allow; a cancellation before then sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgEvent } from '../../server/scheduling/org-events/org-event.js';
import type { OrgEventView } from '../../server/scheduling/org-events/schemas.js';
import { LEDGER_DOC } from '../../server/scheduling/org-events/send-queue.js';
import type { LedgerEntry } from '../../server/scheduling/org-events/sending-limits.js';
import { eventually } from '../emulator/graph/subscriptions-receiver.js';
import { control, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { closeWithRuntimes } from './org-events-fixtures.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

let quorum: TestQuorum;
let contoso: TestOrg;
let mailboxKey: string;
const megan = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const DAY = 86_400_000;

beforeAll(async () => {
  quorum = await startQuorum({ https: true });
  contoso = await createConnectedOrg(quorum, 'contoso', { serviceMailbox: 'events@contoso.com' });
  await signIn(quorum, 'contoso.com', megan.upn);
  const tenant = quorum.emulator.world.findTenant('contoso.com')!;
  const events = quorum.emulator.world.findUser(tenant, 'events@contoso.com')!;
  mailboxKey = `${TENANTS.contoso.id}/${events.id}`.toLowerCase();
}, 60_000);

afterAll(() => closeWithRuntimes(quorum));

async function setLedger(entries: LedgerEntry[]) {
  await quorum.services.store.putOrgDoc(contoso.org.id, LEDGER_DOC, { [mailboxKey]: entries });
}

async function send(subject: string, emails: string[]) {
  const res = await quorum.api<OrgEventView>(megan, 'POST', '/api/org/events', {
    subject,
    start: '2031-06-01T16:00:00Z',
    end: '2031-06-01T17:00:00Z',
    timeZone: 'UTC',
    audience: { kind: 'list', emails },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body;
}

async function view(id: string) {
  return (await quorum.api<OrgEventView>(megan, 'GET', `/api/org/events/${id}`)).body;
}

const someone = ['lee.gu@contoso.com', 'hana.sato@contoso.com'];

describe('30 messages a minute', () => {
  it('queues the invitation until the minute window has room, and says when', async () => {
    const now = Date.now();
    await setLedger(
      Array.from({ length: 30 }, (_, i) => ({ at: now - 58_000 + i, recipients: 1 })),
    );
    const sent = await send('Minute limit', someone);
    expect(sent.delivery.state).toBe('queued');
    expect(sent.delivery.queuedMessages).toBe(1);
    const expected = Date.parse(sent.delivery.expectedCompletionAt!);
    expect(expected).toBeGreaterThanOrEqual(now + 1_500);
    expect(expected).toBeLessThanOrEqual(now + 2_500);
    expect((await view(sent.id)).delivery.parts[0]!.state).toBe('queued');
    const done = await eventually(async () => {
      const v = await view(sent.id);
      return v.delivery.state === 'done' && v;
    }, 10_000);
    expect(Date.parse(done.delivery.parts[0]!.sentAt!)).toBeGreaterThanOrEqual(expected - 50);
  });
});

describe('10,000 recipients a day', () => {
  let people: string[];

  beforeAll(async () => {
    const generated = await control<{ domain: string }>(
      quorum.emulator,
      'POST',
      '/tenants/generate',
      {
        domain: 'alumni.example',
        count: 1_300,
        seed: 11,
      },
    );
    const tenant = quorum.emulator.world.findTenant(generated.body.domain)!;
    people = tenant.users
      .filter((u) => u.mailbox.kind === 'user' && u.mail?.endsWith('@alumni.example'))
      .slice(0, 1_200)
      .map((u) => u.mail!);
  });

  it('sends the parts that fit now and queues the rest until the day window has room', async () => {
    const now = Date.now();
    // 9,500 recipients sent 24 h minus 3 s ago: one part of 400 fits now, the next two in 3 s.
    await setLedger([{ at: now - DAY + 3_000, recipients: 9_500 }]);
    const sent = await send('Day limit', people);
    expect(sent.parts).toBe(3);
    expect(sent.delivery.queuedMessages).toBe(3);
    const expected = Date.parse(sent.delivery.expectedCompletionAt!);
    expect(expected).toBeGreaterThanOrEqual(now + 2_500);
    expect(expected).toBeLessThanOrEqual(now + 3_500);
    const partial = await eventually(async () => {
      const v = await view(sent.id);
      return v.delivery.state === 'sending' && v;
    }, 5_000);
    expect(partial.delivery.parts.map((p) => p.state)).toEqual(['sent', 'queued', 'queued']);
    expect(Date.parse(partial.delivery.expectedCompletionAt!)).toBe(expected);
    const done = await eventually(async () => {
      const v = await view(sent.id);
      return v.delivery.state === 'done' && v;
    }, 10_000);
    expect(done.delivery.parts.every((p) => p.state === 'sent')).toBe(true);
    const ledger = await quorum.services.store.getOrgDoc<Record<string, LedgerEntry[]>>(
      contoso.org.id,
      LEDGER_DOC,
    );
    // The 9,500 had left the day window (and the ledger) by the time the last parts went.
    expect(ledger![mailboxKey]!.map((e) => e.recipients)).toEqual([400, 400, 400]);
  }, 30_000);

  it('sends nothing for a queued event cancelled before its turn', async () => {
    const now = Date.now();
    await setLedger(Array.from({ length: 30 }, (_, i) => ({ at: now - 1_000 + i, recipients: 1 })));
    const sent = await send('Cancelled in the queue', someone);
    expect(sent.delivery.state).toBe('queued');
    const cancelled = await quorum.api<OrgEventView>(
      megan,
      'POST',
      `/api/org/events/${sent.id}/cancel`,
      {},
    );
    expect(cancelled.body).toMatchObject({
      state: 'cancelled',
      delivery: { queuedMessages: 0, expectedCompletionAt: null },
    });
    const stored = await quorum.services.store.getOrgDoc<OrgEvent>(
      contoso.org.id,
      `org-event:${sent.id}`,
    );
    expect(stored!.parts[0]).toMatchObject({ state: 'cancelled', graphEventId: null });
    const inMailbox = await quorum.services.graph.get<{ value: unknown[] }>(
      TENANTS.contoso.id,
      '/users/events@contoso.com/events',
      { query: { $filter: "subject eq 'Cancelled in the queue'" } },
    );
    expect(inMailbox.value).toEqual([]);
  });
});
