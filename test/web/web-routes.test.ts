// Serving the web UI: pages with their CSP (framed only by Teams/Outlook/M365, no inline scripts),
// hashed assets cached forever, public sign-in settings, and a clear answer when the UI is not built.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRoutes } from '../../server/http/routes/web.js';
import { EMPTY_STYLE_HASH } from '../../server/web/page-csp.js';
import { startTestApp } from '../support/app.js';
import { testConfig } from '../support/config.js';

let dir: string;
let server: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'quorum-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'tab.html'), '<!doctype html><title>tab</title>');
  await writeFile(path.join(dir, 'assets', 'tab-abc123.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'icon-32.png'), 'png');
  server = await startTestApp({ routes: [webRoutes(dir)] });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('web UI routes', () => {
  it('serves /tab with a CSP that allows only Quorum scripts and Microsoft 365 framing', async () => {
    const res = await fetch(`${server.url}/tab`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('<title>tab</title>');
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = Object.fromEntries(
      csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual(["'self'", EMPTY_STYLE_HASH]);
    expect(directives['frame-ancestors']).toEqual(
      expect.arrayContaining(['https://teams.microsoft.com', 'https://outlook.office.com']),
    );
    const authority = new URL(testConfig().authorityHost).origin;
    expect(directives['connect-src']).toContain(authority);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('lets the task pane load Office.js from Microsoft’s CDN', async () => {
    await writeFile(path.join(dir, 'taskpane.html'), '<!doctype html>');
    const res = await fetch(`${server.url}/taskpane`);
    expect(res.headers.get('content-security-policy')).toContain(
      "script-src 'self' https://appsforoffice.microsoft.com",
    );
  });

  it('keeps the opener of the sign-in popup pages, which Teams opens from another origin', async () => {
    for (const file of ['auth-start.html', 'auth-callback.html']) {
      await writeFile(path.join(dir, file), '<!doctype html>');
    }
    for (const route of ['/auth/start', '/auth/callback']) {
      const res = await fetch(`${server.url}${route}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
    }
    // Every other page keeps Quorum's default.
    const tab = await fetch(`${server.url}/tab`);
    expect(tab.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
  });

  it('caches hashed assets for a year and serves public files at the root', async () => {
    const asset = await fetch(`${server.url}/assets/tab-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/icon-32.png`)).status).toBe(200);
  });

  it('never serves the HTML files themselves, only through their routes and CSP', async () => {
    const res = await fetch(`${server.url}/tab.html`);
    expect(res.status).toBe(404);
  });

  it('answers a problem naming the build command when a page is not built', async () => {
    const res = await fetch(`${server.url}/demo`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      code: 'ERR_NOT_FOUND',
      detail: expect.stringContaining('npm run build:web') as string,
    });
  });

  it('publishes the public sign-in settings and nothing secret', async () => {
    const config = testConfig();
    const res = await fetch(`${server.url}/app-config.json`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      clientId: config.clientId,
      authority: `${config.authorityHost}/organizations`,
      knownAuthorities: [new URL(config.authorityHost).host],
      apiScope: `${config.clientId}/access_as_user`,
      publicUrl: config.publicUrl,
    });
  });
});
