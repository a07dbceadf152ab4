// Structured logs: pino for the process, pino-http per request (request id on every line, secrets redacted).
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LogLevel } from '../config.js';

export type { Logger } from 'pino';

const REDACTED = '[Redacted]';

/** Object keys whose values never reach a log line, at any depth up to four levels (headers: below). */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'client_secret',
  'clientSecret',
  'client_assertion',
  'clientState',
  'privateKey',
  'refresh_token',
  'refreshToken',
  'access_token',
  'accessToken',
  'id_token',
  'password',
  'secret',
] as const;

/** Query parameters whose values are masked in logged URLs (OAuth codes, signed state, handshakes). */
const SECRET_QUERY = new Set(['code', 'state', 'client_secret', 'validationtoken', 'token', 'sig']);

/** Headers whose values are masked in logged requests and responses. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

function redactPaths(): string[] {
  return SECRET_KEYS.flatMap((key) => ['', '*.', '*.*.', '*.*.*.'].map((prefix) => prefix + key));
}

export interface CreateLoggerOptions {
  readonly level: LogLevel;
  /** Where lines go; stdout when omitted. Tests pass a capturing stream. */
  readonly destination?: DestinationStream;
}

/** Creates the process logger, with secret redaction built in. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const settings = {
    level: options.level,
    redact: { paths: redactPaths(), censor: REDACTED },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** Masks the values of secret query parameters in a URL path (`/cb?code=abc` → `/cb?code=[Redacted]`). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // An undecodable name is logged as sent; its value is still judged by the raw name.
      }
      return eq >= 0 && SECRET_QUERY.has(decoded.toLowerCase()) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

function redactHeaders(headers: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) {
      out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
    }
  }
  return out;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: unknown;
  remoteAddress?: string;
}

/** pino-http middleware: one child logger per request bound to its id, one completion line per request. */
export function httpLogging(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId: (req: IncomingMessage) => req.id,
    quietReqLogger: true,
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (req: SerializedRequest) => ({
        method: req.method,
        url: req.url === undefined ? undefined : redactUrl(req.url),
        headers: redactHeaders(req.headers),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode?: number; headers?: unknown }) => ({
        statusCode: res.statusCode,
        headers: redactHeaders(res.headers),
      }),
    },
  });
  return (req, res, next) => middleware(req, res, next);
}
