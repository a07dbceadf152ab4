// Requests that pretend: consent states forged, tampered, expired, bound elsewhere or replayed; Graph
// notifications with a guessed, missing or borrowed clientState; bookings aimed at another member's
// calendar or meeting. Each is refused (or, for webhooks, acknowledged and dropped) and changes nothing.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCalendars } from '../../server/microsoft/calendars.js';
import { ClientStates } from '../../server/notifications/client-state.js';
import type { ChangeConsumer } from '../../server/notifications/consumers.js';
import { notificationsOf, type NotificationsRuntime } from '../../server/notifications/runtime.js';
import type { SubscriptionRecord } from '../../server/notifications/subscription-records.js';
import { followActivationLink, pageMessage } from '../connections/support.js';
import { createConnectedOrg } from '../integration/self-service-fixtures.js';
import { eventsWithSubject, slot, uniqueSubject } from '../integration/meetings-fixtures.js';
import { TENANTS } from '../support/emulator.js';
import { orgStateOf } from './support/org-state.js';
import { outcome } from './support/problems.js';
import { CheckTally, recordRows } from './support/results.js';
import {
  ADELE,
  MEGAN,
  startSecurityQuorum,
  type SecurityQuorum,
} from './support/security-quorum.js';

const LA = 'America/Los_Angeles';
let sq: SecurityQuorum;
let notifications: NotificationsRuntime;
let fabrikamOrgId: string;
const heard: string[] = [];
const consent = new CheckTally('consent state forgery and replay refused');
const webhooks = new CheckTally('forged webhook notifications dropped, nothing changed');
const booking = new CheckTally("booking on another member's calendar or meeting refused");

const recorder: ChangeConsumer = {
  name: 'security-recorder',
  eventChanged: (change) => {
    heard.push(`change ${change.eventId}`);
    return Promise.resolve();
  },
  resync: (mailbox, reason) => {
    heard.push(`resync ${mailbox.userId} ${reason}`);
    return Promise.resolve();
  },
};

function oid(upn: string): string {
  const tenant = sq.quorum.emulator.world.findTenant('contoso.com')!;
  return sq.quorum.emulator.world.findUser(tenant, upn)!.id;
}

async function memberId(orgId: string, upn: string): Promise<string> {
  return (await sq.quorum.services.members.findByEmail(orgId, upn))!.id;
}

beforeAll(async () => {
  sq = await startSecurityQuorum({ https: true });
  fabrikamOrgId = (await createConnectedOrg(sq.quorum, 'fabrikam')).org.id;
  notifications = notificationsOf(sq.quorum.services);
  notifications.consumers.add(recorder);
});

afterAll(async () => {
  const { findings, scanned } = await sq.scan();
  const scan = new CheckTally('no secret in responses or logs (forgery)');
  const dirty = new Set(findings.map((f) => f.where)).size;
  for (let i = 0; i < scanned; i += 1) scan.count(i >= dirty);
  await recordRows([consent.row(), webhooks.row(), booking.row(), scan.row()]);
  await notifications?.close();
  await sq.close();
  expect(findings).toEqual([]);
});

