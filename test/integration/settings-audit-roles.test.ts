// GET /api/org/audit (paged, newest first) and Quorum roles: owners appoint admins, the last owner
// stays, members are kept off admin routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { createConnectedOrg, signIn, type TestOrg } from './self-service-fixtures.js';

interface Problem {
  code: string;
  errors?: { path: string }[];
}
interface AuditPage {
  entries: {
    at: string;
    actor: string;
    actorName: string | null;
    action: string;
    target: string;
  }[];
  next?: string;
}
interface RoleMember {
  id: string;
  displayName: string;
  role: string;
}

const megan = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' }; // Global Administrator
const alex = { tenant: 'contoso.com', upn: 'alex.wilber@contoso.com' }; // Privileged Role Administrator
const adele = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
const lee = { tenant: 'contoso.com', upn: 'lee.gu@contoso.com' };

let quorum: TestQuorum;
let contoso: TestOrg;
let ids: Record<'megan' | 'alex' | 'adele' | 'lee', string>;

beforeAll(async () => {
  quorum = await startQuorum();
  contoso = await createConnectedOrg(quorum, 'contoso');
  ids = {
    megan: await signIn(quorum, megan.tenant, megan.upn),
    alex: await signIn(quorum, alex.tenant, alex.upn),
    adele: await signIn(quorum, adele.tenant, adele.upn),
    lee: await signIn(quorum, lee.tenant, lee.upn),
  };
});
afterAll(async () => {
  await quorum.close();
});

describe('Quorum roles', () => {
  it('lists owners first, then admins, to an admin', async () => {
    const { status, body } = await quorum.api<{ admins: RoleMember[] }>(
      megan,
      'GET',
      '/api/org/admins',
    );
    expect(status).toBe(200);
    expect(body.admins.map((a) => [a.displayName, a.role])).toEqual([
      ['Alex Wilber', 'owner'],
      ['Megan Bowen', 'owner'],
    ]);
  });

  it('refuses a member on admin routes with ERR_ROLE_REQUIRED', async () => {
    for (const path of ['/api/org/admins', '/api/org/audit']) {
      const { status, body } = await quorum.api<Problem>(adele, 'GET', path);
      expect(status).toBe(403);
      expect(body.code).toBe('ERR_ROLE_REQUIRED');
    }
  });

  it('lets an owner appoint an admin, who then reaches admin routes; audited', async () => {
    const { status, body } = await quorum.api<RoleMember>(
      megan,
      'PUT',
      `/api/org/members/${ids.adele}/role`,
      { role: 'admin' },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: ids.adele, displayName: 'Adele Vance', role: 'admin' });
    expect((await quorum.api(adele, 'GET', '/api/org/settings')).status).toBe(200);

    const { entries } = await quorum.services.store.listAudit(contoso.org.id, { limit: 1 });
    expect(entries[0]).toMatchObject({
      actor: `member:${ids.megan}`,
      action: 'org.member.role_changed',
      target: `member:${ids.adele}`,
      detail: { before: 'member', after: 'admin' },
    });
  });

  it('refuses an admin who is not an owner with ERR_OWNER_REQUIRED', async () => {
    const { status, body } = await quorum.api<Problem>(
      adele,
      'PUT',
      `/api/org/members/${ids.lee}/role`,
      { role: 'admin' },
    );
    expect(status).toBe(403);
    expect(body.code).toBe('ERR_OWNER_REQUIRED');
    expect((await quorum.services.members.get(contoso.org.id, ids.lee))?.role).toBe('member');
  });

  it.each<[string, unknown, string]>([
    ['owner, which only Entra roles give', { role: 'owner' }, 'role'],
    ['an unknown role', { role: 'superuser' }, 'role'],
    ['no role', {}, 'role'],
    ['extra fields', { role: 'admin', note: 'x' }, ''],
  ])('refuses a body asking for %s with ERR_VALIDATION', async (_what, body, path) => {
    const res = await quorum.api<Problem>(megan, 'PUT', `/api/org/members/${ids.lee}/role`, body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR_VALIDATION');
    expect(res.body.errors?.map((e) => e.path)).toContain(path);
    expect((await quorum.services.members.get(contoso.org.id, ids.lee))?.role).toBe('member');
  });

  it('answers ERR_NOT_FOUND for a member the org does not have', async () => {
    const { status, body } = await quorum.api<Problem>(
      megan,
      'PUT',
      '/api/org/members/00000000-0000-4000-8000-000000000000/role',
      { role: 'admin' },
    );
    expect(status).toBe(404);
    expect(body.code).toBe('ERR_NOT_FOUND');
  });

  it('lets an owner step down while another owner remains, but never the last one', async () => {
    const down = await quorum.api<RoleMember>(megan, 'PUT', `/api/org/members/${ids.megan}/role`, {
      role: 'admin',
    });
    expect(down.status).toBe(200);
    expect(down.body.role).toBe('admin');

    const last = await quorum.api<Problem>(alex, 'PUT', `/api/org/members/${ids.alex}/role`, {
      role: 'member',
    });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('ERR_LAST_OWNER');
    expect((await quorum.services.members.get(contoso.org.id, ids.alex))?.role).toBe('owner');
  });

  it('lets only one of two owners demoting each other at once succeed', async () => {
    await quorum.services.members.update(contoso.org.id, ids.megan, (m) => ({
      ...m,
      role: 'owner',
    }));
    const [a, b] = await Promise.all([
      quorum.api<Problem>(megan, 'PUT', `/api/org/members/${ids.alex}/role`, { role: 'member' }),
      quorum.api<Problem>(alex, 'PUT', `/api/org/members/${ids.megan}/role`, { role: 'member' }),
    ]);
    const statuses = [a.status, b.status].sort();
    // The loser is either refused as last owner or, demoted first, no longer an owner at all.
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const owners = (await quorum.services.members.all(contoso.org.id)).filter(
      (m) => m.role === 'owner',
    );
    expect(owners).toHaveLength(1);
  });
});

