// An org holding two tenants (Contoso and Fabrikam): each tenant's attendees are read through that
// tenant's connection and an anchor mailbox of its own; a getSchedule chunk that keeps failing
// with 503 makes only its attendees unknown — never free — while the other tenant's are read; and
// an admin's free/busy policy decides what blocks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control } from '../support/emulator.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';
import { connectTenant, syncThroughApi } from '../directory/support.js';
import type { Organization } from '../../server/domain/types.js';
import { ADELE, iso, MEGAN, nextMonday } from './schedule-fixtures.js';

interface Attendee {
  email: string;
  availability: 'known' | 'unknown';
  reason: string | null;
  busy: { status: string; blocking: boolean }[];
}

const DAY = 86_400_000;
let quorum: TestQuorum;
let org: Organization;
let monday: number;

const PEOPLE = [
  'dana.birkby@fabrikam.com',
  'eric.gruber@fabrikam.com',
  'adele.vance@contoso.com',
  'daniel.kim@contoso.com',
];

const availability = () =>
  quorum.api<{ attendees: Attendee[] }>(ADELE, 'POST', '/api/schedule/availability', {
    attendees: PEOPLE,
    start: iso(monday),
    end: iso(monday + 5 * DAY),
  });

beforeAll(async () => {
  quorum = await startQuorum();
  ({ org } = await connectTenant(quorum, 'contoso.com'));
  await connectTenant(quorum, 'fabrikam.com', { org });
  await quorum.api(MEGAN, 'GET', '/api/org/status');
  await syncThroughApi(quorum, MEGAN);
  monday = nextMonday();
});
afterAll(async () => {
  await quorum.close();
});

describe('an org with two tenants', () => {
  it('reads each tenant’s members through its own connection', async () => {
    await control(quorum.emulator, 'DELETE', '/stats');
    const { status, body } = await availability();
    expect(status).toBe(200);
    expect(body.attendees.map((a) => [a.email, a.availability])).toEqual(
      PEOPLE.map((p) => [p, 'known']),
    );
    const stats = await control<{ byRoute: Record<string, Record<string, number>> }>(
      quorum.emulator,
      'GET',
      '/stats',
    );
    // One call per tenant (each chunk holds one tenant's addresses).
    expect(stats.body.byRoute['POST /users/:user/calendar/getSchedule']).toEqual({ '200': 2 });
  });

  it('makes the attendees of a chunk that keeps failing with 503 unknown, and only them', async () => {
    const fabrikam = quorum.emulator.world.findTenant('fabrikam.com')!;
    const dana = fabrikam.users.find((u) => u.userPrincipalName === 'dana.birkby@fabrikam.com')!;
    // Dana is the first Fabrikam attendee, so her mailbox anchors Fabrikam's getSchedule.
    await control(quorum.emulator, 'POST', '/faults', {
      status: 503,
      rate: 1,
      retryAfter: 0,
      pathPattern: `/users/${dana.id}/calendar/getSchedule`,
    });
    try {
      const { body } = await availability();
      expect(body.attendees.map((a) => [a.email, a.availability, a.reason])).toEqual([
        ['dana.birkby@fabrikam.com', 'unknown', 'throttled'],
        ['eric.gruber@fabrikam.com', 'unknown', 'throttled'],
        ['adele.vance@contoso.com', 'known', null],
        ['daniel.kim@contoso.com', 'known', null],
      ]);
      const suggestions = await quorum.api<{
        suggestions: { attendees: { email: string; availability: string }[] }[];
        unknown: { email: string; reason: string }[];
      }>(ADELE, 'POST', '/api/schedule/suggestions', {
        required: PEOPLE,
        durationMinutes: 30,
        start: iso(monday),
        end: iso(monday + DAY),
      });
      expect(suggestions.body.unknown.map((u) => [u.email, u.reason])).toEqual([
        ['dana.birkby@fabrikam.com', 'throttled'],
        ['eric.gruber@fabrikam.com', 'throttled'],
      ]);
      for (const slot of suggestions.body.suggestions) {
        for (const a of slot.attendees.filter((x) => x.email.endsWith('@fabrikam.com'))) {
          expect(a.availability).toBe('unknown');
        }
      }
    } finally {
      await control(quorum.emulator, 'DELETE', '/faults');
    }
  });
});

describe('the org’s free/busy policy', () => {
  it('blocks tentative time by default and lets an admin stop it from blocking', async () => {
    const tentative = async () =>
      (await availability()).body.attendees
        .find((a) => a.email === 'daniel.kim@contoso.com')!
        .busy.filter((b) => b.status === 'tentative')
        .map((b) => b.blocking);
    expect(new Set(await tentative())).toEqual(new Set([true]));
    await quorum.services.orgs.updateSettings(org.id, {
      freeBusyPolicy: { blocking: ['busy', 'oof'], unknownBlocks: true },
    });
    try {
      expect(new Set(await tentative())).toEqual(new Set([false]));
    } finally {
      await quorum.services.orgs.updateSettings(org.id, {
        freeBusyPolicy: { blocking: ['busy', 'tentative', 'oof'], unknownBlocks: true },
      });
    }
  });
});
