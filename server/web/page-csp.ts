// The Content-Security-Policy of the UI pages: scripts only from Quorum (and, for the Outlook task
// pane, Office.js from Microsoft's CDN), tokens only from the configured authority, framed only by
// Teams, Outlook and Microsoft 365.
import { FRAME_ANCESTORS } from '../http/security-headers.js';

export interface PageCspOptions {
  /** Origin of the Entra authority host (msal-browser fetches metadata and tokens from it). */
  readonly authorityOrigin: string;
  /** Extra script origins (Office.js for the task pane). */
  readonly scriptOrigins?: readonly string[];
  /** Extra connect origins (teams-js reads its list of valid domains from Microsoft's CDN). */
  readonly connectOrigins?: readonly string[];
  /** Extra frame sources (the Outlook demo frames the real task pane, `'self'`). */
  readonly frameOrigins?: readonly string[];
}

/** Where Office.js is served from; the npm package is unsupported, the CDN is the documented source. */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';
/** teams-js fetches `validDomains.json` here on load and falls back to its built-in list if refused. */
export const TEAMS_CDN_ORIGIN = 'https://res.cdn.office.net';

/**
 * The hash of the empty string. Fluent UI's CSS-in-JS (Griffel) inserts *empty* `<style>` elements
 * and fills them through CSSOM `insertRule`, which style-src does not govern; CSP checks only the
 * element's (empty) text, so allowing exactly this hash replaces `'unsafe-inline'`.
 */
export const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/** Builds the policy; the browser tests fail on any CSP violation. */
export function pageCsp(options: PageCspOptions): string {
  const scripts = ["'self'", ...(options.scriptOrigins ?? [])];
  const connect = ["'self'", options.authorityOrigin, ...(options.connectOrigins ?? [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    `style-src 'self' ${EMPTY_STYLE_HASH}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    // msal-browser renews tokens in a hidden iframe on the authority when refresh tokens fail.
    `frame-src ${[...(options.frameOrigins ?? []), options.authorityOrigin].join(' ')}`,
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
  ].join('; ');
}
