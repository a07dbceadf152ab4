// The UI pages Quorum serves, each a Vite-built HTML file with its own CSP.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OFFICE_JS_ORIGIN, TEAMS_CDN_ORIGIN, type PageCspOptions } from './page-csp.js';

export interface WebPage {
  /** The URL path the page answers at. */
  readonly route: string;
  /** The HTML file Vite writes (see PAGES in vite.config.ts). */
  readonly file: string;
  readonly csp: Omit<PageCspOptions, 'authorityOrigin'>;
  /**
   * `unsafe-none` for the sign-in popup's pages: Quorum's default `Cross-Origin-Opener-Policy`
   * (`same-origin-allow-popups`) would cut a popup from an opener of another origin (Teams'
   * window) on arrival, and teams-js could no longer hand the result back. As for
   * `/consent/callback` (server/connections/consent-page.ts).
   */
  readonly openerPolicy?: 'unsafe-none';
}

export const WEB_PAGES: readonly WebPage[] = [
  { route: '/tab', file: 'tab.html', csp: { connectOrigins: [TEAMS_CDN_ORIGIN] } },
  { route: '/taskpane', file: 'taskpane.html', csp: { scriptOrigins: [OFFICE_JS_ORIGIN] } },
  // The Outlook demo shows the real task pane in a same-origin frame.
  { route: '/demo', file: 'demo.html', csp: { frameOrigins: ["'self'"] } },
  { route: '/auth/callback', file: 'auth-callback.html', csp: {}, openerPolicy: 'unsafe-none' },
  { route: '/auth/start', file: 'auth-start.html', csp: {}, openerPolicy: 'unsafe-none' },
];

/** Reads a page's HTML, or null when it was not built. */
export async function readPage(webRoot: string, page: WebPage): Promise<string | null> {
  try {
    return await readFile(path.join(webRoot, page.file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
