// Audit entries in words: `org.settings.updated` → "Org settings updated", details as short pairs.

export function describeAction(action: string): string {
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function short(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `key: value` pairs of an entry's detail, each value cut to a readable length. */
export function describeDetail(detail: unknown, max = 120): string {
  if (detail === undefined || detail === null) return '';
  if (typeof detail !== 'object') return short(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => {
      const text = short(value);
      return `${key}: ${text.length > max ? `${text.slice(0, max)}…` : text}`;
    })
    .join(' · ');
}
