// Exchange stores mailbox time zones as Windows names ("Pacific Standard Time"); Quorum keeps
// IANA names. `windows-iana` carries CLDR's windowsZones mapping.

import { findIana } from 'windows-iana';

/**
 * The IANA zone for a Windows or IANA time-zone name, or undefined when there is none (e.g.
 * "Customized Time Zone", which Graph sends for a `customTimeZone` with its own rules). The
 * answer is CLDR's zone for the Windows name's primary territory ("Pacific Standard Time" →
 * "America/Los_Angeles"); names that already are IANA zones are returned unchanged.
 */
export function toIanaTimeZone(name: string | null | undefined): string | undefined {
  if (!name) return undefined;
  const trimmed = name.trim();
  const [first] = findIana(trimmed);
  if (first !== undefined) return first;
  return isIana(trimmed) ? trimmed : undefined;
}

function isIana(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
