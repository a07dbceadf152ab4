// The organizer's time zone for suggestions: the mailbox's (what Outlook shows the meeting in),
// not the browser's, which differs when someone travels or the mailbox was set up elsewhere.
import { findIana } from 'windows-iana';
import type { OfficeApi } from './office-api.js';

/** An IANA name this browser's `Intl` knows, or undefined. */
function knownIana(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * The IANA zone for a Windows or IANA name (CLDR's zone for the Windows name's primary territory,
 * "Pacific Standard Time" → "America/Los_Angeles"), or undefined for an unknown name such as
 * "Customized Time Zone".
 */
export function ianaTimeZone(name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  if (!trimmed) return undefined;
  const [windows] = findIana(trimmed);
  return windows ?? knownIana(trimmed);
}

/**
 * `Office.context.mailbox.userProfile.timeZone` as an IANA name, falling back to `browserZone`
 * when the host does not give one or gives one this browser cannot use.
 */
export function organizerTimeZone(office: OfficeApi, browserZone: () => string): string {
  const mailbox = ianaTimeZone(office.context.mailbox.userProfile.timeZone);
  return mailbox && knownIana(mailbox) ? mailbox : browserZone();
}

/** The browser's own zone (`Intl`), the fallback outside a mailbox zone. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
