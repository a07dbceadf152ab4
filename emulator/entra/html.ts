// Server-rendered pages of the emulated sign-in host: escaping, one layout, a strict CSP
// (no inline code except a nonce'd style block and, for form_post, one nonce'd submit script).
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Hidden inputs carrying request parameters through a form post. */
export function hiddenFields(fields: Record<string, string | undefined>): string {
  return Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
}

const STYLE = `
body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2;margin:0;color:#1b1b1b}
main{max-width:30rem;margin:3rem auto;background:#fff;padding:2rem 2.5rem;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:1.5rem;font-weight:600;margin:0 0 1rem}
.brand{font-size:.9rem;color:#5e5e5e;margin-bottom:1.5rem}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:600;margin-bottom:.5rem}
label{display:block;padding:.3rem 0}
select{width:100%;padding:.4rem;font-size:1rem}
ul{padding-left:1.2rem}
.actions{display:flex;gap:.5rem;justify-content:flex-end;margin-top:1.5rem}
button{font-size:1rem;padding:.45rem 1.4rem;border:1px solid #8a8a8a;background:#fff;cursor:pointer}
button.primary{background:#0067b8;color:#fff;border-color:#0067b8}
.error{border-left:4px solid #c50f1f;padding:.5rem 1rem;background:#fde7e9}
code{word-break:break-all}
`;

export interface PageOptions {
  status?: number;
  /** Extra `form-action` sources: the redirect URI's origin, since the form's answer redirects there. */
  formTargets?: string[];
  /** A script to run (form_post auto-submit); allowed by nonce only. */
  script?: string;
}

/** CSP source for a redirect target: its origin, or its scheme for custom schemes (brk-multihub:). */
export function cspSource(uri: string): string {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : url.protocol;
  } catch {
    return "'none'";
  }
}

/** Sends a full HTML page with a strict Content-Security-Policy. */
export function sendPage(
  res: Response,
  title: string,
  body: string,
  options: PageOptions = {},
): void {
  const nonce = randomBytes(16).toString('base64');
  const formAction = ["'self'", ...(options.formTargets ?? []).map(cspSource)].join(' ');
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    options.script ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  const script = options.script ? `<script nonce="${nonce}">${options.script}</script>` : '';
  res
    .status(options.status ?? 200)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .send(
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${esc(title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
        `<body><main>${body}</main>${script}</body></html>`,
    );
}

/** Entra's error page (no redirect): shown when the redirect URI cannot be trusted. */
export function sendErrorPage(
  res: Response,
  err: { status: number; code: number; description: string; error: string },
  ids: { traceId: string; correlationId: string; timestamp: string },
): void {
  sendPage(
    res,
    'Sign in to your account',
    `<div class="brand">Microsoft (emulated)</div>
<h1>Sorry, but we’re having trouble signing you in.</h1>
<div class="error" role="alert"><p><strong>AADSTS${esc(err.code)}</strong>: ${esc(err.description)}</p></div>
<p>Error: <code>${esc(err.error)}</code><br>Request Id: <code>${esc(ids.traceId)}</code><br>
Correlation Id: <code>${esc(ids.correlationId)}</code><br>Timestamp: <code>${esc(ids.timestamp)}</code></p>`,
    { status: err.status },
  );
}
