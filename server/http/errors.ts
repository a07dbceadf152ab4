// Errors as data: one registry of stable codes, and the AppError that carries one to the error edge.
import { coreErrors } from './error-codes/core.js';
import { connectionErrors } from './error-codes/connections.js';
import { schedulingErrors } from './error-codes/scheduling.js';
import { selfServiceErrors } from './error-codes/self-service.js';
import { orgEventErrors } from './error-codes/org-events.js';
import type { ErrorSpec } from './error-codes/spec.js';

export type { ErrorSpec };

/**
 * The one registry of error codes, assembled from one part per area (`error-codes/`). Features add
 * their entries there; docs/api-errors.md lists each of them, and a test fails when the two disagree.
 * Codes are stable: clients may branch on them.
 */
export const errorRegistry = {
  ...coreErrors,
  ...connectionErrors,
  ...schedulingErrors,
  ...selfServiceErrors,
  ...orgEventErrors,
} as const satisfies Record<`ERR_${string}`, ErrorSpec>;

/** Every stable error code. */
export type ErrorCode = keyof typeof errorRegistry;

/** One field-level problem, as listed in `errors[]` of an `ERR_VALIDATION` response. */
export interface FieldIssue {
  /** Which part of the request: `body`, `query` or `params`. */
  readonly in: 'body' | 'query' | 'params';
  /** Dotted path to the field, `''` for the whole part. */
  readonly path: string;
  readonly message: string;
}

export interface AppErrorOptions {
  /** Human-readable, safe to show the caller. Defaults to the registry description. */
  readonly detail?: string;
  /** Extra response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Field issues for `ERR_VALIDATION`. */
  readonly errors?: readonly FieldIssue[];
  /** The underlying error: logged, never sent. */
  readonly cause?: unknown;
}

/** An error with a stable code; the error edge turns it into problem+json. */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly errors: readonly FieldIssue[] | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const spec: ErrorSpec = errorRegistry[code];
    if (!spec) throw new TypeError(`Unknown error code ${String(code)}`);
    super(options.detail ?? spec.description, { cause: options.cause });
    this.code = code;
    this.status = spec.status;
    this.title = spec.title;
    this.detail = options.detail ?? spec.description;
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }
}

/** True when `code` is a registered error code. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorRegistry, code);
}
