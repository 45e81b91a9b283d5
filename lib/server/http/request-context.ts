import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { LOCALE_COOKIE, negotiateLocale, type Locale } from '@/lib/shared/locales';

export type { Locale } from '@/lib/shared/locales';

/** Header set by `proxy.ts` on every request (a fresh UUID; any client-sent value is replaced). */
export const REQUEST_ID_HEADER = 'x-request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request id from `proxy.ts`, or a new UUID. Only a UUID is accepted so a forged header
 * (should the proxy ever be bypassed) cannot inject text into logs or audit rows.
 */
export function requestIdFrom(value: string | null | undefined): string {
  return value && UUID.test(value) ? value.toLowerCase() : crypto.randomUUID();
}

/** The current request's id (server components, server actions, route handlers). */
export const getRequestId = cache(async (): Promise<string> => {
  return requestIdFrom((await headers()).get(REQUEST_ID_HEADER));
});

/** The current request's locale: `NEXT_LOCALE` cookie, else Accept-Language, else `en`. */
export const getRequestLocale = cache(async (): Promise<Locale> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get('accept-language'));
});

/**
 * What a server component hands a DAL operation: the request id and the locale. No abort
 * signal: a render has none to give, so a page's reads simply run to their end.
 */
export async function pageContext(): Promise<{ requestId: string; locale: Locale }> {
  const [requestId, locale] = await Promise.all([getRequestId(), getRequestLocale()]);
  return { requestId, locale };
}
