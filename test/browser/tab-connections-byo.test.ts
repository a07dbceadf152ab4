// An admin brings their own app registration through the tab (DESIGN J1.3, J3): a client secret
// (save → verify → turn on → CSV export of the members it reads → turn off → rotate → delete), then a
// certificate Quorum generates, whose public half the admin downloads and registers on the app.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER } from '../../server/directory/members-csv.js';
import {
  launchBrowserFor,
  screenshot,
  signInToTab,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { control, TENANTS } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';
import { closeTab, startTabQuorum } from './tab-harness.js';

const MEGAN = 'megan.bowen@contoso.com';
/** A display name a spreadsheet would run as a formula, were it not defused. */
const FORMULA_NAME = '=HYPERLINK("https://evil.example","Nestor")';

interface ByoApp {
  appId: string;
  clientSecret: string;
  secretExpiresAt: string;
}

let quorum: TestQuorum;
let browser: Browser;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  quorum = await startTabQuorum();
  const renamed = await control(
    quorum.emulator,
    'PATCH',
    '/tenants/contoso.com/users/nestor.wilke@contoso.com',
    {
      displayName: FORMULA_NAME,
    },
  );
  expect(renamed.status).toBe(200);
  browser = await launchBrowserFor(quorum);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  problems = await watchProblems(context);
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signInToTab(page, quorum.httpsUrl!, MEGAN);
}, 120_000);

afterAll(() => closeTab(browser, quorum));

async function byoApp(displayName: string): Promise<ByoApp> {
  const res = await control<ByoApp>(quorum.emulator, 'POST', '/apps', {
    tenant: 'contoso.com',
    displayName,
  });
  expect(res.status).toBe(201);
  return res.body;
}

const card = (name: string): Locator => page.getByRole('group', { name: `Connection ${name}` });
const cardText = (name: string) => () => card(name).innerText();

/** The on/off switch answers once Quorum has turned the connection on or off (a controlled input). */
async function turn(name: string, on: boolean): Promise<void> {
  const toggle = card(name).getByRole('switch');
  expect(await toggle.isChecked()).toBe(!on);
  await toggle.click();
  await expect.poll(() => toggle.isChecked(), { timeout: 20_000 }).toBe(on);
}

/** Opens "Use your own app registration", fills the ids and picks the credential kind. */
async function openByoForm(app: ByoApp, name: string, kind: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Use your own app registration' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your own app registration' });
  await dialog.getByRole('textbox', { name: 'Directory (tenant) id' }).fill(TENANTS.contoso.id);
  await dialog.getByRole('textbox', { name: 'Application (client) id' }).fill(app.appId);
  await dialog.getByRole('textbox', { name: 'Name shown in Quorum' }).fill(name);
  await dialog.getByRole('radio', { name: kind }).check();
  return dialog;
}

async function verify(name: string, expected: RegExp): Promise<void> {
  await card(name).getByRole('button', { name: 'Verify now' }).click();
  await expect.poll(cardText(name), { timeout: 20_000 }).toMatch(expected);
}

async function downloadOf(trigger: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), trigger()])) as [
    Download,
    void,
  ];
  return {
    name: download.suggestedFilename(),
    text: await readFile(await download.path(), 'utf8'),
  };
}

