// Entra's error responses: an `AadstsError` carries the OAuth error, HTTP status and AADSTS code;
// `aadstsBody` renders Microsoft's exact JSON shape (trace/correlation ids and timestamp included).
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';

/** One AADSTS failure: `error` (OAuth 2 code), HTTP status, AADSTS number and message. */
export class AadstsError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`AADSTS${code}: ${description}`);
    this.name = 'AadstsError';
  }
}

/** The JSON body Entra returns from the token endpoint on failure. */
export interface AadstsBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

/** `2016-01-09 02:02:12Z`, the timestamp format of Entra error bodies. */
export function aadstsTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entra echoes the caller's `client-request-id` (header, query or body) as the correlation id. */
export function correlationIdOf(req: Request): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const candidates = [
    req.get('client-request-id'),
    typeof req.query['client-request-id'] === 'string' ? req.query['client-request-id'] : undefined,
    typeof body['client-request-id'] === 'string' ? body['client-request-id'] : undefined,
  ];
  return candidates.find((c): c is string => c !== undefined && GUID.test(c)) ?? randomUUID();
}

/** Renders an error as Entra's token endpoint does. */
export function aadstsBody(
  err: AadstsError,
  options: { now: number; loginUrl: string; correlationId?: string },
): AadstsBody {
  const traceId = randomUUID();
  const correlationId = options.correlationId ?? randomUUID();
  const timestamp = aadstsTimestamp(options.now);
  return {
    error: err.error,
    error_description:
      `AADSTS${err.code}: ${err.description}\r\nTrace ID: ${traceId}\r\n` +
      `Correlation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [err.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${options.loginUrl}/error?code=${err.code}`,
  };
}

/** Sends an AADSTS error as JSON with Entra's headers (no caching, status from the error). */
export function sendAadsts(
  req: Request,
  res: Response,
  err: AadstsError,
  ctx: { now(): number; loginUrl: string },
): void {
  const correlationId = correlationIdOf(req);
  res
    .status(err.status)
    .set({ 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache', ...err.headers })
    .set('client-request-id', correlationId)
    .json(aadstsBody(err, { now: ctx.now(), loginUrl: ctx.loginUrl, correlationId }));
}
