import type { Locale } from '@/lib/shared/locales';

/** What every DAL operation needs from the request, passed explicitly (testable, no globals). */
export interface OperationContext {
  requestId: string;
  /** The user's language, forwarded upstream as `Accept-Language`. */
  locale: Locale;
  /** The browser's abort signal, for reads only (never passed to a correction). */
  signal?: AbortSignal;
}

/**
 * The request body, read only when called: every operation authorizes (and checks ids) first,
 * so an anonymous or forbidden request gets 401/403, never a body error.
 */
export type BodyReader = () => Promise<unknown>;

/** The last argument of every `deepomatic.*` call. */
export function callOptions(ctx: OperationContext, { abortable = true }: { abortable?: boolean } = {}) {
  return { language: ctx.locale, requestId: ctx.requestId, ...(abortable && ctx.signal ? { signal: ctx.signal } : {}) };
}

/** The DAL context of a route handler call (`handler()`'s context). */
export function operationContext(route: { requestId: string; locale: Locale; req: { signal: AbortSignal } }): OperationContext {
  return { requestId: route.requestId, locale: route.locale, signal: route.req.signal };
}