describe('bring your own app registration with a client secret', { timeout: 90_000 }, () => {
  const NAME = 'Contoso (own secret)';
  let app: ByoApp;

  it('says what is wrong, then saves the connection turned off and not verified', async () => {
    app = await byoApp('Contoso calendars (secret)');
    await page.getByRole('tab', { name: 'Connections' }).click();
    const dialog = await openByoForm({ ...app, appId: 'the app name' }, NAME, 'A client secret');
    await dialog.getByLabel('Client secret value').fill(app.clientSecret);
    await dialog.getByLabel('Expires on').fill(app.secretExpiresAt.slice(0, 10));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').innerText())
      .toBe('The client id is a GUID (app registration → Overview).');
    await dialog.getByRole('textbox', { name: 'Application (client) id' }).fill(app.appId);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await card(NAME).waitFor();
    expect(await dialog.count()).toBe(0);
    await expect.poll(cardText(NAME)).toMatch(/Not verified/);
    expect(await cardText(NAME)()).toMatch(/Client secret of your app \(client id [0-9a-f-]{36}\)/);
    expect(await card(NAME).getByRole('switch').isChecked()).toBe(false);
  });

  it('verifies it and turns it on, and the directory fills in', async () => {
    await verify(NAME, /Healthy/);
    await turn(NAME, true);
    // The first directory read runs in the background; the admin refreshes the table.
    await page.getByRole('tab', { name: 'Members' }).click();
    const nestor = page.getByRole('row', { name: /nestor\.wilke@contoso\.com/ });
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh', exact: true }).click();
          return nestor.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
  });

  it('exports the member table as CSV whose cells cannot run as formulas', async () => {
    const csv = await downloadOf(() => page.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(/\.csv$/);
    // A byte order mark first, so that Excel reads the file as UTF-8.
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const lines = csv.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    const nestor = lines.find((l) => l.includes('nestor.wilke@contoso.com'));
    expect(nestor).toBeDefined();
    // The formula gets a leading apostrophe and, holding quotes and a comma, is quoted itself.
    expect(nestor!.startsWith(`"'=HYPERLINK(""https://evil.example"",""Nestor"")",`)).toBe(true);
    expect(lines.filter((l) => l.includes('@contoso.com')).length).toBeGreaterThan(20);
  });

  it('turns it off, and rotating the secret asks for verification again', async () => {
    await page.getByRole('tab', { name: 'Connections' }).click();
    await turn(NAME, false);

    const fresh = await control<{ secretText: string; endDateTime: string }>(
      quorum.emulator,
      'POST',
      `/apps/${app.appId}/secrets`,
      { expiresInDays: 90 },
    );
    await card(NAME).getByRole('button', { name: 'Rotate credential' }).click();
    const dialog = page.getByRole('dialog', { name: `Rotate the credential of ${NAME}` });
    await expect(dialog.getByRole('radio', { name: 'A client secret' }).isChecked()).resolves.toBe(
      true,
    );
    await dialog.getByLabel('Client secret value').fill(fresh.body.secretText);
    await dialog.getByLabel('Expires on').fill(fresh.body.endDateTime.slice(0, 10));
    await dialog.getByRole('button', { name: 'Replace credential' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(cardText(NAME)).toMatch(/Not verified/);
    await verify(NAME, /Healthy/);
    const expiry = new Date(fresh.body.endDateTime.slice(0, 10)).getTime();
    expect(expiry - Date.now()).toBeGreaterThan(88 * 86_400_000);
  });

  it('deletes it after asking', async () => {
    await card(NAME).getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: `Delete ${NAME}?` })
      .getByRole('button', { name: 'Delete connection' })
      .click();
    await expect.poll(() => card(NAME).count()).toBe(0);
    const list = await quorum.api<{ connections: unknown[] }>(
      { tenant: 'contoso.com', upn: MEGAN },
      'GET',
      '/api/org/connections',
    );
    expect(list.body.connections).toEqual([]);
  });
});

describe(
  'bring your own app registration with a generated certificate',
  { timeout: 90_000 },
  () => {
    const NAME = 'Contoso (own certificate)';
    let app: ByoApp;
    let pem: string;

    it('saves it and hands out the public certificate as a PEM file', async () => {
      app = await byoApp('Contoso calendars (certificate)');
      const dialog = await openByoForm(app, NAME, 'Generate a certificate for me');
      await dialog.getByRole('spinbutton', { name: 'Valid for (days)' }).fill('200');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await card(NAME).waitFor();
      expect(await cardText(NAME)()).toMatch(/Certificate of your app/);

      const file = await downloadOf(() =>
        card(NAME).getByRole('button', { name: 'Download public certificate' }).click(),
      );
      expect(file.name).toBe(`quorum-${TENANTS.contoso.id}.cer`);
      pem = file.text;
      expect(pem).toMatch(
        /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/,
      );
      expect(pem).not.toMatch(/PRIVATE KEY/);
      const cert = new X509Certificate(pem);
      const days = (new Date(cert.validTo).getTime() - Date.now()) / 86_400_000;
      expect(Math.round(days)).toBe(200);
      const thumbprint = cert.fingerprint256.replace(/:/g, '').toLowerCase();
      expect((await cardText(NAME)()).replace(/:/g, '').toLowerCase()).toContain(thumbprint);
    });

    it('fails verification until the certificate is on the app registration, then connects', async () => {
      await verify(NAME, /Broken/);
      const registered = await control(quorum.emulator, 'POST', `/apps/${app.appId}/certificates`, {
        certPem: pem,
      });
      expect(registered.status).toBe(201);
      await verify(NAME, /Healthy/);
      await turn(NAME, true);
      // While the "is on" toast shows, the page stays visible and clickable under it.
      await page.locator('.fui-ToastTitle', { hasText: `${NAME} is on` }).waitFor();
      const box = (await card(NAME).boundingBox())!;
      const onTop = await page.evaluate(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('#root') !== null,
        [box.x + 20, box.y + 20],
      );
      expect(onTop).toBe(true);
      await screenshot(page, 'tab-admin-connections-byo-light');
    });

    it('kept the page free of CSP violations and script errors', () => {
      expect(problems.cspViolations).toEqual([]);
      expect(problems.errors).toEqual([]);
    });
  },
);
