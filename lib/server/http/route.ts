import 'server-only';
import type { NextRequest } from 'next/server';
import { unstable_rethrow } from 'next/navigation';
import { appUrl } from '@/lib/server/auth/config';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/shared/locales';
import { DEFAULT_MAX_BODY_BYTES, hasBody, isJsonContentType, readJsonBody } from './body';
import { checkOrigin } from './csrf';
import { errorResponse, jsonResponse, methodNotAllowedResponse, NO_STORE, type ErrorContext } from './error-response';
import { logger } from '@/lib/server/logger';
import { withLogContext } from '@/lib/server/log-context';
import { recordHttpRequest, routeTemplate } from '@/lib/server/metrics/http';
import { AppError } from './errors';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-context';
import type { OperationContext } from '@/lib/server/dal/context';
import type { RawInput } from '@/lib/server/dal/operation';

export interface RouteContext<P> {
  req: NextRequest;
  params: P;
  requestId: string;
  /** The request's locale (cookie, else Accept-Language, else `en`) — pass it upstream. */
  locale: Locale;
  /** The JSON body, read once with the byte cap; 400 `invalid_body` when absent or invalid. */
  json(): Promise<unknown>;
  /**
   * Runs a DAL operation with this request as its input: the URL's params and query, the
   * headers, the body (read only once the operation has authorized the caller), the request id,
   * the locale and the browser's abort signal.
   */
  run<O>(operation: (ctx: OperationContext, raw: RawInput) => Promise<O>): Promise<O>;
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
export function handler<P = Record<string, string | string[]>>(
  fn: (ctx: RouteContext<P>) => Promise<Response | unknown>,
  opts: HandlerOptions = {},
): (req: NextRequest, context: NextRouteContext<P>) => Promise<Response> {
  const maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return async (req, context) => {
    const requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
    return withLogContext({ requestId }, () => measured(req, context, (params) => answer(req, params, requestId)));
  };

  async function answer(req: NextRequest, params: P, requestId: string): Promise<Response> {
    const errorContext = errorContextOf(req, requestId);
    const { locale } = errorContext;

    try {
      if (!SAFE_METHODS.has(req.method)) checkMutation(req, maxBodyBytes);

      let body: Promise<unknown> | undefined;
      const json = () => (body ??= readJsonBody(req, maxBodyBytes));
      const result = await fn({
        req,
        params,
        requestId,
        locale,
        json,
        run: (operation) =>
          operation(
            { requestId, locale, signal: req.signal },
            { params: params as Record<string, unknown>, query: req.nextUrl.searchParams, headers: req.headers, body: json },
          ),
      });
      return finish(result, requestId);
    } catch (error) {
      // Let Next's own control flow (redirect(), notFound(), dynamic-usage bailouts) through.
      unstable_rethrow(error);
      if (req.signal.aborted && isAbort(error)) return clientClosed(errorContext);
      return errorResponse(error, errorContext);
    }
  }
}

/**
 * Answers with `answer`, counting the request and its latency under the route's template. The
 * params are awaited here, before the clock starts, so the template is known for every answer.
 */
async function measured<P>(req: NextRequest, context: NextRouteContext<P> | undefined, answer: (params: P) => Promise<Response>): Promise<Response> {
  const params = ((await Promise.resolve(context?.params).catch(() => undefined)) ?? {}) as P;
  const started = performance.now();
  const response = await answer(params);
  recordHttpRequest({
    method: req.method,
    route: routeTemplate(req.nextUrl.pathname, params as Record<string, string | string[] | undefined>),
    status: response.status,
    seconds: (performance.now() - started) / 1000,
  });
  return response;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'ResponseAborted');
}

/**
 * The browser left before the answer (a page change while photos load): not a failure of ours or
 * the upstream's, so one quiet log line, and an answer nobody reads.
 */
function clientClosed(context: { requestId: string; method: string; path: string }): Response {
  logger.info(
    { event: 'client_closed_request', requestId: context.requestId, method: context.method, path: context.path },
    'client closed the request',
  );
  return new Response(null, { status: 499, headers: { 'cache-control': NO_STORE, [REQUEST_ID_HEADER]: context.requestId } });
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type AnyRouteHandler = (req: NextRequest, context: never) => Promise<Response>;
type Refusal = (req: NextRequest, context?: NextRouteContext<Record<string, string | string[]>>) => Promise<Response>;

/**
 * Every method of a route file: the ones it defines, and for each other one a 405 in our error
 * shape with the `Allow` header (Next.js's own 405 has neither). Every route file exports all
 * five, so no method is ever answered by something we did not write:
 *
 *     export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: handler(…) });
 */
export function routeMethods<H extends Partial<Record<Method, AnyRouteHandler>>>(
  handlers: H,
): { [M in Method]: H[M] extends AnyRouteHandler ? H[M] : Refusal } {
  const refuse = methodNotAllowed(METHODS.filter((method) => handlers[method]));
  return Object.fromEntries(METHODS.map((method) => [method, handlers[method] ?? refuse])) as {
    [M in Method]: H[M] extends AnyRouteHandler ? H[M] : Refusal;
  };
}

/** Who asked and in which language: what an error answer and its log line need of a request. */
export function errorContextOf(req: NextRequest, requestId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER))): Required<ErrorContext> {
  const locale = negotiateLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get('accept-language'));
  return { requestId, locale, method: req.method, path: req.nextUrl.pathname };
}

/** 405 in our error shape, with `Allow`, for a method a route does not define. */
function methodNotAllowed(allow: readonly string[]) {
  return async (req: NextRequest, context?: NextRouteContext<Record<string, string | string[]>>): Promise<Response> => {
    const errorContext = errorContextOf(req);
    return withLogContext({ requestId: errorContext.requestId }, () =>
      measured(req, context, async () => methodNotAllowedResponse(allow, errorContext)),
    );
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
