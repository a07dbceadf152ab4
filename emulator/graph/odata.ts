// OData query options as Graph reads them: `$select`, `$top`, `$skip`, opaque `$skiptoken`s, and
// absolute `@odata.nextLink`s that carry the original query.
import { GraphErrors } from './errors.js';
import type { Call } from './pipeline.js';

/** Reads a query option with or without its `$` (Graph accepts both on v1.0). */
export function option(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

/** The `$select` list, or undefined when absent. */
export function selectList(query: URLSearchParams): string[] | undefined {
  const raw = option(query, 'select');
  if (raw === undefined) return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses `$top` within Outlook's range; Outlook answers out-of-range values with a 400. */
export function outlookTop(query: URLSearchParams, fallback: number): number {
  const raw = option(query, 'top');
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw GraphErrors.invalidParameter(`Invalid value '${raw}' for the $top query option.`);
  }
  return n === 0 ? fallback : n;
}

export function skip(query: URLSearchParams): number {
  const raw = option(query, 'skip');
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw GraphErrors.invalidParameter(`Invalid value '${raw}' for the $skip query option.`);
  }
  return n;
}

/** The public base of this Graph host with version, e.g. `https://localhost:4602/v1.0`. */
export function baseUrl(call: Call): string {
  return `${call.ctx.graphUrl}/v1.0`;
}

/** `@odata.context` for an entity set or property path, e.g. `users` or `users('id')/calendars`. */
export function odataContext(call: Call, path: string): string {
  return `${baseUrl(call)}/$metadata#${path}`;
}

/** An absolute link to `path` with these query parameters (Graph percent-encodes `$` as `%24`). */
export function absoluteLink(call: Call, path: string, params: URLSearchParams): string {
  const qs = params.toString();
  return `${baseUrl(call)}${path}${qs ? `?${qs}` : ''}`;
}

/** Encodes a server-side cursor as an opaque, URL-safe token. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a token made by `encodeToken`; undefined when it is not one. */
export function decodeToken<T>(token: string, check: (v: unknown) => v is T): T | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return check(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Copies a query without the paging options, so a nextLink can re-add its own. */
export function queryWithout(query: URLSearchParams, ...names: string[]): URLSearchParams {
  const out = new URLSearchParams();
  const drop = new Set(names.flatMap((n) => [n, `$${n}`].map((x) => x.toLowerCase())));
  for (const [k, v] of query) if (!drop.has(k.toLowerCase())) out.append(k, v);
  return out;
}
