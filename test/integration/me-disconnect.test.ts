// A member who disconnects the org-managed calendar (the org allows it) reads as disconnected
// everywhere (issue 4): in `GET /api/me`, in the admin's member table with the same reason, summary
// and fix, under the reason filter and in the status counts. Re-checks do not read it; reconnecting
// checks it at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASONS } from '../../server/domain/reasons.js';
import { grantConsent } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { byEmail, listAll, runtimeOf, type ListedMember } from '../directory/support.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };

interface MeCalendar {
  status: string;
  reason: string;
  summary: string;
  fix: string | null;
  disconnected: boolean;
  canDisconnect: boolean;
}

let quorum: TestQuorum;

async function myCalendar(): Promise<MeCalendar> {
  const { status, body } = await quorum.api<{ calendar: MeCalendar }>(ADELE, 'GET', '/api/me');
  expect(status).toBe(200);
  return body.calendar;
}

async function adeleListed(): Promise<ListedMember> {
  return byEmail(await listAll(quorum, MEGAN)).get(ADELE.upn)!;
}

async function orgStatus() {
  const res = await quorum.api<{ members: { byReason: Record<string, number> } }>(
    MEGAN,
    'GET',
    '/api/org/status',
  );
  return res.body.members.byReason;
}

beforeAll(async () => {
  quorum = await startQuorum({ env: { QUORUM_VERIFY_RETRY_SECONDS: '0' } });
  await grantConsent(quorum.emulator, 'contoso.com');
  await quorum.api(MEGAN, 'GET', '/api/org/connections');
  await quorum.services.connections.idle();
  await runtimeOf(quorum).jobs.idle();
  const saved = await quorum.api(MEGAN, 'PATCH', '/api/org/settings', {
    allowMemberDisconnect: true,
  });
  expect(saved.status).toBe(200);
});
afterAll(async () => {
  await runtimeOf(quorum).jobs.idle();
  await quorum?.close();
});

describe('a member who disconnects the org-managed calendar', () => {
  it('starts connected, and may disconnect', async () => {
    expect(await myCalendar()).toMatchObject({
      status: 'connected',
      reason: 'connected',
      disconnected: false,
      canDisconnect: true,
    });
  });

  it('reads as disconnected in GET /api/me, with the reason and its fix', async () => {
    const res = await quorum.api<MeCalendar>(ADELE, 'POST', '/api/me/calendar/disconnect', {});
    expect(res.status).toBe(200);
    const expected = {
      status: 'not_connected',
      reason: 'member_disconnected',
      summary: REASONS.member_disconnected.summary,
      fix: REASONS.member_disconnected.fix,
    };
    expect(res.body).toMatchObject({ ...expected, disconnected: true, canDisconnect: false });
    expect(await myCalendar()).toMatchObject({ ...expected, disconnected: true });
  });

  it('reads the same in the admin member table, its reason filter and the status counts', async () => {
    const me = await myCalendar();
    const listed = await adeleListed();
    expect({
      status: listed.status,
      reason: listed.reason,
      summary: listed.summary,
      fix: listed.fix,
    }).toEqual({ status: me.status, reason: me.reason, summary: me.summary, fix: me.fix });
    const filtered = await listAll(quorum, MEGAN, 'reason=member_disconnected');
    expect(filtered.map((m) => m.email)).toEqual([ADELE.upn]);
    expect((await orgStatus()).member_disconnected).toBe(1);
  });

  it('stays disconnected when an admin re-checks it (Quorum does not read it)', async () => {
    const listed = await adeleListed();
    const res = await quorum.api<ListedMember>(
      MEGAN,
      'POST',
      `/api/org/members/${listed.id}/recheck`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'not_connected', reason: 'member_disconnected' });
  });

  it('stays disconnected in the admin table through a full sync and sweep', async () => {
    const sync = await quorum.api<{ id: string }>(MEGAN, 'POST', '/api/org/sync');
    expect(sync.status).toBe(202);
    await runtimeOf(quorum).jobs.idle();
    const listed = await adeleListed();
    expect({ status: listed.status, reason: listed.reason }).toEqual({
      status: 'not_connected',
      reason: 'member_disconnected',
    });
    expect((await orgStatus()).member_disconnected).toBe(1);
  });

  it('is checked at once when reconnected, everywhere', async () => {
    const res = await quorum.api<MeCalendar>(ADELE, 'POST', '/api/me/calendar/reconnect', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'connected',
      reason: 'connected',
      disconnected: false,
      canDisconnect: true,
    });
    expect(await myCalendar()).toMatchObject({ status: 'connected', reason: 'connected' });
    expect(await adeleListed()).toMatchObject({ status: 'connected', reason: 'connected' });
    expect((await orgStatus()).member_disconnected ?? 0).toBe(0);
  });
});
