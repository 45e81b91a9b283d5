// No `server-only` here: this module is imported by proxy.ts, which Next bundles on its own.
import de from '@/messages/de/errors.json';
import en from '@/messages/en/errors.json';
import es from '@/messages/es/errors.json';
import fr from '@/messages/fr/errors.json';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/shared/locales';
import type { ErrorBody } from './errors';

const TEXTS: Record<Locale, { invalid_id: string }> = { en, fr, de, es };

/**
 * True when the path holds percent-encoding that is not UTF-8 (`/api/work-orders/%C0%AE`).
 * Next.js decodes the path to find the route's params and fails on it with its own plain 500,
 * before any route of ours runs: the proxy, which runs first, answers for it.
 */
export function isUndecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * 400 `invalid_id` in our error shape (the path names something that cannot exist), in the
 * request's language, never cached. Synchronous: the proxy answers without loading anything.
 */
export function undecodablePathResponse(request: Request & { cookies: { get(name: string): { value: string } | undefined } }, requestId: string) {
  const locale = negotiateLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language'));
  const body: ErrorBody = { error: 'invalid_id', message: TEXTS[locale].invalid_id, requestId };
  return new Response(JSON.stringify(body), {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' },
  });
}
