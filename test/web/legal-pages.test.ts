// The about page, privacy statement and terms of use the app package links to (developer.websiteUrl,
// privacyUrl, termsOfUseUrl): plain HTML with a CSP that lets through exactly their own style.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureRoutes } from '../../server/http/routes/index.js';
import { legalRoutes } from '../../server/web/legal-routes.js';
import { startTestApp } from '../support/app.js';

let server: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  server = await startTestApp({ routes: [legalRoutes] });
});
afterAll(async () => {
  await server?.close();
});

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
}

const MANIFEST_URL = /^\$\{\{TAB_ENDPOINT\}\}(\/\S*)$/;

describe('the privacy and terms pages', () => {
  it.each([
    ['/privacy', 'Privacy statement', [/app-only/, /90 days after they end/, /purges/]],
    ['/terms', 'Terms of use', [/provided as is/, /privacy statement/]],
    ['/', 'Every member’s Outlook calendar, connected once', [/one admin consent/, /\/demo/]],
  ] as const)('serves %s as HTML titled %s', async (route, title, phrases) => {
    const res = await fetch(`${server.url}${route}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<title>${title} - Quorum</title>`);
    for (const phrase of phrases) expect(html).toMatch(phrase);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(
      /<a href="\/">About Quorum<\/a> · <a href="\/privacy">Privacy statement<\/a> · <a href="\/terms">/,
    );
  });

  it.each(['/', '/privacy', '/terms'])(
    'sends %s with a CSP allowing only its own inline style, framed only by Microsoft 365',
    async (route) => {
      const res = await fetch(`${server.url}${route}`);
      const csp = directives(res.headers.get('content-security-policy') ?? '');
      const style = /<style>([\s\S]*?)<\/style>/.exec(await res.text())![1]!;
      const hash = createHash('sha256').update(style).digest('base64');
      expect(csp['default-src']).toEqual(["'none'"]);
      expect(csp['style-src']).toEqual([`'sha256-${hash}'`]);
      expect(csp['script-src']).toBeUndefined();
      expect(csp['frame-ancestors']).toEqual(
        expect.arrayContaining(['https://teams.microsoft.com', 'https://outlook.office.com']),
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    },
  );

  it('serves the pages the Teams app package links to, and the server mounts them', async () => {
    const manifest = JSON.parse(await readFile('appPackage/manifest.json', 'utf8')) as {
      developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
    };
    const { websiteUrl, privacyUrl, termsOfUseUrl } = manifest.developer;
    const paths = [websiteUrl, privacyUrl, termsOfUseUrl].map((url) => MANIFEST_URL.exec(url)?.[1]);
    expect(paths).toEqual(['/', '/privacy', '/terms']);
    for (const path of paths) expect((await fetch(`${server.url}${path}`)).status).toBe(200);
    expect(featureRoutes).toContain(legalRoutes);
  });
});