describe('consent state', () => {
  async function callback(params: Record<string, string>) {
    const sent = await sq.send(
      'GET',
      `/consent/callback?${new URLSearchParams(params).toString()}`,
    );
    return { status: sent.status, message: pageMessage({ body: sent.text } as never) };
  }

  async function stateSignedWith(
    key: Uint8Array,
    claims: { org: string; sub: string; exp: number },
  ): Promise<string> {
    return new SignJWT({ org: claims.org, mode: 'page' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('quorum')
      .setAudience('quorum:consent')
      .setSubject(claims.sub)
      .setJti(crypto.randomUUID())
      .setIssuedAt(claims.exp - 86_400)
      .setExpirationTime(claims.exp)
      .sign(key);
  }

  const realKey = async () =>
    Buffer.from((await sq.quorum.services.store.readSystemSecret('consent-state-key'))!, 'base64');

  async function realLink(): Promise<string> {
    const sent = await sq.send('POST', '/api/org/connections/consent-link', {
      token: await sq.tokenOf(MEGAN),
      body: {},
    });
    expect(sent.status).toBe(201);
    return (sent.json as { url: string }).url;
  }

  it('refuses every forged, tampered, expired or misbound state with its code and changes nothing', async () => {
    const link = await realLink();
    const state = new URL(link).searchParams.get('state')!;
    const contoso = sq.contoso.org.id;
    const megan = await memberId(contoso, MEGAN.upn);
    const hour = Math.floor(Date.now() / 1000) + 3600;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${state.split('.')[1]}.`;
    const cases: [string, string, number, string][] = [
      ['garbage', 'not-a-state', 400, 'ERR_CONSENT_STATE_INVALID'],
      ['alg none over real claims', none, 400, 'ERR_CONSENT_STATE_INVALID'],
      [
        'a tampered signature',
        `${state.slice(0, -3)}${state.endsWith('AAA') ? 'BBB' : 'AAA'}`,
        400,
        'ERR_CONSENT_STATE_INVALID',
      ],
      [
        'claims swapped under the real signature',
        `${state.split('.')[0]}.${Buffer.from(JSON.stringify({ org: fabrikamOrgId, sub: megan, exp: hour })).toString('base64url')}.${state.split('.')[2]}`,
        400,
        'ERR_CONSENT_STATE_INVALID',
      ],
      [
        'a state signed with a guessed key',
        await stateSignedWith(randomBytes(32), { org: contoso, sub: megan, exp: hour }),
        400,
        'ERR_CONSENT_STATE_INVALID',
      ],
      [
        'an expired state',
        await stateSignedWith(await realKey(), { org: contoso, sub: megan, exp: hour - 7200 }),
        400,
        'ERR_CONSENT_STATE_EXPIRED',
      ],
      [
        "a state binding Contoso's admin to Fabrikam's org",
        await stateSignedWith(await realKey(), { org: fabrikamOrgId, sub: megan, exp: hour }),
        403,
        'ERR_CONSENT_STATE_ORG_MISMATCH',
      ],
    ];
    const before = await orgStateOf(sq.quorum.services.store);
    const answers = [];
    for (const [kind, forged, status, code] of cases) {
      const { status: got, message } = await callback({
        admin_consent: 'True',
        tenant: TENANTS.contoso.id,
        state: forged,
      });
      const held = got === status && message.code === code;
      consent.count(held);
      answers.push([kind, held ? 'refused' : { got, message }]);
    }
    expect(answers).toEqual(cases.map(([kind]) => [kind, 'refused']));
    expect(await orgStateOf(sq.quorum.services.store)).toBe(before);
  });

  it('honours a real state once and refuses its replay with ERR_CONSENT_STATE_REPLAYED', async () => {
    const { final, consentCallback } = await followActivationLink(sq.quorum, await realLink(), {
      consentAs: MEGAN.upn,
    });
    expect(final.status).toBe(200);
    const again = await sq.send(
      'GET',
      `${new URL(consentCallback).pathname}${new URL(consentCallback).search}`,
    );
    const held =
      again.status === 409 &&
      pageMessage({ body: again.text } as never).code === 'ERR_CONSENT_STATE_REPLAYED';
    consent.count(held);
    expect(held).toBe(true);
  });
});

describe('Graph notifications', () => {
  let megans: SubscriptionRecord;
  let adeles: SubscriptionRecord;

  beforeAll(async () => {
    const mailbox = (upn: string) => ({
      orgId: sq.contoso.org.id,
      tenantId: TENANTS.contoso.id,
      userId: oid(upn),
    });
    megans = await notifications.ensureSubscription({
      ...mailbox(MEGAN.upn),
      holder: 'security:megan',
    });
    adeles = await notifications.ensureSubscription({
      ...mailbox(ADELE.upn),
      holder: 'security:adele',
    });
  });

  function missed(
    record: SubscriptionRecord,
    clientState: string | undefined,
    tenantId: string = TENANTS.contoso.id,
  ) {
    return {
      subscriptionId: record.subscriptionId,
      tenantId,
      lifecycleEvent: 'missed',
      ...(clientState === undefined ? {} : { clientState }),
    };
  }

  function change(record: SubscriptionRecord, clientState: string | undefined) {
    return {
      subscriptionId: record.subscriptionId,
      tenantId: TENANTS.contoso.id,
      changeType: 'deleted',
      resource: `Users/${record.userId}/Events/forged-event`,
      resourceData: { id: 'forged-event' },
      ...(clientState === undefined ? {} : { clientState }),
    };
  }

  async function deliver(path: string, items: unknown[]) {
    heard.length = 0;
    const before = await orgStateOf(sq.quorum.services.store);
    const sent = await sq.send('POST', path, { body: { value: items } });
    await notifications.idle();
    return {
      status: sent.status,
      heard: [...heard],
      same: (await orgStateOf(sq.quorum.services.store)) === before,
    };
  }

  it('acts on a notification whose clientState is the real one (the check can pass)', async () => {
    const real = await new ClientStates(sq.quorum.services.store).for(megans.recordId);
    const { status, heard: got } = await deliver('/webhooks/graph/lifecycle', [
      missed(megans, real),
    ]);
    expect(status).toBe(202);
    expect(got).toEqual([`resync ${megans.userId} missed`]);
  });

  it('drops forged notifications (202, nothing heard, nothing stored)', async () => {
    const adelesState = await new ClientStates(sq.quorum.services.store).for(adeles.recordId);
    const cases: [string, string, unknown[]][] = [
      ['a guessed clientState', '/webhooks/graph', [change(megans, 'guessed')]],
      ['no clientState', '/webhooks/graph', [change(megans, undefined)]],
      ["another subscription's clientState", '/webhooks/graph', [change(megans, adelesState)]],
      [
        'an unknown subscription',
        '/webhooks/graph',
        [{ ...change(megans, adelesState), subscriptionId: crypto.randomUUID() }],
      ],
      [
        'a lifecycle event with a guessed clientState',
        '/webhooks/graph/lifecycle',
        [missed(megans, 'x'.repeat(43))],
      ],
      [
        'a lifecycle event naming another tenant',
        '/webhooks/graph/lifecycle',
        [missed(adeles, adelesState, TENANTS.fabrikam.id)],
      ],
      [
        'subscriptionRemoved with a borrowed clientState',
        '/webhooks/graph/lifecycle',
        [{ ...missed(megans, adelesState), lifecycleEvent: 'subscriptionRemoved' }],
      ],
    ];
    const results = [];
    for (const [kind, path, items] of cases) {
      const got = await deliver(path, items);
      const held = got.status === 202 && got.heard.length === 0 && got.same;
      webhooks.count(held);
      results.push([kind, held ? 'dropped' : got]);
    }
    expect(results).toEqual(cases.map(([kind]) => [kind, 'dropped']));
    expect(sq.quorum.logs()).not.toContain('guessed');
  });
});

describe("another member's calendar", () => {
  function book(who: typeof MEGAN, body: Record<string, unknown>) {
    return sq.tokenOf(who).then((token) => sq.send('POST', '/api/meetings', { token, body }));
  }

  it("books only on the caller's own calendar, whatever the body names", async () => {
    const megansCalendar = (
      await listCalendars(sq.quorum.services.graph, TENANTS.contoso.id, oid(MEGAN.upn))
    ).find((c) => c.isDefaultCalendar)!.id;
    const subject = uniqueSubject('Hijack');
    const attempts: Record<string, unknown>[] = [
      { organizer: MEGAN.upn },
      { mailbox: MEGAN.upn },
      { userId: oid(MEGAN.upn) },
      { organizer: { emailAddress: { address: MEGAN.upn } } },
      { destination: megansCalendar },
    ];
    const answers = [];
    for (const extra of attempts) {
      const sent = await book(ADELE, { subject, ...slot(160), timeZone: LA, ...extra });
      const held = JSON.stringify(outcome(sent)) === JSON.stringify([400, 'ERR_VALIDATION']);
      booking.count(held);
      answers.push(held ? 'refused' : outcome(sent));
    }
    expect(answers).toEqual(attempts.map(() => 'refused'));
    expect(await eventsWithSubject(sq.quorum, MEGAN, subject)).toHaveLength(0);
    expect(await eventsWithSubject(sq.quorum, ADELE, subject)).toHaveLength(0);
  });

  it("refuses to move or cancel another member's meeting, and the meeting stays as it was", async () => {
    const subject = uniqueSubject('Megan only');
    const made = await book(MEGAN, { subject, ...slot(161), timeZone: LA });
    expect(made.status).toBe(201);
    const id = (made.json as { id: string }).id;
    const adele = await sq.tokenOf(ADELE);
    const tries = [
      await sq.send('PATCH', `/api/meetings/${id}`, {
        token: adele,
        body: { subject: 'Taken over' },
      }),
      await sq.send('POST', `/api/meetings/${id}/cancel`, { token: adele, body: {} }),
      await sq.send('GET', `/api/meetings/${id}`, { token: adele }),
    ];
    for (const sent of tries)
      booking.count(JSON.stringify(outcome(sent)) === JSON.stringify([404, 'ERR_NOT_FOUND']));
    expect(tries.map(outcome)).toEqual(tries.map(() => [404, 'ERR_NOT_FOUND']));
    const events = await eventsWithSubject(sq.quorum, MEGAN, subject);
    expect(events).toHaveLength(1);
    expect(events[0]!.isCancelled ?? false).toBe(false);
  });
});
