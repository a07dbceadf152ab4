// Shared Playwright launcher for the browser tests: Debian's Chromium (never a downloaded browser),
// headless, a fresh profile, trusting only the given test servers' certificates by public-key pin
// (TLS is still verified for everything else), plus page helpers for CSP and console errors.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import tls from 'node:tls';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { TestQuorum } from './quorum.js';

/** Debian's Chromium; `.ci/run` installs it when test/browser exists. */
export const CHROMIUM_PATH = process.env.QUORUM_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Where screenshots go (gitignored; kept as CI artifacts). */
export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

/** base64 SHA-256 of a certificate's SubjectPublicKeyInfo: Chromium's SPKI pin format. */
export function spkiPin(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** The leaf certificate an HTTPS server presents, verified against `caPem`. */
export async function serverCertificatePem(url: string, caPem: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect(
      { host: hostname, port: Number(port || 443), servername: hostname, ca: caPem },
      () => {
        const cert = socket.getPeerX509Certificate();
        socket.end();
        if (!cert) reject(new Error(`${url} presented no certificate`));
        else resolve(cert.toString());
      },
    );
    socket.once('error', reject);
  });
}

export interface LaunchOptions {
  /** HTTPS servers (origins) whose certificates, issued by `caPem`, the browser should accept. */
  readonly trustServers?: readonly string[];
  readonly caPem?: string;
}

/** Launches headless Chromium with a fresh temporary profile. Close it in afterAll. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const pins: string[] = [];
  for (const origin of options.trustServers ?? []) {
    if (!options.caPem) throw new Error('trustServers needs caPem');
    pins.push(spkiPin(await serverCertificatePem(origin, options.caPem)));
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(pins.length > 0 ? [`--ignore-certificate-errors-spki-list=${pins.join(',')}`] : []),
    ],
  });
}

/** Launches Chromium trusting `quorum`'s HTTPS server and its emulator's sign-in pages. */
export function launchBrowserFor(quorum: TestQuorum): Promise<Browser> {
  return launchBrowser({
    trustServers: [quorum.httpsUrl!, quorum.emulator.loginUrl],
    caPem: quorum.emulator.ca.certPem,
  });
}

/** Problems a page reported: CSP violations, uncaught errors and console errors. */
export interface PageProblems {
  readonly cspViolations: string[];
  readonly errors: string[];
}

/** Records CSP violations (from the page itself) and errors of every page of `context`. */
export async function watchProblems(context: BrowserContext): Promise<PageProblems> {
  const problems: PageProblems = { cspViolations: [], errors: [] };
  await context.exposeBinding('__quorumCspViolation', (_source, text: string) => {
    problems.cspViolations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __quorumCspViolation(t: string): void })
        .__quorumCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${e.documentURI}`);
    });
  });
  context.on('page', (page) => attachErrorListeners(page, problems));
  for (const page of context.pages()) attachErrorListeners(page, problems);
  return problems;
}

function attachErrorListeners(page: Page, problems: PageProblems): void {
  page.on('pageerror', (error) => problems.errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`${page.url()}: ${message.text()}`);
  });
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** On the emulator's sign-in or consent page: picks `upn` and submits (Sign in / Accept). */
export async function pickEmulatorAccount(page: Page, upn: string): Promise<void> {
  const select = page.locator('select[name="login_user"]');
  await select.waitFor();
  const value = await select
    .locator('option', { hasText: `(${upn})` })
    .first()
    .getAttribute('value');
  if (!value) throw new Error(`${upn} is not offered on ${page.url()}`);
  await select.selectOption(value);
  await page.locator('button[name="decision"]:not([value="cancel"])').click();
}

/** One axe-core finding, reduced to what a failure message needs. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on the page and returns serious and critical violations.
 * The script goes in through the DevTools protocol, so the page's CSP stays enforced.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            options: unknown,
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    // Fluent's focus manager (Tabster) puts aria-hidden, focusable <i> sentinels at the edges of
    // focus groups; they hand focus on at once and are never read. Everything else is scanned.
    const result = await axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      },
    );
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Opens `/tab` at `baseUrl` and signs in through the emulator's picker as `upn`. */
export async function signInToTab(page: Page, baseUrl: string, upn: string): Promise<void> {
  await page.goto(`${baseUrl}/tab`);
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await pickEmulatorAccount(page, upn);
  await page.waitForURL(`${baseUrl}/tab**`);
  await page.getByRole('banner').waitFor();
}
