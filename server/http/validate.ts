// Request validation: zod schemas for body, query and params; any mismatch is one ERR_VALIDATION with every issue.
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.js';

/** The schemas a route checks. Omitted parts are not checked and come back `undefined`. */
export interface RequestSchemas {
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** The parsed, typed parts of a request. */
export interface ValidatedRequest<S extends RequestSchemas> {
  readonly body: Out<S['body']>;
  readonly query: Out<S['query']>;
  readonly params: Out<S['params']>;
}

const PARTS = ['body', 'query', 'params'] as const;

/** Parses the request against `schemas`; throws ERR_VALIDATION listing every issue of every part. */
export function parseRequest<S extends RequestSchemas>(
  schemas: S,
  req: Request,
): ValidatedRequest<S> {
  const issues: FieldIssue[] = [];
  const out: Record<string, unknown> = {};
  for (const part of PARTS) {
    const schema = schemas[part];
    if (!schema) continue;
    const result = schema.safeParse(part === 'body' ? (req.body ?? {}) : req[part]);
    if (result.success) {
      out[part] = result.data;
    } else {
      for (const issue of result.error.issues) {
        issues.push({ in: part, path: issue.path.map(String).join('.'), message: issue.message });
      }
    }
  }
  if (issues.length > 0) {
    throw new AppError('ERR_VALIDATION', {
      detail: `${issues.length} field${issues.length === 1 ? '' : 's'} failed validation.`,
      errors: issues,
    });
  }
  return out as unknown as ValidatedRequest<S>;
}

/** Middleware from `validate()`, with `get(res)` to read the typed result in the next handler. */
export interface ValidateMiddleware<S extends RequestSchemas> extends RequestHandler {
  get(res: Response): ValidatedRequest<S>;
}

/**
 * Validates body, query and params before the handler runs:
 *
 * ```ts
 * const input = validate({ body: CreateMeeting, params: z.object({ id: z.string() }) });
 * router.post('/api/meetings/:id', input, (req, res) => { const { body } = input.get(res); … });
 * ```
 */
export function validate<S extends RequestSchemas>(schemas: S): ValidateMiddleware<S> {
  const results = new WeakMap<Response, ValidatedRequest<S>>();
  const middleware = ((req, res, next) => {
    results.set(res, parseRequest(schemas, req));
    next();
  }) as ValidateMiddleware<S>;
  middleware.get = (res) => {
    const value = results.get(res);
    if (value === undefined) throw new Error('validate(): get() called before the middleware ran');
    return value;
  };
  return middleware;
}
