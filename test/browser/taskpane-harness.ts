// Browser tests of the Outlook task pane: the web UI built once for the whole run, the real server
// on HTTPS against the emulator with Contoso connected and synced, Debian's Chromium trusting both,
// and the demo page opened as a signed-in Contoso member.
import { spawn } from 'node:child_process';
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import type { RecordedCall } from '../../addin/demo/fake-office.js';
import { syncedContoso } from '../integration/schedule-fixtures.js';
import {
  launchBrowserFor,
  pickEmulatorAccount,
  watchProblems,
  type PageProblems,
} from '../support/browser.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';

const root = path.resolve(import.meta.dirname, '../..');
const webRoot = path.join(root, 'dist', 'addin');
const lockDir = path.join(root, 'dist', '.addin-build.lock');
const PAGES = ['taskpane.html', 'demo.html'];

function viteBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = path.join(root, 'node_modules', '.bin', 'vite');
    const child = spawn(vite, ['build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed: ${stderr}`)),
    );
  });
}

const built = async () =>
  (
    await Promise.all(
      PAGES.map((p) =>
        access(path.join(webRoot, p)).then(
          () => true,
          () => false,
        ),
      ),
    )
  ).every(Boolean);

/**
 * Makes sure the pages exist. Keeping them fresh is the test run's global setup
 * (test/support/web-build.ts); this only covers a run without a build at all, under a directory
 * lock so that parallel test files build once.
 */
export async function ensureWebBuild(): Promise<void> {
  if (await built()) return;
  await mkdir(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for another vite build');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!(await built())) await viteBuild();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

export const MEGAN = 'megan.bowen@contoso.com';

export interface PaneWorld {
  readonly quorum: TestQuorum;
  readonly browser: Browser;
  close(): Promise<void>;
}

/** Quorum on HTTPS with Contoso connected and synced, and a browser that trusts it. */
export async function startPaneWorld(): Promise<PaneWorld> {
  await ensureWebBuild();
  const quorum = await startQuorum({ https: true });
  await syncedContoso(quorum);
  const browser = await launchBrowserFor(quorum);
  return {
    quorum,
    browser,
    async close() {
      await browser.close();
      await quorum.close();
    },
  };
}

export interface OpenOptions {
  readonly theme?: 'light' | 'dark';
  readonly viewport?: { width: number; height: number };
  /** Lets tests inject scripts (axe-core) into pages whose CSP forbids them. */
  readonly bypassCSP?: boolean;
  /** Who signs in to the demo (default Megan Bowen of Contoso). */
  readonly upn?: string;
  /** The browser's own time zone (IANA), e.g. to differ from the mailbox's. */
  readonly timezoneId?: string;
}

export interface DemoPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly pane: FrameLocator;
  readonly problems: PageProblems;
}

/** A fresh browser context where Office.js's CDN answers with an empty script (no network). */
export async function newContext(
  world: PaneWorld,
  options: OpenOptions = {},
): Promise<BrowserContext> {
  const context = await world.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 1000 },
    colorScheme: options.theme ?? 'light',
    bypassCSP: options.bypassCSP ?? false,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  await context.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
  );
  return context;
}

/** `/demo` signed in (Megan Bowen by default) through the emulator's sign-in page, the pane loaded. */
export async function openDemo(world: PaneWorld, options: OpenOptions = {}): Promise<DemoPage> {
  const context = await newContext(world, options);
  const problems = await watchProblems(context);
  const page = await context.newPage();
  await page.goto(`${world.quorum.httpsUrl}/demo?theme=${options.theme ?? 'light'}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await pickEmulatorAccount(page, options.upn ?? MEGAN);
  await page.waitForURL(/\/demo/);
  const pane = page.frameLocator('iframe[title="Quorum: Find a time"]');
  await pane.getByRole('heading', { name: 'Find a time' }).waitFor();
  return { context, page, pane, problems };
}

/** The Office.js calls the pane made through the demo's fake host. */
export function officeCalls(page: Page): Promise<RecordedCall[]> {
  return page.evaluate(
    () =>
      (window as unknown as { quorumDemo: { office: { calls: RecordedCall[] } } }).quorumDemo.office
        .calls,
  );
}

/** Only the calls that changed the meeting. */
export async function officeWrites(page: Page): Promise<RecordedCall[]> {
  return (await officeCalls(page)).filter((c) =>
    /\.(setAsync|addAsync|removeAsync)$/.test(c.method),
  );
}
