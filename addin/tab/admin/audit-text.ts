// Audit entries in words: `org.settings.updated` → "Org settings updated", details as short pairs.

export function describeAction(action: string): string {
  const words = action.replace(/[._-]+/g, ' ').trim();
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

const short8 = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

/** `kind:id` references (actors, targets) in words, ids shortened; the full value goes in a tooltip. */
export function describeRef(ref: string): string {
  if (ref === 'system') return 'Quorum';
  const colon = ref.indexOf(':');
  if (colon < 0) return ref;
  const kind = ref.slice(0, colon);
  const ids = ref.slice(colon + 1).split('/');
  const words: Record<string, string> = {
    'tenant-admin': 'Tenant administrator of',
    'tenant-user': 'User of tenant',
    org: 'Organization',
    connection: 'Connection',
    member: 'Member',
    'org-event': 'Org event',
    meeting: 'Meeting',
  };
  return `${words[kind] ?? describeAction(kind)} ${short8(ids[0] ?? '')}`;
}
