// Opaque Outlook identifiers: item and folder ids, change keys, iCalUIds.
import { randomBytes } from 'node:crypto';

/** An Exchange-style item id ("AAMkA…"): case-sensitive, URL-safe. */
export function newItemId(): string {
  return `AAMkA${randomBytes(33).toString('base64url')}`;
}

/** A calendar folder id. */
export function newFolderId(): string {
  return `AAMkAGI${randomBytes(30).toString('base64url')}`;
}

export function newChangeKey(): string {
  return randomBytes(12).toString('base64');
}

/** Outlook's iCalUId: a fixed prefix and a hex GOID. */
export function newICalUId(): string {
  return `040000008200E00074C5B7101A82E00800000000${randomBytes(24).toString('hex').toUpperCase()}`;
}
