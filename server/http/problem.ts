// The error edge: every failure leaves as application/problem+json (RFC 9457) with a stable code.
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, type ErrorCode } from './errors.js';
import { z } from './zod.js';

/** The problem+json body every error response carries. */
export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:quorum:error:ERR_AUTH_TOKEN_EXPIRED' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ example: 'ERR_AUTH_TOKEN_EXPIRED' }),
    requestId: z.string(),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'params']),
          path: z.string(),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a code: a stable, non-dereferenceable URN. */
export function problemType(code: ErrorCode): string {
  return `urn:quorum:error:${code}`;
}

/** Builds the body for an AppError. */
export function toProblem(error: AppError, requestId: string): Problem {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    requestId,
    ...(error.errors ? { errors: [...error.errors] } : {}),
  };
}

/** Translates body-parser and router errors (http-errors with a `type`) into our codes. */
function fromHttpError(err: unknown): AppError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const { type, status } = err as { type?: unknown; status?: unknown };
  const byType: Record<string, ErrorCode> = {
    'entity.too.large': 'ERR_BODY_TOO_LARGE',
    'entity.parse.failed': 'ERR_BODY_MALFORMED',
    'entity.verify.failed': 'ERR_BODY_MALFORMED',
    'request.aborted': 'ERR_BODY_MALFORMED',
    'request.size.invalid': 'ERR_BODY_MALFORMED',
    'encoding.unsupported': 'ERR_UNSUPPORTED_MEDIA_TYPE',
    'charset.unsupported': 'ERR_UNSUPPORTED_MEDIA_TYPE',
  };
  const code = typeof type === 'string' ? byType[type] : undefined;
  if (code) return new AppError(code, { cause: err });
  // The router marks undecodable path parameters (`/x/%E0`) as 400.
  if (err instanceof URIError && status === 400)
    return new AppError('ERR_BAD_REQUEST', { cause: err });
  return undefined;
}

/** Sends a problem response for `error`. */
export function sendProblem(res: Response, error: AppError): void {
  const body = toProblem(error, res.locals.requestId ?? '');
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

function logFor(req: Request, fallback: Logger): Logger {
  const log = (req as { log?: Logger }).log;
  return log ?? fallback;
}

/**
 * The one Express error handler. AppErrors keep their code; parser errors get theirs; anything else
 * becomes a generic 500 ERR_INTERNAL whose message never leaves the process but is logged with its cause.
 */
export function problemEdge(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      logFor(req, logger).error({ err }, 'error after the response started');
      next(err);
      return;
    }
    const known = err instanceof AppError ? err : fromHttpError(err);
    if (known) {
      if (known.status >= 500)
        logFor(req, logger).error({ err: known, cause: known.cause }, known.code);
      sendProblem(res, known);
      return;
    }
    logFor(req, logger).error({ err }, 'unhandled error');
    sendProblem(res, new AppError('ERR_INTERNAL'));
  };
}
