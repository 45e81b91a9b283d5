'use client';

import useSWRInfinite from 'swr/infinite';
import { auditUrl, fetchJson } from '@/lib/client/api';
import type { AuditPageDto } from '@/lib/shared/audit-log';

/**
 * The pages of the audit log for one set of filters, loaded one after another ("Load more"):
 * each page asks for the rows after the previous page's last one. The first page of the filters
 * the server rendered comes with the HTML.
 */
export function useAuditPages(queryString: string, initial: { queryString: string; page: AuditPageDto }) {
  const key = (index: number, previous: AuditPageDto | null): string | null => {
    if (index === 0) return auditUrl(queryString);
    if (!previous || previous.nextCursor === null) return null;
    const params = new URLSearchParams(queryString);
    params.set('cursor', String(previous.nextCursor));
    return auditUrl(params.toString());
  };
  const { data, error, size, setSize, isValidating, mutate } = useSWRInfinite<AuditPageDto>(key, fetchJson, {
    fallbackData: queryString === initial.queryString ? [initial.page] : undefined,
    keepPreviousData: true,
    revalidateFirstPage: false,
    revalidateOnFocus: false,
  });
  const pages = data ?? [];
  const last = pages[pages.length - 1];
  return {
    rows: pages.flatMap((page) => page.rows),
    total: pages[0]?.total ?? null,
    actors: pages[0]?.actors ?? initial.page.actors,
    hasMore: Boolean(last && last.nextCursor !== null),
    loading: !data && !error,
    loadingMore: isValidating && size > pages.length,
    error: error as unknown,
    loadMore: () => void setSize(size + 1),
    retry: () => void mutate(),
  };
}
