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
  // Every getSchedule answer and mailbox probe carries a zone name, and CLDR's lookup is not cheap.
  const known = resolved.get(trimmed);
  if (known !== undefined) return known ?? undefined;
  const [first] = findIana(trimmed);
  const iana = first ?? (isIana(trimmed) ? trimmed : undefined);
  if (resolved.size >= MAX_RESOLVED) resolved.clear();
  resolved.set(trimmed, iana ?? null);
  return iana;
}

const MAX_RESOLVED = 1_000;
const resolved = new Map<string, string | null>();

function isIana(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
