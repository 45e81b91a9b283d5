import 'server-only';
import type { NextRequest } from 'next/server';
import { unstable_rethrow } from 'next/navigation';
import { appUrl } from '@/lib/server/auth/config';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/shared/locales';
import { DEFAULT_MAX_BODY_BYTES, hasBody, isJsonContentType, readJsonBody } from './body';
import { checkOrigin } from './csrf';
import { errorResponse, jsonResponse, methodNotAllowedResponse, NO_STORE } from './error-response';
import { logger } from '@/lib/server/logger';
import { AppError } from './errors';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-context';

export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  requestId: string;
  /** The request's locale (cookie, else Accept-Language, else `en`) — pass it upstream. */
  locale: Locale;
  /** The JSON body, read once with the byte cap; 400 `invalid_body` when absent or invalid. */
  json(): Promise<unknown>;
}

export interface HandlerOptions {
  /** Body cap in bytes (default 128 KiB); larger bodies get 413 `payload_too_large`. */
  maxBodyBytes?: number;
}

type NextRouteContext<P> = { params: Promise<P> };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wraps a route handler with everything every BFF route needs, so route files only call the DAL:
 * request id, CSRF (Origin / Sec-Fetch-Site) and JSON-only bodies for mutations, a body byte
 * cap, our error shape for every failure, and `Cache-Control: private, no-store`.
 *
 * Return a `Response` to control the answer, a value to send it as 200 JSON, or nothing for 204.
 */
export function handler<P = Record<string, never>>(
  fn: (ctx: RouteContext<P>) => Promise<Response | unknown>,
  opts: HandlerOptions = {},
): (req: NextRequest, context: NextRouteContext<P>) => Promise<Response> {
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return async (req, context) => {
    const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
    const locale = negotiateLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
    const errorContext = { requestId, locale, method: req.method, path: req.nextUrl.pathname };

    try {
      if (!SAFE_METHODS.has(req.method)) checkMutation(req, maxBodyBytes);

      let body: Promise<unknown> | undefined;
      const params = ((await context?.params) ?? {}) as P;
      const result = await fn({
        req,
        params,
        requestId,
        locale,
        json: () => (body ??= readJsonBody(req, maxBodyBytes)),
      });
      return finish(result, requestId);
    } catch (error) {
      // Let Next's own control flow (redirect(), notFound(), dynamic-usage bailouts) through.
      unstable_rethrow(error);
      if (req.signal.aborted && isAbort(error)) return clientClosed(errorContext);
      return errorResponse(error, errorContext);
    }
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'ResponseAborted');
}

/**
 * The browser left before the answer (a page change while photos load): not a failure of ours or
 * the upstream's, so one quiet log line, and an answer nobody reads.
 */
function clientClosed(context: { requestId: string; method: string; path: string }): Response {
  logger.info({ event: 'client_closed_request', requestId: context.requestId, method: context.method, path: context.path }, 'client closed the request');
  return new Response(null, { status: 499, headers: { 'cache-control': NO_STORE, [REQUEST_ID_HEADER]: context.requestId } });
}

/**
 * A handler for methods a route does not support: 405 in our error shape with `Allow`.
 * `export const DELETE = methodNotAllowed(['GET', 'PATCH']);`
 */
export function methodNotAllowed(allow: readonly string[]) {
  return async (req: NextRequest): Promise<Response> => {
    const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
    const locale = negotiateLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
    return methodNotAllowedResponse(allow, { requestId, locale, method: req.method, path: req.nextUrl.pathname });
  };
}

/** Origin check, then JSON-only: all before the route runs, so a refused request has no effect. */
function checkMutation(req: NextRequest, maxBodyBytes: number): void {
  checkOrigin(req.headers, appUrl());
  const contentType = req.headers.get('content-type');
  if (contentType !== null || hasBody(req)) {
    if (!isJsonContentType(contentType)) throw new AppError('unsupported_media_type');
  }
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBodyBytes) throw new AppError('payload_too_large');
}

function finish(result: unknown, requestId: string): Response {
  if (result instanceof Response) return withApiHeaders(result, requestId);
  if (result === undefined) {
    return new Response(null, { status: 204, headers: { 'cache-control': NO_STORE, [REQUEST_ID_HEADER]: requestId } });
  }
  return jsonResponse(result, { status: 200, headers: { [REQUEST_ID_HEADER]: requestId } });
}

function withApiHeaders(response: Response, requestId: string): Response {
  let out = response;
  try {
    out.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    // Headers of a fetch() response are immutable: copy into a new response.
    out = new Response(response.body, response);
    out.headers.set(REQUEST_ID_HEADER, requestId);
  }
  // A route may choose its own caching (e.g. a private image); default is never to store.
  if (!out.headers.has('cache-control')) out.headers.set('cache-control', NO_STORE);
  return out;
}
