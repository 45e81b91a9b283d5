'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { DEFAULT_QUERY, parseWorkOrderQuery, toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';

/**
 * The list's state IS the URL: this hook reads the query from the address bar and changes it.
 * `push` for deliberate changes (back/forward step through them), `replace` for keystrokes in
 * the search box. Any change of filter or sort goes back to page 1.
 *
 * The address is written with the browser's history API, which the App Router follows
 * (`useSearchParams` sees the change): the list fetches its new rows once, from the search API,
 * instead of also asking the server to render the page again for every keystroke or click.
 */
export function useListQuery() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryString = searchParams.toString();
  const parsed = useMemo(() => parseWorkOrderQuery(queryString), [queryString]);
  const query: WorkOrderQuery = parsed.ok ? parsed.query : DEFAULT_QUERY;

  const navigate = useCallback(
    (next: WorkOrderQuery, { replace = false }: { replace?: boolean } = {}) => {
      const qs = toQueryString(next);
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (replace) window.history.replaceState(null, '', href);
      else window.history.pushState(null, '', href);
    },
    [pathname],
  );

  /** Changes filters (or sort): back to page 1. */
  const update = useCallback(
    (change: Partial<WorkOrderQuery>, options?: { replace?: boolean }) => navigate({ ...query, page: 1, ...change }, options),
    [navigate, query],
  );

  return {
    query,
    /** The canonical query string of the current list ('' = default view). */
    queryString: toQueryString(query),
    invalidFields: parsed.ok ? null : parsed.fields,
    navigate,
    update,
    reset: () => navigate({ ...DEFAULT_QUERY, columns: query.columns, pageSize: query.pageSize }),
  };
}
