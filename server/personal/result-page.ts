// The small page the personal-calendar redirect lands on: says what happened in plain words, and hands
// the outcome to whoever waits for it (web/popup-result-script.ts): the tab that opened the popup
// (postMessage, restricted to Quorum's origin), other Quorum windows, and Teams' authentication
// window (notifySuccess / notifyFailure), which otherwise stays open until the user closes it.
import { randomBytes } from 'node:crypto';
import { TEAMS_SCRIPT_PATH } from '../connections/teams-script.js';
import { FRAME_ANCESTORS } from '../http/security-headers.js';
import { TEAMS_CDN_ORIGIN } from '../web/page-csp.js';
import { popupResultScript } from '../web/popup-result-script.js';
import type { ConnectOutcome, ConnectProblem } from './personal-calendars.js';

/** The BroadcastChannel every personal-calendar result is announced on. */
export const PERSONAL_CALENDAR_CHANNEL = 'quorum-personal-calendar';

/**
 * The page keeps its opener: Teams' authentication window is opened from another origin, and a
 * stricter Cross-Origin-Opener-Policy would cut it off so teams-js could not hand the result back.
 */
export const RESULT_PAGE_OPENER_POLICY = { 'Cross-Origin-Opener-Policy': 'unsafe-none' } as const;

export interface ResultPage {
  readonly status: number;
  readonly html: string;
  /** A page-specific Content-Security-Policy: nothing loads, only this page's nonce'd style and script. */
  readonly csp: string;
}

const HEADLINES: Record<ConnectProblem, string> = {
  state_invalid: 'This link was not started by Quorum',
  state_expired: 'This sign-in expired',
  state_used: 'This sign-in was already used',
  denied: 'Nothing was connected',
  sign_in_failed: 'Microsoft did not complete the sign-in',
  calendar_unreadable: 'The calendar cannot be read',
  member_gone: 'Your Quorum membership is gone',
  limit_reached: 'Too many personal calendars',
};

const STATUS: Record<ConnectProblem, number> = {
  state_invalid: 400,
  state_expired: 400,
  state_used: 400,
  denied: 400,
  sign_in_failed: 502,
  calendar_unreadable: 502,
  member_gone: 410,
  limit_reached: 409,
};

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Renders the outcome; `publicOrigin` is the only origin the opener message is delivered to. */
export function renderResultPage(outcome: ConnectOutcome, publicOrigin: string): ResultPage {
  const nonce = randomBytes(16).toString('base64');
  const message = outcome.ok
    ? { type: 'quorum:personal-calendar', ok: true, id: outcome.connection.id }
    : { type: 'quorum:personal-calendar', ok: false, problem: outcome.problem };
  const headline = outcome.ok ? 'Calendar connected' : HEADLINES[outcome.problem];
  const body = outcome.ok
    ? `<p>Quorum now counts <strong>${esc(outcome.connection.email)}</strong> as busy time for you.</p>` +
      (outcome.connection.shadowedByOrg
        ? '<p>Your organization already manages this calendar, so Quorum keeps using that connection and keeps this one in reserve.</p>'
        : '')
    : `<p>${esc(outcome.detail)}</p><p class="code">${esc(outcome.problem)}</p>`;
  // JSON inside a script: `<` escaped so no value can close the element.
  const payload = JSON.stringify(message).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(headline)} · Quorum</title>
<style nonce="${nonce}">body{font-family:"Segoe UI",system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color:#242424}h1{font-size:1.4rem}.code{color:#616161;font-family:monospace}button{font:inherit;padding:.4rem 1rem;border-radius:4px;border:1px solid #8a8886;background:#fff;color:#242424;cursor:pointer}</style>
</head><body><main><h1>${esc(headline)}</h1>${body}<p><button type="button" id="close">Close this window</button></p></main>
<script type="application/json" id="result">${payload}</script>
<script nonce="${nonce}">${popupResultScript({
    channel: PERSONAL_CALENDAR_CHANNEL,
    openerOrigin: publicOrigin,
    teamsScriptUrl: TEAMS_SCRIPT_PATH,
    nonce,
    popup: true,
  })}</script>
</body></html>`;
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    // teams-js (loaded in Teams' authentication window) reads its list of valid domains here.
    `connect-src ${TEAMS_CDN_ORIGIN}`,
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
  ].join('; ');
  return { status: outcome.ok ? 200 : STATUS[outcome.problem], html, csp };
}
