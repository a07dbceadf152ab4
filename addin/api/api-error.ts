// Failures of Quorum's API as data: the problem+json `code` (stable) and a message a person can read.

/** One invalid field of a rejected request (problem+json `errors`). */
export interface FieldError {
  readonly in: 'body' | 'query' | 'params';
  readonly path: string;
  readonly message: string;
}

/** Codes the client itself raises (no problem body to read). */
export type ClientErrorCode = 'ERR_NETWORK' | 'ERR_UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** Stable code: the server's (`ERR_ROLE_REQUIRED`, …) or a ClientErrorCode. */
    readonly code: string,
    /** HTTP status; 0 when no response arrived. */
    readonly status: number,
    /** A sentence for the user: the problem's `detail`, else its `title`. */
    message: string,
    readonly requestId: string | null = null,
    readonly fieldErrors: readonly FieldError[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

interface ProblemBody {
  code?: unknown;
  title?: unknown;
  detail?: unknown;
  requestId?: unknown;
  errors?: unknown;
}

function retryAfterOf(headers: Headers): number | null {
  const value = headers.get('retry-after');
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Turns a non-2xx response into an ApiError, reading problem+json when the server sent it. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryAfter = retryAfterOf(res.headers);
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    let body: ProblemBody = {};
    try {
      body = (await res.json()) as ProblemBody;
    } catch {
      // A broken body still yields an error with the status below.
    }
    if (typeof body.code === 'string') {
      const message =
        (typeof body.detail === 'string' && body.detail) ||
        (typeof body.title === 'string' && body.title) ||
        `Request failed (${res.status}).`;
      return new ApiError(
        body.code,
        res.status,
        message,
        typeof body.requestId === 'string' ? body.requestId : res.headers.get('x-request-id'),
        Array.isArray(body.errors) ? (body.errors as FieldError[]) : [],
        retryAfter,
      );
    }
  }
  return new ApiError(
    'ERR_UNEXPECTED_RESPONSE',
    res.status,
    `Quorum answered ${res.status} ${res.statusText || ''}`.trim() + '.',
    res.headers.get('x-request-id'),
    [],
    retryAfter,
  );
}

/** A readable one-liner for any thrown value, for banners and toasts. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const field = error.fieldErrors[0];
    const base = field ? `${error.message} (${field.path}: ${field.message})` : error.message;
    return error.requestId && error.status >= 500
      ? `${base} Request id: ${error.requestId}.`
      : base;
  }
  return error instanceof Error ? error.message : String(error);
}
