// Personal calendars count (DESIGN availability semantics): a Contoso member who connected a
// Fabrikam account by delegated OAuth is busy when that calendar is; a guest with no org-managed
// calendar is read through theirs; one Microsoft stopped letting Quorum read is unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../server/domain/types.js';
import { grantConsent, TENANTS } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { ADELE, iso, localTime, nextMonday, syncedContoso } from './schedule-fixtures.js';

const PAT_GUEST = {
  tenant: 'contoso.com',
  upn: 'pat.kowalski_fabrikam.com#EXT#@contoso.onmicrosoft.com',
};
const DAY = 86_400_000;
const H = 3_600_000;

interface Attendee {
  email: string;
  availability: string;
  reason: string | null;
  busy: { start: string; end: string; status: string }[];
}

let quorum: TestQuorum;
let orgId: string;
let monday: number;

function decode(html: string): string {
  return html
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Connects `account` as a personal calendar of the member signed in as `as`; returns the member. */
async function connectPersonal(
  as: { tenant: string; upn: string },
  account: string,
): Promise<Member> {
  const start = await quorum.api<{ url: string }>(as, 'POST', '/api/me/personal-calendars/connect');
  expect(start.status).toBe(200);
  const picker = await quorum.emulator.fetch(start.body.url);
  const html = await picker.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(m[1]!, decode(m[2]!));
  }
  const tenant = quorum.emulator.world.findTenant(account.split('@')[1]!)!;
  form.set('login_user', `${tenant.id}/${quorum.emulator.world.findUser(tenant, account)!.id}`);
  form.set('decision', 'signin');
  const action = new URL(
    decode(/<form method="post" action="([^"]+)"/.exec(html)![1]!),
    start.body.url,
  );
  const answer = await quorum.emulator.fetch(action.toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const redirect = new URL(answer.headers.get('location')!);
  const landed = await fetch(`${quorum.url}${redirect.pathname}${redirect.search}`);
  expect(landed.status).toBe(200);
  const member = (await quorum.services.members.all(orgId)).find((m) =>
    m.personalCalendars.some((p) => p.email === account),
  );
  if (!member) throw new Error(`no member has ${account} connected`);
  return member;
}

/** Writes an event into the personal account's own calendar through its delegated token. */
async function addPersonalEvent(member: Member, body: Record<string, unknown>): Promise<void> {
  const personal = member.personalCalendars[0]!;
  const graph = quorum.services.personalCalendars.graphFor(orgId, member.id, personal.id);
  await graph.post(personal.tenantId, '/me/events', body);
}

const read = async (email: string) => {
  const { status, body } = await quorum.api<{ attendees: Attendee[] }>(
    ADELE,
    'POST',
    '/api/schedule/availability',
    {
      attendees: [email],
      start: iso(monday),
      end: iso(monday + 5 * DAY),
    },
  );
  expect(status).toBe(200);
  return body.attendees[0]!;
};

beforeAll(async () => {
  quorum = await startQuorum();
  orgId = (await syncedContoso(quorum)).id;
  // Quorum's app must exist in Fabrikam for its users to sign in to it (delegated consent).
  await grantConsent(quorum.emulator, 'fabrikam.com');
  monday = nextMonday();
});
afterAll(async () => {
  await quorum.close();
});

describe('a member with a personal calendar of another tenant', () => {
  let adele: Member;

  beforeAll(async () => {
    adele = await connectPersonal(ADELE, 'sara.davis@fabrikam.com');
    expect(adele.personalCalendars[0]).toMatchObject({
      tenantId: TENANTS.fabrikam.id,
      status: 'connected',
    });
    await addPersonalEvent(adele, {
      subject: 'School run',
      start: { dateTime: iso(monday + 15 * H).slice(0, 19), timeZone: 'UTC' },
      end: { dateTime: iso(monday + 16 * H).slice(0, 19), timeZone: 'UTC' },
      showAs: 'busy',
    });
    const tuesday = iso(monday + DAY).slice(0, 10);
    const wednesday = iso(monday + 2 * DAY).slice(0, 10);
    await addPersonalEvent(adele, {
      subject: 'Day off',
      start: { dateTime: `${tuesday}T00:00:00`, timeZone: 'Eastern Standard Time' },
      end: { dateTime: `${wednesday}T00:00:00`, timeZone: 'Eastern Standard Time' },
      isAllDay: true,
      showAs: 'oof',
    });
  });

  it('is busy when the personal calendar is, with no subject', async () => {
    const a = await read('adele.vance@contoso.com');
    expect(a.availability).toBe('known');
    expect(a.busy).toContainEqual({
      start: iso(monday + 15 * H),
      end: iso(monday + 16 * H),
      status: 'busy',
      blocking: true,
    });
    expect(JSON.stringify(a)).not.toContain('School run');
  });

  it('places an all-day personal event on the member’s own date (Los Angeles)', async () => {
    const a = await read('adele.vance@contoso.com');
    expect(a.busy).toContainEqual({
      start: iso(localTime('America/Los_Angeles', monday + DAY, 0)),
      end: iso(localTime('America/Los_Angeles', monday + 2 * DAY, 0)),
      status: 'oof',
      blocking: true,
    });
  });

  it('turns unknown when Microsoft stops accepting the personal sign-in', async () => {
    await quorum.services.members.update(orgId, adele.id, (m) => ({
      ...m,
      personalCalendars: m.personalCalendars.map((p) => ({
        ...p,
        status: 'reauth_required' as const,
      })),
    }));
    try {
      expect(await read('adele.vance@contoso.com')).toMatchObject({
        availability: 'unknown',
        reason: 'personal_calendar_unavailable',
        busy: [],
      });
    } finally {
      await quorum.services.members.update(orgId, adele.id, (m) => ({
        ...m,
        personalCalendars: m.personalCalendars.map((p) => ({ ...p, status: 'connected' as const })),
      }));
    }
  });
});

describe('a guest whose only calendar is a personal one', () => {
  it('is unknown until they connect it, then read through it', async () => {
    expect(await read('pat.kowalski@fabrikam.com')).toMatchObject({
      availability: 'unknown',
      reason: 'guest_account',
    });
    const pat = await connectPersonal(PAT_GUEST, 'pat.kowalski@fabrikam.com');
    await addPersonalEvent(pat, {
      subject: 'Partner call',
      start: { dateTime: iso(monday + 2 * DAY + 14 * H).slice(0, 19), timeZone: 'UTC' },
      end: { dateTime: iso(monday + 2 * DAY + 15 * H).slice(0, 19), timeZone: 'UTC' },
    });
    const a = await read('pat.kowalski@fabrikam.com');
    expect(a.availability).toBe('known');
    expect(a.busy.map((b) => [b.start, b.status])).toContainEqual([
      iso(monday + 2 * DAY + 14 * H),
      'busy',
    ]);
  });
});
