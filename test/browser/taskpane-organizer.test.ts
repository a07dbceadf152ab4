// An admin's own meeting in the Outlook task pane (the demo, Megan Bowen — an owner of Contoso's
// Quorum org — as organizer): suggestions are asked for in her mailbox's time zone, which Outlook
// gives as userProfile.timeZone, not in the zone of the browser she happens to use; and she is
// counted as "You", never as an attendee Quorum cannot see.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MEGAN,
  openDemo,
  startPaneWorld,
  type DemoPage,
  type PaneWorld,
} from './taskpane-harness.js';

let world: PaneWorld;
let demo: DemoPage;
let mailboxZone: string;
const suggestionRequests: Request[] = [];

beforeAll(async () => {
  world = await startPaneWorld();
  const me = await world.quorum.api<{
    user: { role: string };
    calendar: { timeZone: string | null };
  }>({ tenant: 'contoso.com', upn: MEGAN }, 'GET', '/api/me');
  expect(me.body.user.role).toBe('owner');
  mailboxZone = me.body.calendar.timeZone!;
  // A browser far from the mailbox, as for someone travelling.
  const browserZone = mailboxZone === 'Asia/Tokyo' ? 'Europe/Lisbon' : 'Asia/Tokyo';
  demo = await openDemo(world, { timezoneId: browserZone });
  demo.context.on('request', (r) => {
    if (r.url().endsWith('/api/schedule/suggestions')) suggestionRequests.push(r);
  });
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe('the admin’s own appointment in the task pane', () => {
  it('asks for suggestions in the mailbox’s time zone, not the browser’s', async () => {
    // The first request may have gone out before the listener; change the meeting to send another.
    await demo.page.getByRole('button', { name: 'Remove Diego Siciliani' }).click();
    await expect.poll(() => suggestionRequests.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const body = suggestionRequests.at(-1)!.postDataJSON() as {
      organizerTimeZone: string;
      includeOrganizer: boolean;
      required: string[];
      optional: string[];
    };
    expect(mailboxZone).toMatch(/^[A-Za-z_]+\/[A-Za-z_]+/);
    expect(body.organizerTimeZone).toBe(mailboxZone);
    expect(
      await demo.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
    ).not.toBe(mailboxZone);
    expect(body.includeOrganizer).toBe(true);
    expect([...body.required, ...body.optional]).not.toContain(MEGAN);
  });

  it('shows the organizer as You beside the attendees, never as unknown', async () => {
    const best = demo.pane.locator('li[data-slot-start]').first();
    await best.getByText('Best').waitFor();
    const rows = await best
      .locator('li[data-availability]')
      .evaluateAll((els) =>
        els.map((e) => [e.textContent ?? '', e.getAttribute('data-availability')]),
      );
    const you = rows.filter(([text]) => text!.startsWith('You'));
    expect(you).toHaveLength(1);
    expect(you[0]![1]).not.toBe('unknown');
    expect(rows.some(([text]) => text!.includes('Megan'))).toBe(false);
    expect(await demo.pane.locator('li[data-reason]').allTextContents()).not.toContainEqual(
      expect.stringContaining('Megan'),
    );
  });

  it('ran without CSP violations or page errors', () => {
    expect(demo.problems.cspViolations).toEqual([]);
    expect(demo.problems.errors).toEqual([]);
  });
});
