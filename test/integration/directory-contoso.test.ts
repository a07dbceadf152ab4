// Journey J2 end to end on the emulated Contoso tenant: a sync provisions every person, the sweep
// gives each the status and reason the tenant's state calls for, an admin fixes one member and a
// re-check shows it connected; admin routes refuse members and other tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import {
  byEmail,
  connectTenant,
  listAll,
  syncThroughApi,
  type ListedMember,
} from '../directory/support.js';

const OWNER = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const MEMBER = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };

let quorum: TestQuorum;
let members: Map<string, ListedMember>;
let job: Record<string, unknown>;

beforeAll(async () => {
  quorum = await startQuorum();
  await connectTenant(quorum, 'contoso.com');
  // The Global Administrator signs in first and becomes the org's owner.
  expect((await quorum.api(OWNER, 'GET', '/api/org/status')).status).toBe(200);
  job = await syncThroughApi(quorum, OWNER);
  members = byEmail(await listAll(quorum, OWNER));
});
afterAll(async () => {
  await quorum.close();
});

describe('directory sync and health sweep of Contoso', () => {
  it('finishes the job with progress at its end and counts per connection', () => {
    expect(job).toMatchObject({ state: 'succeeded', kind: 'sync', error: null });
    const result = job.result as { connections: { directory: { mode: string } }[] };
    expect(result.connections[0]?.directory.mode).toBe('full');
  });

  it.each([
    ['adele.vance@contoso.com', 'connected', 'connected'],
    ['megan.bowen@contoso.com', 'connected', 'connected'],
    ['lynne.robbins@contoso.com', 'connected', 'connected'],
    ['diego.siciliani@contoso.com', 'not_connected', 'account_disabled'],
    ['nestor.wilke@contoso.com', 'needs_attention', 'no_mailbox'],
    ['lidia.holloway@contoso.com', 'needs_attention', 'no_mailbox'],
    ['pradeep.gupta@contoso.com', 'needs_attention', 'outside_access_scope'],
    ['grady.archie@contoso.com', 'needs_attention', 'outside_access_scope'],
    ['pat.kowalski@fabrikam.com', 'not_connected', 'guest_account'],
  ])('shows %s as %s (%s)', (email, status, reason) => {
    expect(members.get(email)).toMatchObject({ status, reason });
  });

  it('gives each reason its plain-language summary and fix', () => {
    const nestor = members.get('nestor.wilke@contoso.com')!;
    expect(nestor.summary).toMatch(/no Exchange Online mailbox/);
    expect(nestor.fix).toMatch(/licence/);
    expect(members.get('adele.vance@contoso.com')!.fix).toBeNull();
  });

  it('records IANA time zones from the mailbox settings', () => {
    expect(members.get('adele.vance@contoso.com')!.timeZone).toBe('America/Los_Angeles');
    expect(members.get('lee.gu@contoso.com')!.timeZone).toBe('Asia/Tokyo');
  });

  it('never makes rooms, equipment or shared mailboxes members', () => {
    for (const email of [
      'room.rainier@contoso.com',
      'room.boardroom@contoso.com',
      'projector.sea@contoso.com',
      'events@contoso.com',
      'helpdesk@contoso.com',
    ]) {
      expect(members.has(email), email).toBe(false);
    }
    expect(
      [...members.values()].every((m) => m.source !== 'directory' || m.role === 'member'),
    ).toBe(true);
  });

  it('keeps the owner who signed in before the sync, linked by identity', () => {
    const megan = members.get('megan.bowen@contoso.com')!;
    expect(megan).toMatchObject({ role: 'owner', source: 'sso' });
    const dupes = [...members.values()].filter((m) => m.email === 'megan.bowen@contoso.com');
    expect(dupes).toHaveLength(1);
  });

  it('counts members per tile and per reason in the status', async () => {
    const { status, body } = await quorum.api<{
      members: {
        total: number;
        byCategory: Record<string, number>;
        byReason: Record<string, number>;
      };
      connections: { members: number; sync: { lastFullAt: string | null; running: boolean } }[];
      sync: { running: boolean };
    }>(OWNER, 'GET', '/api/org/status');
    expect(status).toBe(200);
    expect(body.members.total).toBe(members.size);
    expect(body.members.byReason).toMatchObject({
      account_disabled: 1,
      no_mailbox: 2,
      outside_access_scope: 2,
      guest_account: 1,
    });
    const tiles = Object.values(body.members.byCategory).reduce((a, b) => a + b, 0);
    expect(tiles).toBe(members.size);
    expect(body.connections[0]).toMatchObject({ members: members.size, sync: { running: false } });
    expect(body.connections[0]?.sync.lastFullAt).toEqual(expect.any(String));
    expect(body.sync.running).toBe(false);
  });
});

describe('fixing a member and re-checking', () => {
  it('turns nestor connected once licensed', async () => {
    const licensed = await control(
      quorum.emulator,
      'PATCH',
      '/tenants/contoso.com/users/nestor.wilke@contoso.com',
      { licensed: true },
    );
    expect(licensed.status).toBe(200);
    const nestor = members.get('nestor.wilke@contoso.com')!;
    const { status, body } = await quorum.api<ListedMember>(
      OWNER,
      'POST',
      `/api/org/members/${nestor.id}/recheck`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ reason: 'connected', status: 'connected', fix: null });
    expect(body.timeZone).toBe('America/New_York');
  });

  it('answers 404 for a member id of no member', async () => {
    const { status, body } = await quorum.api<{ code: string }>(
      OWNER,
      'POST',
      '/api/org/members/no-such-member/recheck',
    );
    expect(status).toBe(404);
    expect(body.code).toBe('ERR_NOT_FOUND');
  });
});

describe('the OpenAPI description', () => {
  it('describes the directory routes from their schemas', async () => {
    const { status, body } = await quorum.api<{ paths: Record<string, Record<string, unknown>> }>(
      null,
      'GET',
      '/api/openapi.json',
    );
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/org/status',
        '/api/org/members',
        '/api/org/members/invitations',
        '/api/org/members/{id}/recheck',
        '/api/org/sync',
        '/api/org/jobs/{id}',
        '/api/org/exports/members',
        '/exports/members.csv',
      ]),
    );
    const list = body.paths['/api/org/members']?.get as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name).sort()).toEqual([
      'limit',
      'offset',
      'q',
      'reason',
      'status',
    ]);
  });
});

describe('who may use the admin routes', () => {
  it.each([
    ['GET', '/api/org/status'],
    ['GET', '/api/org/members'],
    ['POST', '/api/org/sync'],
    ['POST', '/api/org/members/x/recheck'],
    ['POST', '/api/org/exports/members'],
    ['POST', '/api/org/members/invitations'],
    ['GET', '/api/org/jobs/x'],
  ])('refuses a member on %s %s with ERR_ROLE_REQUIRED', async (method, path) => {
    const body = method === 'POST' ? {} : undefined;
    const res = await quorum.api<{ code: string }>(MEMBER, method, path, body);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ERR_ROLE_REQUIRED');
  });
});
