// Meeting times shown in the organizer's time zone (the one the suggestions were computed in).

export function formatSlot(startIso: string, endIso: string, timeZone: string): string {
  const day = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone,
  });
  const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone });
  const start = new Date(startIso);
  return `${day.format(start)}, ${time.format(start)} – ${time.format(new Date(endIso))}`;
}

/** The browser's own IANA zone, when the mailbox did not say. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** `YYYY-MM-DD` of a date, in local time (for date inputs). */
export function dateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
