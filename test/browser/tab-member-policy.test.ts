// The member disconnect policy (DESIGN J3) through the tab: a member cannot disconnect the
// org-managed calendar until an admin allows it in Settings; then they can, both see it as
// member_disconnected (the member's view, the admin's table and reason filter), and they reconnect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { REASONS } from '../../server/domain/reasons.js';
import {
  launchBrowserFor,
  screenshot,
  signInToTab,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, connectContoso, startTabQuorum } from './tab-harness.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = 'adele.vance@contoso.com';

let quorum: TestQuorum;
let browser: Browser;
let admin: Page;
let member: Page;
let problems: PageProblems;

beforeAll(async () => {
  quorum = await startTabQuorum();
  await connectContoso(quorum);
  browser = await launchBrowserFor(quorum);
  // Two people, two browser profiles.
  const adminContext = await browser.newContext();
  const memberContext = await browser.newContext();
  problems = await watchProblems(memberContext);
  admin = await adminContext.newPage();
  member = await memberContext.newPage();
}, 120_000);

afterAll(() => closeTab(browser, quorum));

const calendarSection = () => member.getByRole('region', { name: 'My calendar' });

describe('the member disconnect policy', { timeout: 90_000 }, () => {
  it('keeps a member’s org-managed calendar connected while the org does not allow it', async () => {
    await signInToTab(member, quorum.httpsUrl!, ADELE);
    await expect
      .poll(() => member.getByRole('tab', { name: 'My calendar' }).isVisible())
      .toBe(true);
    expect(await member.getByRole('tab', { name: 'Members' }).count()).toBe(0);
    await expect.poll(() => calendarSection().innerText()).toMatch(/only an admin can turn it off/);
    expect(await member.getByRole('button', { name: 'Disconnect my calendar' }).count()).toBe(0);
  });

  it('lets an admin allow disconnecting in Settings', async () => {
    await signInToTab(admin, quorum.httpsUrl!, MEGAN.upn);
    await admin.getByRole('tab', { name: 'Settings' }).click();
    const policy = admin.getByRole('switch', {
      name: 'Members may disconnect their org-managed calendar',
    });
    await policy.check();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => admin.getByText('Settings saved').first().isVisible()).toBe(true);
    await expect(admin.getByRole('button', { name: 'Save settings' }).isDisabled()).resolves.toBe(
      true,
    );
  });

  it('then lets the member disconnect, and shows why their calendar is not read', async () => {
    await member.reload();
    const disconnect = member.getByRole('button', { name: 'Disconnect my calendar' });
    await disconnect.click();
    await member
      .getByRole('dialog', { name: 'Disconnect your calendar?' })
      .getByRole('button', { name: 'Disconnect' })
      .click();
    const reconnect = member.getByRole('button', { name: 'Reconnect my calendar' });
    await reconnect.waitFor();
    const me = await quorum.api<{ calendar: { disconnected: boolean; reason: string } }>(
      { tenant: 'contoso.com', upn: ADELE },
      'GET',
      '/api/me',
    );
    expect(me.body.calendar).toMatchObject({ disconnected: true, reason: 'member_disconnected' });
    // The server's status, reason and fix, not words of the tab's own.
    const { summary, fix } = REASONS.member_disconnected;
    const shown = await calendarSection().innerText();
    expect(shown).toMatch(/^My calendar\s+Not connected\s+Disconnected by the member\s+Since /);
    expect(shown).toContain(summary);
    expect(shown).toContain(`What to do: ${fix}`);
    await screenshot(member, 'tab-member-calendar-disconnected-light');
  });

  it('shows the disconnected member in the admin’s member table, under its own reason', async () => {
    await admin.getByRole('tab', { name: 'Members' }).click();
    const reason = admin.getByRole('combobox', { name: 'Reason' });
    await expect
      .poll(() => reason.locator('option[value="member_disconnected"]').innerText())
      .toBe('Disconnected by the member');
    await reason.selectOption('member_disconnected');
    const rows = admin.getByRole('row').filter({ hasText: '@' });
    await expect.poll(() => rows.allInnerTexts()).toHaveLength(1);
    const adele = await rows.first().innerText();
    expect(adele).toContain(ADELE);
    expect(adele).toContain('Not connected');
    expect(adele).toContain(REASONS.member_disconnected.summary);
    expect(adele).toContain(`Fix: ${REASONS.member_disconnected.fix}`);
    expect(
      await admin
        .getByRole('status')
        .filter({ hasText: /members?$/ })
        .innerText(),
    ).toBe('1 member');
    // A long fix ends in an ellipsis inside its cell instead of running over the next column.
    const cell = rows.first().getByRole('cell').filter({ hasText: 'Fix:' });
    const [cellBox, fixBox] = await Promise.all([
      cell.boundingBox(),
      cell.getByText(/^Fix: /).boundingBox(),
    ]);
    expect(fixBox!.x + fixBox!.width).toBeLessThanOrEqual(cellBox!.x + cellBox!.width + 0.5);
    await screenshot(admin, 'tab-admin-members-member-disconnected-light');
  });

  it('lets the member reconnect', async () => {
    await member.getByRole('button', { name: 'Reconnect my calendar' }).click();
    await member.getByRole('button', { name: 'Disconnect my calendar' }).waitFor();
    expect(await calendarSection().innerText()).not.toContain('Disconnected by the member');
  });

  it('kept the member’s page free of CSP violations and script errors', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
