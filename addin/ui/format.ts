// Dates, durations and counts in the words the tab uses ("3 minutes ago", "in 12 days").

const numberFormat = new Intl.NumberFormat();
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const formatCount = (n: number) => numberFormat.format(n);

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "in 2 days", "now". */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return 'never';
  const diff = Date.parse(iso) - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return relative.format(Math.round(diff / ms), unit);
  }
  return 'just now';
}

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dateTime.format(new Date(iso)) : '—';

export const formatDate = (iso: string | null | undefined) =>
  iso ? dateOnly.format(new Date(iso)) : '—';

/** Whole days from now until `iso` (negative when past). */
export function daysUntil(iso: string, now = Date.now()): number {
  return Math.floor((Date.parse(iso) - now) / 86_400_000);
}

/** "Expires in 12 days" / "Expires today" / "Expired 3 days ago". */
export function formatExpiry(iso: string, now = Date.now()): string {
  const days = daysUntil(iso, now);
  if (days > 1) return `Expires in ${days} days (${formatDate(iso)})`;
  if (days === 1) return `Expires tomorrow (${formatDate(iso)})`;
  if (Date.parse(iso) > now) return `Expires today (${formatDateTime(iso)})`;
  const ago = Math.max(1, -days);
  return `Expired ${ago} day${ago === 1 ? '' : 's'} ago (${formatDate(iso)})`;
}
