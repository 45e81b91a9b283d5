'use client';

import { useFormatter } from 'next-intl';

/** Dates as the user reads them, in the app's display time zone (set by next-intl's config). */
export function useDateFormat() {
  const format = useFormatter();
  return (iso: string | null | undefined): string => {
    if (!iso) return '—';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '—';
    return format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  };
}

/**
 * The list URL the user came from, if it is one of ours: a relative `/work-orders…` path.
 * Anything else (absolute URL, `//host`, backslashes) is dropped, so `from` can never be
 * an open redirect.
 */
export function safeReturnPath(from: string | null | undefined): string | null {
  if (!from || from.length > 2000) return null;
  if (!from.startsWith('/work-orders') || from.startsWith('//') || from.includes('\\')) return null;
  if (/^\/work-orders\/[^?#]/.test(from)) return null; // a detail page is not a search
  return from;
}
