'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { auditFilters, NO_AUDIT_FILTERS, parseAuditQuery, toAuditSearchParams, type AuditFilters } from '@/lib/shared/audit-query';

/**
 * The audit page's filters ARE the URL: read from the address bar, changed by navigating
 * (`push`, so back and forward step through them, and a copied link opens the same rows).
 */
export function useAuditFilters() {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const raw = searchParams.toString();
  const filters = useMemo(() => {
    const parsed = parseAuditQuery(raw);
    return parsed.ok ? auditFilters(parsed.query) : NO_AUDIT_FILTERS;
  }, [raw]);

  const navigate = useCallback(
    (next: AuditFilters) => {
      const qs = toAuditSearchParams(next).toString();
      router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [pathname, router],
  );

  const update = useCallback((change: Partial<AuditFilters>) => navigate({ ...filters, ...change }), [filters, navigate]);

  return {
    filters,
    /** The canonical query string of the filters ('' = the whole log). */
    queryString: toAuditSearchParams(filters).toString(),
    update,
    clear: () => navigate(NO_AUDIT_FILTERS),
  };
}
