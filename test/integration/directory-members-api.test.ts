// The admin's member table over HTTP: filters, search, paging with total and stable order, bad
// query parameters, invitations (plus-alias aware), the signed CSV export (formula-safe, forged
// and expired links refused), and tenant isolation between two orgs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSigningKey, signExportToken } from '../../server/directory/export-links.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { connectTenant, listAll, syncThroughApi, type ListedMember } from '../directory/support.js';

const CONTOSO = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const FABRIKAM = { tenant: 'fabrikam.com', upn: 'kim.akers@fabrikam.com' };

let quorum: TestQuorum;
let contosoOrgId: string;
let contosoJobId: string;
let all: ListedMember[];

interface Page {
  total: number;
  offset: number;
  limit: number;
  items: ListedMember[];
}

const page = (query: string, as = CONTOSO) =>
  quorum.api<Page & { code?: string }>(as, 'GET', `/api/org/members?${query}`);

beforeAll(async () => {
  quorum = await startQuorum();
  const contoso = await connectTenant(quorum, 'contoso.com');
  contosoOrgId = contoso.org.id;
  await quorum.api(CONTOSO, 'GET', '/api/org/status');
  contosoJobId = String((await syncThroughApi(quorum, CONTOSO)).id);
  all = await listAll(quorum, CONTOSO);

  const fabrikamOrg = await quorum.services.orgs.create('Fabrikam', {
    provisioning: { mode: 'none' },
  });
  await connectTenant(quorum, 'fabrikam.com', { org: fabrikamOrg });
  await quorum.api(FABRIKAM, 'GET', '/api/org/status');
  await syncThroughApi(quorum, FABRIKAM);
});
afterAll(async () => {
  await quorum.close();
});

describe('GET /api/org/members', () => {
  it('orders members by display name, then id, and pages them with a stable total', async () => {
    const names = all.map((m) => m.displayName.toLowerCase());
    expect(names).toEqual([...names].sort());
    const pages: ListedMember[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      const { status, body } = await page(`offset=${offset}&limit=7`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ total: all.length, offset, limit: 7 });
      pages.push(...body.items);
    }
    expect(pages.map((m) => m.id)).toEqual(all.map((m) => m.id));
  });

  it('defaults to the first 50', async () => {
    const { body } = await page('');
    expect(body).toMatchObject({ offset: 0, limit: 50, total: all.length });
    expect(body.items).toHaveLength(Math.min(50, all.length));
  });

  it('filters by status tile', async () => {
    const { body } = await page('status=needs_attention&limit=500');
    expect(body.items.length).toBe(body.total);
    expect(body.items.every((m) => m.status === 'needs_attention')).toBe(true);
    expect(body.total).toBe(all.filter((m) => m.status === 'needs_attention').length);
  });

  it('filters by reason', async () => {
    const { body } = await page('reason=no_mailbox');
    expect(body.items.map((m) => m.email).sort()).toEqual([
      'lidia.holloway@contoso.com',
      'nestor.wilke@contoso.com',
    ]);
  });

  it('searches display names and emails case-insensitively', async () => {
    expect((await page('q=ROBBINS')).body.items.map((m) => m.email)).toEqual([
      'lynne.robbins@contoso.com',
    ]);
    expect((await page('q=fabrikam.com')).body.items.map((m) => m.reason)).toEqual([
      'guest_account',
    ]);
    expect((await page('q=outside-of-everything')).body).toMatchObject({ total: 0, items: [] });
  });

  it('combines filters and search', async () => {
    const { body } = await page('status=needs_attention&reason=outside_access_scope&q=gupta');
    expect(body.items.map((m) => m.email)).toEqual(['pradeep.gupta@contoso.com']);
  });

  it.each([
    ['limit=0'],
    ['limit=501'],
    ['limit=ten'],
    ['offset=-1'],
    ['offset=1.5'],
    ['status=great'],
    ['reason=sunspots'],
    ['limit=5&limit=6'],
    ['sort=name'],
    [`q=${'x'.repeat(201)}`],
  ])('refuses %s with ERR_VALIDATION', async (query) => {
    const { status, body } = await page(query);
    expect(status).toBe(400);
    expect(body.code).toBe('ERR_VALIDATION');
  });
});

describe('tenant isolation', () => {
  it('shows a Fabrikam admin only Fabrikam members', async () => {
    const fabrikam = await listAll(quorum, FABRIKAM);
    expect(fabrikam.map((m) => m.email)).toEqual(['kim.akers@fabrikam.com']);
  });

  it('does not let a Fabrikam admin re-check a Contoso member or read a Contoso job', async () => {
    const adele = all.find((m) => m.email === 'adele.vance@contoso.com')!;
    const recheck = await quorum.api<{ code: string }>(
      FABRIKAM,
      'POST',
      `/api/org/members/${adele.id}/recheck`,
    );
    expect(recheck.status).toBe(404);
    const job = await quorum.api<{ code: string }>(
      FABRIKAM,
      'GET',
      `/api/org/jobs/${contosoJobId}`,
    );
    expect(job.status).toBe(404);
    const status = await quorum.api<{ members: { total: number } }>(
      FABRIKAM,
      'GET',
      '/api/org/status',
    );
    expect(status.body.members.total).toBe(1);
  });
});

