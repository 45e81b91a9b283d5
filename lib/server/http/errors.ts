/**
 * The one error type every server layer throws. The route wrapper turns it into our error
 * shape `{ error, message, requestId }`, with `message` taken from the `errors` namespace of
 * the message catalogue, so nothing upstream-specific (body, header, URL, key) ever reaches
 * the browser.
 */
export const ERROR_STATUS = {
  // input and protocol
  invalid_body: 400,
  invalid_id: 400,
  invalid_query: 400,
  validation_failed: 400,
  bad_origin: 403,
  unsupported_media_type: 415,
  payload_too_large: 413,
  method_not_allowed: 405,
  idempotency_key_reused: 422,
  precondition_required: 428,
  precondition_failed: 412,
  request_in_progress: 409,
  // identity
  unauthenticated: 401,
  forbidden: 403,
  too_many_requests: 429,
  // domain
  not_found: 404,
  conflict: 409,
  task_not_analyzed: 409,
  correction_not_applied: 502,
  outcome_unknown: 504,
  /** An earlier correction of the task may still be applied upstream: wait before another. */
  correction_in_flight: 409,
  // upstream
  upstream_error: 502,
  upstream_timeout: 504,
  upstream_unavailable: 503,
  upstream_invalid_response: 502,
  upstream_too_large: 502,
  upstream_redirect: 502,
  upstream_auth_failed: 502,
  upstream_rejected: 400,
  // ours
  database_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface AppErrorOptions {
  /** Overrides the default status of the code. */
  status?: number;
  /** Field name → message key (namespace `errors.fields`) or already-localised text. */
  fields?: Record<string, string>;
  /** Seconds the client should wait before retrying (sent as `Retry-After`). */
  retryAfter?: number;
  /** Safe, non-secret extra data for the client (e.g. the current state on a conflict). */
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields?: Record<string, string>;
  readonly retryAfter?: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? ERROR_STATUS[code];
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
  }
}

/**
 * Told by its shape, not by class: the server build holds several copies of this module (one
 * per chunk that imports it), and an error made by one copy can reach another through state
 * shared by the process (the database being opened, the upstream's circuit breaker).
 */
export function isAppError(error: unknown): error is AppError {
  if (error instanceof AppError) return true;
  if (!(error instanceof Error) || error.name !== 'AppError') return false;
  const { code, status } = error as Partial<AppError>;
  return typeof code === 'string' && code in ERROR_STATUS && typeof status === 'number';
}

/** The JSON body of every error response of our API. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  requestId: string;
  fields?: Record<string, string>;
  details?: unknown;
}
