// Answers that go back to the client through the browser: redirects (query or fragment), the
// form_post page, error redirects with Entra's error_description, and the no-redirect error page.
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { AadstsError } from './aadsts.js';
import { aadstsTimestamp } from './aadsts.js';
import { esc, hiddenFields, sendErrorPage, sendPage } from './html.js';
import { redirectWith, type ResponseMode } from './redirect-uri.js';

/** `AADSTSnnnn: text\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …`, as in Entra's redirects. */
export function frontChannelDescription(err: AadstsError, now: number): string {
  return (
    `AADSTS${err.code}: ${err.description}\r\nTrace ID: ${randomUUID()}\r\n` +
    `Correlation ID: ${randomUUID()}\r\nTimestamp: ${aadstsTimestamp(now)}`
  );
}

/** Delivers parameters to the client's redirect URI in the requested response mode. */
export function deliver(
  res: Response,
  redirectUri: string,
  mode: ResponseMode,
  params: Record<string, string | undefined>,
): void {
  if (mode !== 'form_post') {
    res.set('Cache-Control', 'no-store').redirect(302, redirectWith(redirectUri, params, mode));
    return;
  }
  sendPage(
    res,
    'Working...',
    `<form method="post" action="${esc(redirectUri)}">
${hiddenFields(params)}
<noscript><p>Script is disabled. Click Submit to continue.</p><button type="submit" class="primary">Submit</button></noscript>
</form>`,
    { formTargets: [redirectUri], script: 'document.forms[0].submit();' },
  );
}

/** The error page for failures before the redirect URI is trusted (never redirects). */
export function errorPage(res: Response, err: AadstsError, now: number): void {
  sendErrorPage(res, err, {
    traceId: randomUUID(),
    correlationId: randomUUID(),
    timestamp: aadstsTimestamp(now),
  });
}
