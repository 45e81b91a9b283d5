import 'server-only';
import { isDatabaseUnavailable } from '@/lib/server/db/unavailable';
import { logger } from '@/lib/server/logger';
import type { Locale } from '@/lib/shared/locales';
import { loadNamespace } from '@/messages';
import { AppError, ERROR_STATUS, isAppError, type ErrorBody, type ErrorCode } from './errors';

/** Headers every API answer carries: per-user data must never sit in a shared cache. */
export const NO_STORE = 'private, no-store';

export interface ErrorContext {
  requestId: string;
  locale: Locale;
  /** For the log line only. */
  method?: string;
  path?: string;
}

/** A JSON response with the charset spelled out (OWASP ASVS 4.1.1) and `no-store`. */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  if (!headers.has('cache-control')) headers.set('cache-control', NO_STORE);
  return new Response(JSON.stringify(body), { ...init, headers });
}

/**
 * Turns anything thrown by a route into our error shape. An `AppError` keeps its code and
 * status; the database unreachable or out of connections is 503 `database_unavailable`;
 * anything else becomes 500 `internal_error` and is logged — the client never sees a
 * stack, an upstream body, a header or a URL, only a localised message and the request id.
 */
export async function errorResponse(error: unknown, context: ErrorContext): Promise<Response> {
  const appError = isAppError(error)
    ? error
    : new AppError(isDatabaseUnavailable(error) ? 'database_unavailable' : 'internal_error', { cause: error });
  logError(appError, error, context);

  const texts = await loadNamespace(context.locale, 'errors');
  const body: ErrorBody = {
    error: appError.code,
    message: messageFor(texts, appError.code),
    requestId: context.requestId,
  };
  if (appError.fields && Object.keys(appError.fields).length > 0) {
    body.fields = localiseFields(texts, appError.fields);
  }
  if (appError.details !== undefined && appError.status < 500) body.details = appError.details;

  const headers = new Headers({ 'x-request-id': context.requestId });
  if (appError.retryAfter !== undefined && appError.retryAfter >= 0) {
    headers.set('retry-after', String(Math.ceil(appError.retryAfter)));
  }
  return jsonResponse(body, { status: validStatus(appError.status, appError.code), headers });
}

/** 405 with the `Allow` header RFC 9110 requires, in our error shape. */
export async function methodNotAllowedResponse(allow: readonly string[], context: ErrorContext): Promise<Response> {
  const response = await errorResponse(new AppError('method_not_allowed'), context);
  response.headers.set('allow', allow.join(', '));
  return response;
}

function messageFor(texts: Record<string, unknown>, code: ErrorCode): string {
  const text = texts[code];
  if (typeof text === 'string') return text;
  // A missing translation is a bug (a unit test guards it); fall back to the generic text.
  const generic = texts.internal_error;
  return typeof generic === 'string' ? generic : code;
}

/** Field values are keys of `errors.fields` (translated here) or text already localised. */
function localiseFields(texts: Record<string, unknown>, fields: Record<string, string>): Record<string, string> {
  const fieldTexts = (texts.fields ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [field, reason] of Object.entries(fields)) {
    const text = Object.hasOwn(fieldTexts, reason) ? fieldTexts[reason] : undefined;
    out[field] = typeof text === 'string' ? text : reason;
  }
  return out;
}

function validStatus(status: number, code: ErrorCode): number {
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : ERROR_STATUS[code];
}

function logError(appError: AppError, original: unknown, context: ErrorContext): void {
  const entry = {
    requestId: context.requestId,
    method: context.method,
    path: context.path,
    code: appError.code,
    status: appError.status,
  };
  if (!isAppError(original)) {
    logger.error({ ...entry, err: original }, 'unhandled error in route handler');
  } else if (appError.status >= 500) {
    // The cause may be an upstream failure: the logger redacts credentials, and the client
    // layer never puts upstream bodies into causes.
    logger.warn({ ...entry, err: appError.cause }, 'request failed');
  } else {
    logger.info(entry, 'request refused');
  }
}
