'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { DEFAULT_QUERY, parseWorkOrderQuery, toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';

/**
 * The list's state IS the URL: this hook reads the query from the address bar and changes it
 * by navigating. `push` for deliberate changes (back/forward step through them), `replace`
 * for keystrokes in the search box. Any change of filter or sort goes back to page 1.
 */
export function useListQuery() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const queryString = searchParams.toString();
  const parsed = useMemo(() => parseWorkOrderQuery(queryString), [queryString]);
  const query: WorkOrderQuery = parsed.ok ? parsed.query : DEFAULT_QUERY;

  const navigate = useCallback(
    (next: WorkOrderQuery, { replace = false }: { replace?: boolean } = {}) => {
      const qs = toQueryString(next);
      const href = qs ? `${pathname}?${qs}` : pathname;
      if (replace) router.replace(href, { scroll: false });
      else router.push(href, { scroll: false });
    },
    [pathname, router],
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
