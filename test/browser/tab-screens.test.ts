// Every main screen of the tab in light and dark themes: an axe-core scan (no serious or critical
// violations) and a screenshot under test-results/screenshots/. Also connects a second tenant
// through the consent popup, so the screens show several tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  launchBrowserFor,
  pickEmulatorAccount,
  screenshot,
  seriousAxeViolations,
  signInToTab,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, connectContoso, directorySettled, startTabQuorum } from './tab-harness.js';

const MEGAN = { tenant: 'contoso.com', upn: 'megan.bowen@contoso.com' };
const ADELE = { tenant: 'contoso.com', upn: 'adele.vance@contoso.com' };
const KIM = 'kim.akers@fabrikam.com';
const DAY = 86_400_000;

let quorum: TestQuorum;
let browser: Browser;
let admin: Page;
let member: Page;
let problems: PageProblems[] = [];

beforeAll(async () => {
  quorum = await startTabQuorum();
  await connectContoso(quorum);
  await directorySettled(quorum);
  await quorum.api(MEGAN, 'PATCH', '/api/org/settings', {
    serviceMailbox: 'events@contoso.com',
  });
  const start = new Date(Math.ceil(Date.now() / DAY) * DAY + 2 * DAY + 15 * 3_600_000);
  const booked = await quorum.api(ADELE, 'POST', '/api/meetings', {
    subject: 'Design review',
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    timeZone: 'UTC',
    attendees: [{ email: MEGAN.upn }, { email: 'alex.wilber@contoso.com', type: 'optional' }],
    teams: true,
  });
  expect(booked.status).toBe(201);
  const event = await quorum.api(MEGAN, 'POST', '/api/org/events', {
    subject: 'All hands',
    start: new Date(start.getTime() + DAY).toISOString(),
    end: new Date(start.getTime() + DAY + 3_600_000).toISOString(),
    timeZone: 'UTC',
    audience: { kind: 'list', emails: [ADELE.upn, 'alex.wilber@contoso.com'] },
    teams: true,
  });
  expect(event.status).toBe(202);

  browser = await launchBrowserFor(quorum);
  const viewport = { width: 1280, height: 900 };
  const adminContext = await browser.newContext({ viewport });
  const memberContext = await browser.newContext({ viewport });
  problems = [await watchProblems(adminContext), await watchProblems(memberContext)];
  admin = await adminContext.newPage();
  member = await memberContext.newPage();
  await signInToTab(admin, quorum.httpsUrl!, MEGAN.upn);
  await signInToTab(member, quorum.httpsUrl!, ADELE.upn);
}, 180_000);

afterAll(() => closeTab(browser, quorum));

describe('several tenants', { timeout: 90_000 }, () => {
  it('connects a second tenant through the consent popup', async () => {
    await admin.getByRole('tab', { name: 'Connections' }).click();
    const [popup] = await Promise.all([
      admin.waitForEvent('popup'),
      admin.getByRole('button', { name: 'Grant admin consent now' }).click(),
    ]);
    await pickEmulatorAccount(popup, KIM);
    if (popup.url().includes('/oauth2/v2.0/authorize')) await pickEmulatorAccount(popup, KIM);
    await expect.poll(() => popup.locator('h1').innerText()).toMatch(/Fabrikam is connected/);
    // The page may close itself once it has told the tab, leaving nothing to click; after
    // Microsoft's pages it may also no longer be script-closable, and then the admin closes it.
    // Either way the assertion below (the tab lists Fabrikam) is what this test checks.
    if (!popup.isClosed()) {
      await popup
        .getByRole('button', { name: 'Close this window' })
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    }
    if (!popup.isClosed()) await popup.close();
    await expect
      .poll(() => admin.getByRole('list', { name: 'Tenant connections' }).innerText(), {
        timeout: 20_000,
      })
      .toMatch(/Contoso[\s\S]*Fabrikam|Fabrikam[\s\S]*Contoso/);
  });
});

interface Screen {
  name: string;
  page: () => Page;
  tab: string;
  /** Waits until the screen shows its data. */
  ready: (page: Page) => Promise<unknown>;
}

