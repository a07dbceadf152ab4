// The checks every schedule request shares, each failure with its own stable code: times that
// parse (ERR_VALIDATION naming the field), a window that ends after it starts, is at most 90 days
// long, and at most 100 distinct attendees.
import { normalizeEmail } from '../domain/ids.js';
import { AppError, type FieldIssue } from '../http/errors.js';
import { parseInstant } from './instants.js';
import { MAX_ATTENDEES, MAX_WINDOW_DAYS } from './schemas.js';

const DAY = 86_400_000;

export interface Window {
  readonly start: number;
  readonly end: number;
}

/** Parses and checks `start`/`end` (offset-less times read in `zone`). */
export function parseWindow(start: string, end: string, zone: string | undefined): Window {
  const issues: FieldIssue[] = [];
  const parsed: Record<'start' | 'end', number> = { start: Number.NaN, end: Number.NaN };
  for (const [field, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    const result = parseInstant(value, zone);
    if (result.ok) parsed[field] = result.instant;
    else issues.push({ in: 'body', path: field, message: result.message });
  }
  if (issues.length > 0) {
    throw new AppError('ERR_VALIDATION', {
      detail: `${issues.length} field${issues.length === 1 ? '' : 's'} failed validation.`,
      errors: issues,
    });
  }
  if (parsed.end <= parsed.start) {
    throw new AppError('ERR_SCHEDULE_WINDOW_INVALID', {
      detail:
        parsed.end === parsed.start
          ? 'The window is empty: `start` and `end` are the same instant.'
          : 'The window is reversed: `end` is before `start`.',
    });
  }
  if (parsed.end - parsed.start > MAX_WINDOW_DAYS * DAY) {
    throw new AppError('ERR_SCHEDULE_WINDOW_TOO_LONG', {
      detail: `The window is ${Math.ceil((parsed.end - parsed.start) / DAY)} days long; at most ${MAX_WINDOW_DAYS} are allowed.`,
    });
  }
  return parsed;
}

/** Refuses more than `MAX_ATTENDEES` distinct addresses. */
export function checkAttendeeCount(...lists: readonly (readonly string[])[]): void {
  const distinct = new Set(lists.flat().map(normalizeEmail)).size;
  if (distinct > MAX_ATTENDEES) {
    throw new AppError('ERR_SCHEDULE_TOO_MANY_ATTENDEES', {
      detail: `The request names ${distinct} distinct attendees; at most ${MAX_ATTENDEES} are allowed.`,
    });
  }
}
