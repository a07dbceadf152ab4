// The one error type for failed Graph calls, built from Graph's error envelope
// `{"error":{"code","message","innerError":{"request-id","date"}}}` (graph-facts §2.1, §6.4).

export interface GraphErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string | undefined;
  date?: string | undefined;
  retryAfterSeconds?: number | undefined;
  attempts: number;
  cause?: unknown;
}

/**
 * A Graph call that failed for good (after any retries). `status` is 0 when no HTTP response came
 * back (timeout, connection failure); `code` is Graph's `error.code` (e.g. `ErrorAccessDenied`,
 * `MailboxNotEnabledForRESTAPI`) or a client-side code (`ClientTimeout`, `NetworkError`).
 */
export class GraphError extends Error {
  override readonly name: string = 'GraphError';
  readonly status: number;
  readonly code: string;
  /** Graph's `request-id` (innerError, else the response header): what Microsoft support asks for. */
  readonly requestId: string | undefined;
  readonly date: string | undefined;
  /** The last `Retry-After` Graph sent, in seconds, if any. */
  readonly retryAfterSeconds: number | undefined;
  /** HTTP attempts made, retries included. */
  readonly attempts: number;

  constructor(init: GraphErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.date = init.date;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.attempts = init.attempts;
  }

  /** True for 429/503/504: the condition is transient and the call may succeed later. */
  get transient(): boolean {
    return isTransientStatus(this.status);
  }
}

/** Statuses Graph documents as "try again later" (throttling.md, errors.md). 500/502 are not. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

interface ErrorEnvelope {
  error?: {
    code?: unknown;
    message?: unknown;
    innerError?: Record<string, unknown>;
  };
}

export interface ErrorSource {
  status: number;
  body: unknown;
  /** Header lookup, case-insensitive. */
  header(name: string): string | undefined;
  attempts: number;
  retryAfterSeconds?: number | undefined;
}

/** Maps an error response (a whole HTTP response or one `$batch` item) to a `GraphError`. */
export function toGraphError(source: ErrorSource): GraphError {
  const envelope = (
    typeof source.body === 'object' && source.body !== null ? source.body : {}
  ) as ErrorEnvelope;
  const err = envelope.error ?? {};
  const inner = err.innerError ?? {};
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' && v !== '' ? v : undefined;
  return new GraphError({
    status: source.status,
    // A `$batch` item that did not run because its `dependsOn` failed may come back without a code.
    code: text(err.code) ?? (source.status === 424 ? 'FailedDependency' : `HTTP${source.status}`),
    message:
      text(err.message) ??
      (typeof source.body === 'string' && source.body !== ''
        ? source.body.slice(0, 500)
        : `Graph answered ${source.status}`),
    requestId: text(inner['request-id']) ?? source.header('request-id'),
    date: text(inner['date']) ?? source.header('date'),
    retryAfterSeconds: source.retryAfterSeconds,
    attempts: source.attempts,
  });
}
