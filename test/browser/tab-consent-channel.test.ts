// The tab hears consent results on the `quorum-consent` BroadcastChannel: a tenant administrator
// finishes the activation link in another window of the same browser, and the admin's open
// Connections page shows the new connection at once, with no polling running to find it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowserFor,
  pickEmulatorAccount,
  signInToTab,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, contosoWithoutConnection, startTabQuorum } from './tab-harness.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

let quorum: TestQuorum;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;
let tab: Page;

beforeAll(async () => {
  quorum = await startTabQuorum();
  await contosoWithoutConnection(quorum);
  browser = await launchBrowserFor(quorum);
  context = await browser.newContext();
  problems = await watchProblems(context);
  tab = await context.newPage();
}, 120_000);

afterAll(() => closeTab(browser, quorum));

const cards = () => tab.getByRole('list', { name: 'Tenant connections' }).getByRole('listitem');

describe('the Connections page and the quorum-consent channel', { timeout: 90_000 }, () => {
  it('shows no connection while nothing is being verified or watched', async () => {
    await signInToTab(tab, quorum.httpsUrl!, MEGAN.upn);
    await tab.getByRole('tab', { name: 'Connections' }).click();
    await tab.getByRole('list', { name: 'Tenant connections' }).waitFor({ state: 'attached' });
    expect(await cards().count()).toBe(0);
  });

  it('shows the tenant connected in another window as soon as its result page announces it', async () => {
    const link = await quorum.api<{ url: string }>(
      MEGAN,
      'POST',
      '/api/org/connections/consent-link',
      { mode: 'page' },
    );
    const other = await context.newPage();
    await other.goto(link.body.url);
    await pickEmulatorAccount(other, MEGAN.upn);
    if (other.url().includes('/oauth2/v2.0/authorize')) await pickEmulatorAccount(other, MEGAN.upn);
    await other.waitForURL(`${quorum.httpsUrl}/consent/callback**`);
    await expect.poll(() => other.locator('h1').innerText()).toMatch(/Contoso is connected/);
    // Well inside the 2 s of the fastest poll, which is not even running here.
    await expect
      .poll(() => cards().allInnerTexts(), { timeout: 1_500, interval: 100 })
      .toEqual([expect.stringMatching(/Contoso[\s\S]*Healthy/)]);
    await other.close();
  });

  it('kept the pages free of CSP violations and script errors', () => {
    expect(problems.cspViolations).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
