// Identifier helpers: Quorum ids are random UUIDs; emails compare case-insensitively.
import { randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}

/** Lower-cased, trimmed email address for matching. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** `user+tag@domain` → `user@domain` (plus-addressing). */
export function stripPlusTag(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email;
  const local = email.slice(0, at);
  const plus = local.indexOf('+');
  return plus < 0 ? email : `${local.slice(0, plus)}${email.slice(at)}`;
}
