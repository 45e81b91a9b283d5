import type { Locale } from '@/lib/shared/locales';

/** What every DAL operation needs from the request, passed explicitly (testable, no globals). */
export interface OperationContext {
  requestId: string;
  /** The user's language, forwarded upstream as `Accept-Language`. */
  locale: Locale;
  /**
   * The browser's abort signal. `operation()` hands it only to operations marked `abortable`
   * (reads), never to a write such as a correction.
   */
  signal?: AbortSignal;
}

/** The last argument of every `deepomatic.*` call. */
export function callOptions(ctx: OperationContext) {
  return { language: ctx.locale, requestId: ctx.requestId, ...(ctx.signal ? { signal: ctx.signal } : {}) };
}
