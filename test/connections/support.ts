// Drives the activation link in tests the way a browser would: the emulated consent page, its
// approve form, the redirect to Quorum's callback, and the tenant admin's sign-in that follows.
import type { TestEmulator } from '../support/emulator.js';
import type { TestQuorum } from '../support/quorum.js';

export interface Page {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The first POST form of an emulator page: its absolute action and hidden fields. */
export function readForm(
  html: string,
  pageUrl: string,
): { action: string; fields: Record<string, string> } {
  const form = /<form method="post" action="([^"]*)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form on the page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[decode(m[1]!)] = decode(m[2]!);
  }
  return { action: new URL(decode(form[1]!), pageUrl).toString(), fields };
}

async function emulatorPage(
  emu: TestEmulator,
  url: string,
  form?: Record<string, string>,
): Promise<Page> {
  const res = await emu.fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    ...(form
      ? {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        }
      : {}),
  });
  return {
    status: res.status,
    location: res.headers.get('location'),
    body: await res.text(),
    headers: res.headers as unknown as Headers,
  };
}

/** GETs a Quorum URL (the public URL's origin swapped for the test server's). */
export async function quorumPage(quorum: TestQuorum, publicUrl: string): Promise<Page> {
  const u = new URL(publicUrl);
  const res = await fetch(`${quorum.url}${u.pathname}${u.search}`, { redirect: 'manual' });
  return {
    status: res.status,
    location: res.headers.get('location'),
    body: await res.text(),
    headers: res.headers,
  };
}

/** Opens an emulator page (consent or sign-in) and submits its form as `upn` with `decision`. */
export async function submitAs(
  emu: TestEmulator,
  url: string,
  upn: string,
  decision: string,
): Promise<Page> {
  const page = await emulatorPage(emu, url);
  if (page.status !== 200)
    throw new Error(`${url} answered ${page.status}: ${page.body.slice(0, 300)}`);
  const { action, fields } = readForm(page.body, url);
  return emulatorPage(emu, action, { ...fields, login_user: upn, decision });
}

export interface ActivationOptions {
  /** Who approves the consent page (a Global or Privileged Role Administrator to succeed). */
  consentAs: string;
  /** Who signs in afterwards when Quorum asks a tenant admin to prove control (new tenants). */
  signInAs?: string;
  /** `cancel` declines on the consent page. */
  decision?: 'approve' | 'cancel';
}

/**
 * Follows an activation link to its end; returns every Quorum page on the way (the last is the
 * result page) and the callback URL of the consent step, for replay tests.
 */
export async function followActivationLink(
  quorum: TestQuorum,
  link: string,
  options: ActivationOptions,
): Promise<{ final: Page; consentCallback: string; signInCallback?: string }> {
  const emu = quorum.emulator;
  const consented = await submitAs(emu, link, options.consentAs, options.decision ?? 'approve');
  if (consented.status !== 302 || !consented.location) {
    throw new Error(`consent page answered ${consented.status}: ${consented.body.slice(0, 300)}`);
  }
  const consentCallback = consented.location;
  const afterConsent = await quorumPage(quorum, consentCallback);
  if (afterConsent.status !== 302 || !afterConsent.location)
    return { final: afterConsent, consentCallback };
  const signedIn = await submitAs(
    emu,
    afterConsent.location,
    options.signInAs ?? options.consentAs,
    'signin',
  );
  if (signedIn.status !== 302 || !signedIn.location) {
    throw new Error(`sign-in page answered ${signedIn.status}: ${signedIn.body.slice(0, 300)}`);
  }
  return {
    final: await quorumPage(quorum, signedIn.location),
    consentCallback,
    signInCallback: signedIn.location,
  };
}

/** The JSON the result page posts to its opener. */
export function pageMessage(page: Page): Record<string, unknown> {
  const m = /<script type="application\/json" id="result">([\s\S]*?)<\/script>/.exec(page.body);
  if (!m) throw new Error(`not a result page:\n${page.body.slice(0, 300)}`);
  return JSON.parse(m[1]!) as Record<string, unknown>;
}
