// Deterministic GUIDs for scenario objects, so scenario files need not spell out object ids
// and the same user has the same id on every run.
import { createHash } from 'node:crypto';

/** A name-based GUID (v5 layout over SHA-1) for `name` within `namespace`. */
export function stableGuid(namespace: string, name: string): string {
  const h = createHash('sha1').update(`${namespace}\u0000${name.toLowerCase()}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
