// The member table as CSV (RFC 4180), safe to open in a spreadsheet: a cell that starts with
// `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula (CSV injection), so it
// gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
import type { Member } from '../domain/types.js';
import { toListItem } from './member-list.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: defused against formulas, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_HEADER = [
  'display_name',
  'email',
  'role',
  'source',
  'status',
  'reason',
  'summary',
  'fix',
  'checked_at',
  'time_zone',
  'request_id',
];

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function memberCsvLine(member: Member): string {
  const item = toListItem(member);
  return csvLine([
    item.displayName,
    item.email,
    item.role,
    item.source,
    item.status,
    item.reason,
    item.summary,
    item.fix,
    item.checkedAt,
    item.timeZone,
    item.requestId,
  ]);
}
