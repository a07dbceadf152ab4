// The consent result page in Chromium (issue 4): a Quorum page in another window hears the outcome
// on the `quorum-consent` BroadcastChannel at once, whether the consent was declined or granted;
// and when the popup's opener is another origin (as Teams' authentication window is), the page
// loads teams-js from Quorum under its strict CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  launchBrowserFor,
  pickEmulatorAccount,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { TENANTS } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, contosoWithoutConnection, startTabQuorum } from './tab-harness.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };

let quorum: TestQuorum;
let browser: Browser;
let context: BrowserContext;
let problems: PageProblems;
/** A Quorum page in its own window, listening on the channel. */
let listener: Page;

beforeAll(async () => {
  quorum = await startTabQuorum();
  await contosoWithoutConnection(quorum);
  browser = await launchBrowserFor(quorum);
  context = await browser.newContext();
  problems = await watchProblems(context);
  listener = await context.newPage();
  await listener.goto(`${quorum.httpsUrl}/healthz`);
  await listener.evaluate(() => {
    const heard: unknown[] = [];
    (window as unknown as { heard: unknown[] }).heard = heard;
    new BroadcastChannel('quorum-consent').onmessage = (e: MessageEvent) => heard.push(e.data);
  });
}, 120_000);

afterAll(() => closeTab(browser, quorum));

async function consentLink(mode: 'page' | 'popup'): Promise<string> {
  const res = await quorum.api<{ url: string }>(
    MEGAN,
    'POST',
    '/api/org/connections/consent-link',
    { mode },
  );
  expect(res.status).toBe(201);
  return res.body.url;
}

async function takeHeard(): Promise<Record<string, unknown>[]> {
  return listener.evaluate(() => {
    const w = window as unknown as { heard: Record<string, unknown>[] };
    return w.heard.splice(0);
  });
}

describe('the consent result page', { timeout: 90_000 }, () => {
  it('announces a declined consent on the quorum-consent channel', async () => {
    const admin = await context.newPage();
    await admin.goto(await consentLink('page'));
    await admin.locator('button[name="decision"][value="cancel"]').click();
    await admin.waitForURL(`${quorum.httpsUrl}/consent/callback**`);
    await expect
      .poll(takeHeard)
      .toEqual([
        expect.objectContaining({ type: 'quorum:consent', ok: false, code: 'ERR_CONSENT_DENIED' }),
      ]);
    await expect(admin.getByRole('link', { name: 'Return to Quorum' }).count()).resolves.toBe(1);
    await admin.close();
  });

  it('announces a granted consent, and loads teams-js for an opener of another origin', async () => {
    // The popup's opener is a page of another origin (Quorum over plain HTTP on 127.0.0.1), as
    // Teams' window would be.
    const opener = await context.newPage();
    await opener.goto(`${quorum.url}/healthz`);
    const link = await consentLink('popup');
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      opener.evaluate((url) => void window.open(url, 'consent', 'popup'), link),
    ]);
    await pickEmulatorAccount(popup, MEGAN.upn);
    if (popup.url().includes('/oauth2/v2.0/authorize')) await pickEmulatorAccount(popup, MEGAN.upn);
    await popup.waitForURL(`${quorum.httpsUrl}/consent/callback**`);
    await expect.poll(() => popup.locator('h1').innerText()).toMatch(/Contoso is connected/);

    await expect.poll(takeHeard).toEqual([
      expect.objectContaining({
        type: 'quorum:consent',
        ok: true,
        status: 'connected',
        tenantId: TENANTS.contoso.id,
      }),
    ]);
    await expect
      .poll(() =>
        popup.evaluate(() => typeof (window as { microsoftTeams?: unknown }).microsoftTeams),
      )
      .toBe('object');
    expect(problems.cspViolations).toEqual([]);
  });
});
