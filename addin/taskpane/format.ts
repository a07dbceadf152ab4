// Dates, times and counts as the task pane shows them, in the organizer's language and zone.

/** "Tue, 16 Mar" (the locale decides order and words). */
export function formatDay(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(date);
}

/** "10:00 – 10:30" (a range, as the locale writes one). */
export function formatTimeRange(start: Date, end: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).formatRange(
    start,
    end,
  );
}

/** "Tue, 16 Mar, 10:00 – 10:30". */
export function formatSlot(start: Date, end: Date, locale: string): string {
  return `${formatDay(start, locale)}, ${formatTimeRange(start, end, locale)}`;
}

/** "30 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** "1 attendee", "3 attendees". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