describe('GET /api/org/audit', () => {
  it('pages newest first with a cursor, naming member actors', async () => {
    const orgId = contoso.org.id;
    for (let i = 1; i <= 5; i++) {
      await quorum.services.store.appendAudit(orgId, {
        actor: i === 5 ? 'system' : `member:${ids.lee}`,
        action: `test.step.${i}`,
        target: `org:${orgId}`,
      });
    }
    const owner = (await quorum.services.members.all(orgId)).find((m) => m.role === 'owner')!;
    const as = { tenant: 'contoso.com', upn: owner.email };

    const first = await quorum.api<AuditPage>(as, 'GET', '/api/org/audit?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e) => e.action)).toEqual(['test.step.5', 'test.step.4']);
    expect(first.body.entries.map((e) => e.actorName)).toEqual([null, 'Lee Gu']);
    expect(first.body.entries[0]).not.toHaveProperty('orgId');
    expect(first.body.next).toEqual(expect.any(String));

    const second = await quorum.api<AuditPage>(
      as,
      'GET',
      `/api/org/audit?limit=2&before=${encodeURIComponent(first.body.next!)}`,
    );
    expect(second.body.entries.map((e) => e.action)).toEqual(['test.step.3', 'test.step.2']);

    const all = await quorum.api<AuditPage>(as, 'GET', '/api/org/audit?limit=200');
    const actions = all.body.entries.map((e) => e.action);
    expect(actions.slice(0, 5)).toEqual([5, 4, 3, 2, 1].map((i) => `test.step.${i}`));
    expect(actions).toContain('org.member.role_changed');
    expect(all.body.next).toBeUndefined();
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['before=not-a-cursor', 'before'],
    ['colour=blue', ''],
  ])('refuses ?%s with ERR_VALIDATION', async (query, path) => {
    const owner = (await quorum.services.members.all(contoso.org.id)).find(
      (m) => m.role === 'owner',
    )!;
    const { status, body } = await quorum.api<Problem>(
      { tenant: 'contoso.com', upn: owner.email },
      'GET',
      `/api/org/audit?${query}`,
    );
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_VALIDATION');
    expect(body.errors?.map((e) => e.path)).toContain(path);
  });
});
