// Directory paging: `$top` 1–999 (default 100) and `$skiptoken` cursors that carry the original
// query, so a nextLink works verbatim even when the client drops every other parameter.
import { GraphErrors } from './errors.js';
import { absoluteLink, decodeToken, encodeToken, option, queryWithout } from './odata.js';
import type { Call } from './pipeline.js';

interface Cursor {
  o: number;
  q: string;
}

const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Cursor).o === 'number' &&
  typeof (v as Cursor).q === 'string';

/** The query a page request stands for (from its `$skiptoken` if any) and the offset to start at. */
export function directoryPage(call: Call): { query: URLSearchParams; offset: number } {
  const token = option(call.req.query, 'skiptoken');
  if (token === undefined) return { query: call.req.query, offset: 0 };
  const cursor = decodeToken(token, isCursor);
  // [U] Graph's message for a tampered skiptoken is not documented.
  if (!cursor)
    throw GraphErrors.badRequest('The specified page token value has expired or is invalid.');
  return { query: new URLSearchParams(cursor.q), offset: cursor.o };
}

/** Directory `$top`: 1–999, else Graph's exact 400. */
export function directoryTop(query: URLSearchParams, fallback = 100): number {
  const raw = option(query, 'top');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    throw GraphErrors.unsupportedQuery(
      `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`,
    );
  }
  return n;
}

/** The absolute `@odata.nextLink` for the page after `offset + taken`. */
export function directoryNextLink(
  call: Call,
  path: string,
  query: URLSearchParams,
  nextOffset: number,
): string {
  const original = queryWithout(query, 'skiptoken');
  const params = new URLSearchParams(original);
  params.set('$skiptoken', encodeToken({ o: nextOffset, q: original.toString() }));
  return absoluteLink(call, path, params);
}