const SCREENS: Screen[] = [
  {
    name: 'admin-overview',
    page: () => admin,
    tab: 'Overview',
    ready: (p) => p.getByRole('button', { name: /^Connected \d+ members?$/ }).waitFor(),
  },
  {
    name: 'admin-members',
    page: () => admin,
    tab: 'Members',
    ready: (p) => p.getByRole('row', { name: /adele\.vance@contoso\.com/ }).waitFor(),
  },
  {
    name: 'admin-connections',
    page: () => admin,
    tab: 'Connections',
    ready: (p) => p.getByRole('group', { name: 'Connection Fabrikam' }).waitFor(),
  },
  {
    name: 'admin-settings',
    page: () => admin,
    tab: 'Settings',
    ready: (p) => p.getByRole('region', { name: 'Admins' }).getByText(MEGAN.upn).waitFor(),
  },
  {
    name: 'admin-audit-log',
    page: () => admin,
    tab: 'Audit log',
    ready: (p) => p.getByRole('cell', { name: 'Connection enabled' }).first().waitFor(),
  },
  {
    name: 'admin-org-events',
    page: () => admin,
    tab: 'Org events',
    ready: (p) => p.getByText('All hands').waitFor(),
  },
  {
    name: 'member-my-calendar',
    page: () => member,
    tab: 'My calendar',
    ready: (p) => p.getByRole('group', { name: 'Calendars checked for conflicts' }).waitFor(),
  },
  {
    name: 'member-schedule',
    page: () => member,
    tab: 'Schedule',
    ready: async (p) => {
      if (await p.getByRole('list', { name: 'Suggested times' }).isVisible()) return;
      await p.getByRole('textbox', { name: 'Subject' }).fill('Quarterly planning');
      const required = p.getByRole('textbox', { name: 'Required attendees' });
      for (const email of [MEGAN.upn, 'diego.siciliani@contoso.com']) {
        await required.fill(email);
        await required.press('Enter');
      }
      await p.getByRole('checkbox', { name: 'Book a room' }).check();
      await p.getByRole('button', { name: 'Find times' }).click();
      await p.getByRole('list', { name: 'Suggested times' }).waitFor({ timeout: 20_000 });
    },
  },
  {
    name: 'member-my-meetings',
    page: () => member,
    tab: 'My meetings',
    ready: (p) => p.getByText('Design review').waitFor(),
  },
];

/** Emulates the operating system's theme; the tab follows it (no reload). */
async function useSystemTheme(page: Page, theme: 'light' | 'dark' | 'contrast'): Promise<void> {
  await page.emulateMedia(
    theme === 'contrast'
      ? { forcedColors: 'active', colorScheme: 'dark' }
      : { forcedColors: 'none', colorScheme: theme },
  );
}

describe.each(['light', 'dark'] as const)('the %s theme', (theme) => {
  it.each(SCREENS.map((s) => [s.name, s] as const))(
    'shows %s accessibly',
    async (name, screen) => {
      const page = screen.page();
      await useSystemTheme(page, theme);
      await page.getByRole('tab', { name: screen.tab }).click();
      await screen.ready(page);
      await expect
        .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
        .toBe(theme);
      // Let Fluent's enter animations finish before the picture.
      await page.waitForTimeout(400);
      await screenshot(page, `tab-${name}-${theme}`);
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
    60_000,
  );
});

describe('high contrast', { timeout: 60_000 }, () => {
  it('follows forced colours with the Teams high-contrast theme', async () => {
    await useSystemTheme(admin, 'contrast');
    await admin.getByRole('tab', { name: 'Members' }).click();
    await admin.getByRole('row', { name: /adele\.vance@contoso\.com/ }).waitFor();
    await expect
      .poll(() => admin.evaluate(() => document.documentElement.dataset.theme))
      .toBe('contrast');
    await admin.waitForTimeout(400);
    await screenshot(admin, 'tab-admin-members-contrast');
    expect(await seriousAxeViolations(admin)).toEqual([]);
    await useSystemTheme(admin, 'light');
  });

  it('lets a browser user pick a theme from the header, and go back to the system’s', async () => {
    const pick = async (name: string) => {
      await admin.getByRole('button', { name: 'Theme' }).click();
      await admin.getByRole('menuitemradio', { name }).click();
    };
    const theme = () => admin.evaluate(() => document.documentElement.dataset.theme);
    await pick('High contrast');
    await expect.poll(theme).toBe('contrast');
    await pick('Dark');
    await expect.poll(theme).toBe('dark');
    await pick('Match system');
    await expect.poll(theme).toBe('light');
  });
});

describe('the pages', () => {
  it('had no CSP violations and no script errors', () => {
    for (const p of problems) {
      expect(p.cspViolations).toEqual([]);
      expect(p.errors).toEqual([]);
    }
  });
});
