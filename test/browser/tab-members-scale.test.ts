// The member table at 50,000 members: only the rows on screen exist in the DOM, only the blocks
// on screen are fetched (offset/limit), and jumping to the end shows the last member at once.
// The member API is answered by a generated directory here; everything else is the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { launchBrowserFor, screenshot, signInToTab } from '../support/browser.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, connectContoso, startTabQuorum } from './tab-harness.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const TOTAL = 50_000;

let quorum: TestQuorum;
let browser: Browser;
let page: Page;
const requested: { offset: number; limit: number }[] = [];

function member(i: number) {
  const n = String(i + 1).padStart(5, '0');
  return {
    id: `m-${n}`,
    displayName: `Member ${n}`,
    email: `member.${n}@contoso.com`,
    role: 'member',
    source: 'directory',
    status: i % 10 === 0 ? 'needs_attention' : 'connected',
    reason: i % 10 === 0 ? 'outside_access_scope' : 'connected',
    summary: i % 10 === 0 ? 'Outside the access scope.' : 'Connected.',
    fix: i % 10 === 0 ? 'Add the member to the scope.' : null,
    checkedAt: new Date().toISOString(),
    retryAt: null,
    requestId: null,
    timeZone: 'Europe/London',
    workingHours: null,
  };
}

async function answerMembers(route: Route): Promise<void> {
  const url = new URL(route.request().url());
  const offset = Number(url.searchParams.get('offset'));
  const limit = Number(url.searchParams.get('limit'));
  requested.push({ offset, limit });
  const items = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, k) =>
    member(offset + k),
  );
  await route.fulfill({ json: { total: TOTAL, offset, limit, items } });
}

beforeAll(async () => {
  quorum = await startTabQuorum();
  await connectContoso(quorum);
  browser = await launchBrowserFor(quorum);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.route(/\/api\/org\/members\?/, answerMembers);
  await signInToTab(page, quorum.httpsUrl!, MEGAN.upn);
}, 120_000);

afterAll(() => closeTab(browser, quorum));

const rows = () =>
  page.locator('[role="rowgroup"] [role="row"][aria-rowindex]:not([aria-rowindex="1"])');

describe('the member table with 50,000 members', { timeout: 60_000 }, () => {
  it('renders only the rows on screen and fetches only the first block', async () => {
    await page.getByRole('tab', { name: 'Members' }).click();
    await page.getByRole('row', { name: /member\.00001@contoso\.com/ }).waitFor();
    await expect(page.getByRole('status').innerText()).resolves.toBe('50,000 members');
    expect(await page.getByRole('table', { name: 'Members' }).getAttribute('aria-rowcount')).toBe(
      String(TOTAL + 1),
    );
    expect(await rows().count()).toBeLessThan(40);
    expect(requested).toEqual([{ offset: 0, limit: 100 }]);
  });

  it('jumps to the end with a handful of requests and still few rows in the DOM', async () => {
    const table = page.getByRole('table', { name: 'Members' });
    const started = Date.now();
    await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await page.getByRole('row', { name: /member\.50000@contoso\.com/ }).waitFor();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await rows().count()).toBeLessThan(40);
    expect(requested.map((r) => r.offset)).toEqual([0, 49_900]);
    await screenshot(page, 'tab-admin-members-50k-end-light');
  });

  it('keeps scrolling smooth: frames stay short while scrolling fast through the middle', async () => {
    const table = page.getByRole('table', { name: 'Members' });
    await table.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await page
      .getByRole('row', { name: /member\.250\d\d@contoso\.com/ })
      .first()
      .waitFor();
    // 240 frames at 400 px per frame: about 24,000 px (300 rows) a second, a fast flick.
    const frames = await table.evaluate(async (el) => {
      const times: number[] = [];
      let last = performance.now();
      for (let step = 0; step < 240; step++) {
        el.scrollTop += 400;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times;
    });
    const long = frames.filter((t) => t > 50).length;
    expect(long, `frame times: ${frames.map((t) => Math.round(t)).join(' ')}`).toBeLessThan(
      frames.length * 0.05,
    );
    expect(await rows().count()).toBeLessThan(40);
  });
});
