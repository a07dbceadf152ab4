// The page `/consent/callback` ends on: a full page that says what happened and what to do, and
// hands the outcome to whoever waits for it (consent-page-script.ts): other Quorum windows, the
// popup's opener, Teams' authentication window. Strict CSP: one nonce for its scripts and style.
import { randomBytes } from 'node:crypto';
import { REASONS } from '../domain/reasons.js';
import type { ConsentOutcome } from './consent-flow.js';
import { consentPageScript } from './consent-page-script.js';
import { TEAMS_SCRIPT_PATH } from './teams-script.js';
import { TEAMS_CDN_ORIGIN } from '../web/page-csp.js';

/**
 * What the page announces (BroadcastChannel `quorum-consent`, `postMessage` to its opener, and as the
 * teams-js result string) and embeds as JSON.
 */
export interface ConsentMessage {
  type: 'quorum:consent';
  ok: boolean;
  /** `connected`, `verifying`, `failed`. */
  status: 'connected' | 'verifying' | 'failed';
  code: string | null;
  connectionId: string | null;
  tenantId: string | null;
  reason: string | null;
}

/**
 * Keeps the popup's `opener` across the consent flow. Quorum's default (`same-origin-allow-popups`)
 * would put a popup that Teams (another origin) opened into a new browsing context group on arrival,
 * and then teams-js could no longer hand the result back. Set on the callback's redirects too: a
 * redirect's policy counts as well. The page shows an outcome, nothing an opener could misuse.
 */
export const CONSENT_OPENER_POLICY = { 'cross-origin-opener-policy': 'unsafe-none' } as const;

export interface RenderedPage {
  status: number;
  headers: Record<string, string>;
  html: string;
}

function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

interface PageText {
  status: number;
  title: string;
  lines: string[];
  message: ConsentMessage;
}

function describe(outcome: Exclude<ConsentOutcome, { kind: 'redirect' }>): PageText {
  const base = { type: 'quorum:consent' as const };
  if (outcome.kind === 'failed') {
    const { error } = outcome;
    return {
      status: error.status,
      title: error.title,
      lines: [error.detail, `Error code: ${error.code}`],
      message: {
        ...base,
        ok: false,
        status: 'failed',
        code: error.code,
        connectionId: null,
        tenantId: null,
        reason: null,
      },
    };
  }
  const c = outcome.connection;
  const ids = { connectionId: c.id, tenantId: c.tenantId };
  if (!outcome.settled || c.health.state === 'verifying') {
    return {
      status: 202,
      title: 'Consent received',
      lines: [
        `Microsoft is still applying the consent for ${c.displayName}; this can take a few minutes.`,
        'Quorum keeps checking and turns the connection on as soon as it works. The Quorum tab shows the progress.',
      ],
      message: { ...base, ok: true, status: 'verifying', code: null, reason: null, ...ids },
    };
  }
  if (c.health.state === 'healthy' && c.enabled) {
    return {
      status: 200,
      title: `${c.displayName} is connected`,
      lines: [
        `Quorum can now read calendars in ${c.displayName} for every member of your organization.`,
      ],
      message: { ...base, ok: true, status: 'connected', code: null, reason: null, ...ids },
    };
  }
  const reason = c.health.reason ?? 'error';
  const info = REASONS[reason];
  return {
    status: 422,
    title: 'Consent received, but Quorum cannot read calendars yet',
    lines: [
      info.summary,
      ...(info.fix ? [`What to do: ${info.fix}`] : []),
      ...(c.health.detail ? [c.health.detail] : []),
      `Reason code: ${reason}`,
    ],
    message: {
      ...base,
      ok: false,
      status: 'failed',
      code: 'ERR_CONNECTION_VERIFICATION_FAILED',
      reason,
      ...ids,
    },
  };
}

export interface ConsentPageOptions {
  /** Quorum's origin: the only origin the opener message goes to. */
  openerOrigin: string;
  /** Where "Return to Quorum" leads on a full page. */
  appUrl: string;
  /** Same-origin URL of teams-js. Default `TEAMS_SCRIPT_PATH`. */
  teamsScriptUrl?: string;
}

/** Renders the final page for `outcome`. */
export function renderConsentPage(
  outcome: Exclude<ConsentOutcome, { kind: 'redirect' }>,
  options: ConsentPageOptions,
): RenderedPage {
  const nonce = randomBytes(16).toString('base64');
  const text = describe(outcome);
  const popup = outcome.mode === 'popup';
  // `<` escaped so the JSON can never close its script element.
  const data = JSON.stringify(text.message).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(text.title)} - Quorum</title>
<style nonce="${nonce}">
body{font-family:"Segoe UI",system-ui,sans-serif;margin:0;padding:2rem;color:#242424;background:#fafafa}
main{max-width:36rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}
.ok h1{color:#107c10}.failed h1{color:#c50f1f}
button,a.button{font:inherit;padding:.4rem 1rem;border-radius:4px;border:1px solid #8a8886;background:#fff;color:#242424;text-decoration:none;cursor:pointer}
</style>
</head>
<body>
<main class="${text.message.ok ? 'ok' : 'failed'}" role="${text.message.ok ? 'status' : 'alert'}">
<h1>${esc(text.title)}</h1>
${text.lines.map((line) => `<p>${esc(line)}</p>`).join('\n')}
<p>${
    popup
      ? '<button type="button" id="close">Close this window</button>'
      : `<a class="button" href="${esc(options.appUrl)}">Return to Quorum</a>`
  }</p>
</main>
<script type="application/json" id="result">${data}</script>
<script nonce="${nonce}">
${consentPageScript({
  openerOrigin: options.openerOrigin,
  teamsScriptUrl: options.teamsScriptUrl ?? TEAMS_SCRIPT_PATH,
  nonce,
  popup,
})}
</script>
</body>
</html>
`;
  return {
    status: text.status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      ...CONSENT_OPENER_POLICY,
      'content-security-policy': [
        "default-src 'none'",
        `script-src 'nonce-${nonce}'`,
        `style-src 'nonce-${nonce}'`,
        // teams-js (loaded in Teams' authentication window) reads its list of valid domains here.
        `connect-src ${TEAMS_CDN_ORIGIN}`,
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    },
    html,
  };
}
