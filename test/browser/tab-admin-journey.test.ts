// The admin journey in the Teams tab, outside Teams against the emulator (DESIGN J1–J2): sign in,
// hand out the activation link, a tenant admin consents, statuses fill in, filter, read the fix,
// fix it at "Microsoft", re-check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowserFor,
  pickEmulatorAccount,
  signInToTab,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { control } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, startTabQuorum } from './tab-harness.js';

const MEGAN = 'megan.bowen@contoso.com';
const DIEGO = 'diego.siciliani@contoso.com';

let quorum: TestQuorum;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  quorum = await startTabQuorum();
  browser = await launchBrowserFor(quorum);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  problems = await watchProblems(context);
  page = await context.newPage();
}, 120_000);

afterAll(() => closeTab(browser, quorum));

/** The number on a status tile of the overview. */
async function tileCount(name: string): Promise<number> {
  const text = await page
    .getByRole('button', { name: new RegExp(`^${name} [\\d,]+ members?$`) })
    .innerText();
  return Number(/([\d,]+) members?/.exec(text)?.[1]?.replace(/,/g, ''));
}

describe('the admin journey on the emulator', { timeout: 90_000 }, () => {
  it('signs a tenant admin in with authorization code + PKCE and asks to connect the tenant', async () => {
    await signInToTab(page, quorum.httpsUrl!, MEGAN);
    await expect.poll(() => page.getByRole('banner').innerText()).toContain('Megan Bowen');
    await expect
      .poll(() => page.getByText('Connect your Microsoft 365 tenant').isVisible())
      .toBe(true);
  });

  it('hands out an activation link that a tenant admin opens to consent', async () => {
    await page.getByRole('tab', { name: 'Connections' }).click();
    await page.getByRole('button', { name: 'Create activation link' }).click();
    const field = page.getByRole('textbox', { name: 'Activation link' });
    await field.waitFor();
    const link = await field.inputValue();
    expect(new URL(link).pathname).toBe('/organizations/v2.0/adminconsent');

    // The tenant admin opens the link in their own browser window.
    const admin = await context.newPage();
    await admin.goto(link);
    await pickEmulatorAccount(admin, MEGAN);
    // Quorum may ask the consenting admin to sign in, proving they administer the tenant.
    if (admin.url().includes('/oauth2/v2.0/authorize')) await pickEmulatorAccount(admin, MEGAN);
    await expect.poll(() => admin.locator('h1').innerText()).toMatch(/Contoso is connected/);
    await admin.close();
  });

  it('shows the connection and fills in every member’s status', async () => {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await expect.poll(() => tileCount('Connected'), { timeout: 60_000 }).toBeGreaterThan(30);
    await expect.poll(() => tileCount('Checking'), { timeout: 60_000 }).toBe(0);
    expect(await tileCount('Not connected')).toBeGreaterThan(0);
    await expect(
      page.getByRole('region', { name: 'Tenant connections' }).innerText(),
    ).resolves.toMatch(/Contoso\s*Healthy/);
  });

  it('filters the member table from a tile and shows the reason and its fix', async () => {
    await page.getByRole('button', { name: /^Not connected \d+ members?$/ }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Status' }).inputValue())
      .toBe('not_connected');
    const diego = page.getByRole('row', { name: /Diego Siciliani/ });
    await expect.poll(() => diego.innerText()).toMatch(/account is disabled/);
    await expect(diego.innerText()).resolves.toMatch(/Fix: Re-enable the account/);
    // Every row of this filter is not connected.
    const statuses = await page.getByRole('row').filter({ hasText: '@' }).allInnerTexts();
    expect(statuses.length).toBeGreaterThan(0);
    for (const row of statuses) expect(row).toContain('Not connected');

    await page.getByRole('button', { name: 'Diego Siciliani', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Diego Siciliani' });
    await expect(dialog.innerText()).resolves.toMatch(/How to fix it\s*Re-enable the account/);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('narrows by reason and search', async () => {
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await page.getByRole('combobox', { name: 'Reason' }).selectOption('no_mailbox');
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: '@' }).allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringMatching(/Exchange Online/)]));
    await page.getByRole('combobox', { name: 'Reason' }).selectOption('');
    await page.getByRole('searchbox', { name: 'Search' }).fill('diego');
    await expect.poll(() => page.getByRole('row').filter({ hasText: '@' }).count()).toBe(1);
  });

  it('re-checks a member after the fix and shows them connected', async () => {
    const res = await control(quorum.emulator, 'PATCH', `/tenants/contoso.com/users/${DIEGO}`, {
      accountEnabled: true,
    });
    expect(res.status).toBeLessThan(300);
    await page.getByRole('button', { name: 'Re-check Diego Siciliani' }).click();
    const diego = page.getByRole('row', { name: /Diego Siciliani/ });
    await expect.poll(() => diego.innerText(), { timeout: 20_000 }).toMatch(/Connected/);
  });

  it('kept the page free of CSP violations and script errors', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