describe('invitations', () => {
  it('creates invited members, matching the directory plus-alias aware', async () => {
    const { status, body } = await quorum.api<{ created: ListedMember[]; existing: string[] }>(
      FABRIKAM,
      'POST',
      '/api/org/members/invitations',
      {
        emails: [
          'Dana.Birkby+team@Fabrikam.com',
          'stranger@nowhere.example',
          'KIM.AKERS@fabrikam.com',
        ],
      },
    );
    expect(status).toBe(201);
    expect(body.existing).toEqual(['kim.akers@fabrikam.com']);
    const created = new Map(body.created.map((m) => [m.email, m]));
    expect(created.get('dana.birkby+team@fabrikam.com')).toMatchObject({
      source: 'invite',
      displayName: 'Dana Birkby',
      reason: 'checking',
    });
    expect(created.get('stranger@nowhere.example')).toMatchObject({ reason: 'not_in_directory' });
    await syncThroughApi(quorum, FABRIKAM);
    const after = new Map((await listAll(quorum, FABRIKAM)).map((m) => [m.email, m]));
    expect(after.get('dana.birkby+team@fabrikam.com')?.reason).toBe('connected');
    expect(after.get('stranger@nowhere.example')?.reason).toBe('not_in_directory');
    // Provisioning "none": nobody else from the directory became a member.
    expect(after.size).toBe(3);
  });

  it.each([
    [{ emails: [] }],
    [{ emails: ['not-an-address'] }],
    [{ emails: 'a@b.example' }],
    [{ emails: ['a@b.example'], role: 'owner' }],
  ])('refuses %j with ERR_VALIDATION and creates no one', async (body) => {
    const before = (await listAll(quorum, FABRIKAM)).length;
    const res = await quorum.api<{ code: string }>(
      FABRIKAM,
      'POST',
      '/api/org/members/invitations',
      body,
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ERR_VALIDATION');
    expect((await listAll(quorum, FABRIKAM)).length).toBe(before);
  });
});

describe('CSV export', () => {
  async function download(url: string) {
    const { pathname, search } = new URL(url);
    const res = await fetch(`${quorum.url}${pathname}${search}`);
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  it('exports the filtered table through a signed link that needs no bearer token', async () => {
    const { status, body } = await quorum.api<{ url: string; expiresAt: string }>(
      CONTOSO,
      'POST',
      '/api/org/exports/members',
      { reason: 'no_mailbox' },
    );
    expect(status).toBe(201);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const csv = await download(body.url);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^display_name,email,role,source,status,reason,summary,fix/);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).every((l) => l.includes(',no_mailbox,'))).toBe(true);
  });

  it('defuses cells that a spreadsheet would run as formulas', async () => {
    const victims = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2', '@SUM(A1)', '\tTab'];
    const adele = (await quorum.services.members.findByEmail(
      contosoOrgId,
      'adele.vance@contoso.com',
    ))!;
    for (const [i, name] of victims.entries()) {
      await quorum.services.members.put({
        ...adele,
        id: `formula-${i}`,
        email: `formula${i}@contoso.com`,
        displayName: name,
        tenantId: null,
        objectId: null,
        role: 'member',
        source: 'invite',
      });
    }
    const { body } = await quorum.api<{ url: string }>(
      CONTOSO,
      'POST',
      '/api/org/exports/members',
      {
        q: 'formula',
      },
    );
    const rows = (await download(body.url)).text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .slice(1);
    expect(rows).toHaveLength(victims.length);
    for (const row of rows) expect(row).toMatch(/^("?)'[=+\-@\t]/);
    expect(rows.some((r) => r.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")"`))).toBe(
      true,
    );
    for (let i = 0; i < victims.length; i++) {
      await quorum.services.members.delete(contosoOrgId, `formula-${i}`);
    }
  });

  it('refuses a forged link with ERR_EXPORT_LINK_INVALID', async () => {
    const { body } = await quorum.api<{ url: string }>(
      CONTOSO,
      'POST',
      '/api/org/exports/members',
      {},
    );
    const url = new URL(body.url);
    const [payload, signature] = url.searchParams.get('token')!.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { orgId: string };
    claims.orgId = 'another-org';
    const forged = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    for (const token of [forged, `${payload}.`, 'garbage', `${payload}.${signature}.x`]) {
      url.searchParams.set('token', token);
      const res = await download(url.href);
      expect(res.status, token).toBe(403);
      expect(JSON.parse(res.text).code).toBe('ERR_EXPORT_LINK_INVALID');
    }
  });

  it('refuses an expired link with ERR_EXPORT_LINK_EXPIRED', async () => {
    const megan = (await quorum.services.members.findByEmail(
      contosoOrgId,
      'megan.bowen@contoso.com',
    ))!;
    const key = await exportSigningKey(quorum.services.store);
    const token = signExportToken(key, {
      orgId: contosoOrgId,
      memberId: megan.id,
      filter: {},
      expiresAt: Date.now() - 1000,
    });
    const res = await download(
      `${quorum.url}/exports/members.csv?token=${encodeURIComponent(token)}`,
    );
    expect(res.status).toBe(410);
    expect(JSON.parse(res.text).code).toBe('ERR_EXPORT_LINK_EXPIRED');
  });

  it('refuses a link without a token with ERR_VALIDATION', async () => {
    const res = await download(`${quorum.url}/exports/members.csv`);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).code).toBe('ERR_VALIDATION');
  });
});
