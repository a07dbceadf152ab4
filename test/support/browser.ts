// Shared Playwright launcher for the browser tests: Debian's Chromium (never a downloaded browser),
// headless, a fresh profile, trusting only the given test servers' certificates by public-key pin
// (TLS is still verified for everything else), plus page helpers for CSP and console errors.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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
