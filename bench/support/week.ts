// The working week the benches book and ask about: next Monday 00:00Z and the five days from it.
export const DAY = 86_400_000;

/** Monday 00:00Z of next week. */
export function nextMonday(now = new Date()): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return midnight + ((8 - now.getUTCDay()) % 7 || 7) * DAY;
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export const localDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday 00:00Z to Saturday 00:00Z, as ISO instants. */
export function workWeek(monday: number): { start: string; end: string } {
  return { start: new Date(monday).toISOString(), end: new Date(monday + 5 * DAY).toISOString() };
}
