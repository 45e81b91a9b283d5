'use client';

import AddIcon from '@mui/icons-material/Add';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { Suspense, useState } from 'react';
import useSWR from 'swr';
import { ApiError, errorMessage, fetchJson, requestSync, searchUrl } from '@/lib/client/api';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { PageHeader } from '@/components/layout/PageHeader';
import { StatusMessage } from '@/components/layout/StatusMessage';
import { parseWorkOrderQuery, toQueryString } from '@/lib/shared/work-order-filters';
import type { WorkOrderSearchResult } from '@/lib/shared/work-order-list';
import { roleAtLeast, type Role } from '@/lib/shared/roles';
import type { SavedViewDto } from '@/lib/shared/saved-views';
import type { Selection } from './BulkReviewBar';
import { countFilters } from './filter-count';
import { TaskFilterChips } from './TaskFilterChips';
import { SyncStatus } from './SyncStatus';
import { useListQuery } from './use-list-query';
import { WorkOrderGrid } from './WorkOrderGrid';
import { WorkOrderToolbar } from './WorkOrderToolbar';

// Loaded when first shown (filters opened, rows ticked): most visits need neither, and the
// filter fields and the confirmation dialog are a good part of the list's script.
const FilterPanel = dynamic(() => import('./FilterPanel').then((module) => module.FilterPanel));
const BulkReviewBar = dynamic(() => import('./BulkReviewBar').then((module) => module.BulkReviewBar));

const EMPTY_SELECTION: Selection = { ids: [], allMatching: false };

/**
 * The work-order list: search box, filters, saved views, columns, export, the grid and bulk
 * review. Everything it shows follows the URL; the first page comes from the server render.
 */
export function WorkOrderList({ initial, initialQuery, role }: { initial: WorkOrderSearchResult; initialQuery: string; role: Role }) {
  const t = useTranslations('workOrders');
  const { query, queryString, navigate, update, reset } = useListQuery();
  const { data, error, isLoading, isValidating, mutate } = useSWR<WorkOrderSearchResult>(searchUrl(queryString), fetchJson, {
    fallbackData: queryString === initialQuery ? initial : undefined,
    // The server has just rendered this page's rows: asking again at once would only repeat them.
    revalidateOnMount: queryString !== initialQuery,
    keepPreviousData: true,
    revalidateOnFocus: true,
  });
  const result = data ?? initial;
  const canReview = roleAtLeast(role, 'supervisor');
  const filterCount = countFilters(query);

  const [filtersOpen, setFiltersOpen] = useState(filterCount > 0);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [message, setMessage] = useState<{ text: string; severity: 'success' | 'error' } | null>(null);

  // A new filter is a new set of rows: a selection made for the old one must not carry over.
  const [selectionKey, setSelectionKey] = useState(toQueryString(query, ['page', 'pageSize', 'cols', 'sort']));
  const currentKey = toQueryString(query, ['page', 'pageSize', 'cols', 'sort']);
  if (selectionKey !== currentKey) {
    setSelectionKey(currentKey);
    setSelection(EMPTY_SELECTION);
  }

  const listHref = queryString ? `/work-orders?${queryString}` : '/work-orders';
  const selectedIds = new Set(selection.ids);

  const notify = (text: string, severity: 'success' | 'error' = 'success') => setMessage({ text, severity });

  const openView = (view: SavedViewDto) => {
    const parsed = parseWorkOrderQuery(view.query);
    if (parsed.ok) navigate({ ...parsed.query, columns: view.columns.length ? view.columns : parsed.query.columns, page: 1 });
  };

  const syncNow = async () => {
    try {
      const answer = await requestSync();
      notify(answer.started ? t('sync.started') : t('sync.already'));
      setTimeout(() => void mutate(), 2_000);
    } catch (caught) {
      notify(errorMessage(caught), 'error');
    }
  };

  const loadError = error instanceof ApiError ? error : error ? new ApiError(null, null) : null;

  return (
    <Box>
      <PageHeader
        title={t('title')}
        count={t('count', { count: result.total })}
        sx={{ mb: 2 }}
        actions={
          <>
            <SyncStatus sync={result.sync} canSync={role === 'admin'} onSyncNow={() => void syncNow()} />
            {canReview ? (
              <ButtonLink href="/work-orders/new" variant="contained" startIcon={<AddIcon />}>
                {t('create')}
              </ButtonLink>
            ) : null}
          </>
        }
      />

      <WorkOrderToolbar
        query={query}
        total={result.total}
        filterCount={filterCount}
        filtersOpen={filtersOpen}
        canShare={canReview}
        onToggleFilters={() => setFiltersOpen((open) => !open)}
        update={update}
        navigate={navigate}
        reset={reset}
        onOpenView={openView}
        onMessage={notify}
      />

      <TaskFilterChips query={query} update={(change) => update(change)} />

      {/* Closed, the panel is not rendered at all: its fields cost nothing until asked for. */}
      {/* Each piece loaded on first use waits in its own boundary: suspended, it would otherwise
          hand the whole page to the route's loading skeleton while its code arrives. */}
      <Collapse in={filtersOpen} id="work-order-filters" unmountOnExit>
        <Suspense fallback={null}>
          <FilterPanel query={query} facets={result.facets} update={(change) => update(change)} />
        </Suspense>
      </Collapse>

      {canReview && (selection.ids.length > 0 || selection.allMatching) ? (
        <Suspense fallback={null}>
          <BulkReviewBar
            selection={selection}
            total={result.total}
            pageCount={result.rows.length}
            queryString={toQueryString(query, ['page', 'pageSize', 'cols'])}
            onSelectAll={() => setSelection({ ids: selection.ids, allMatching: true })}
            onClear={() => setSelection(EMPTY_SELECTION)}
            onDone={(text) => {
              setSelection(EMPTY_SELECTION);
              notify(text);
              void mutate();
            }}
          />
        </Suspense>
      ) : null}

      {loadError && !data ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void mutate()}>
              {t('error.retry')}
            </Button>
          }
        >
          {t('error.title')} — {loadError.body?.message ?? loadError.code}
        </Alert>
      ) : result.total === 0 && !isLoading ? (
        <Paper variant="outlined">
          <StatusMessage
            headingLevel="h2"
            title={t('empty.title')}
            description={result.sync.total === 0 ? t('empty.index') : t('empty.filtered')}
            actions={
              filterCount > 0 || query.q ? (
                <Button variant="outlined" onClick={reset} startIcon={<RestartAltIcon />}>
                  {t('reset')}
                </Button>
              ) : undefined
            }
          />
        </Paper>
      ) : (
        <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
          <WorkOrderGrid
            rows={result.rows}
            total={result.total}
            query={query}
            listHref={listHref}
            loading={isValidating}
            selectable={canReview}
            selectedIds={selectedIds}
            allSelected={selection.allMatching}
            // The header checkbox ticks the visible page; "all N matching" is a separate, explicit step.
            onSelectionChange={(ids) => setSelection({ ids, allMatching: false })}
            onSortChange={(sort) => update({ sort })}
            onPageChange={(page, pageSize) => navigate({ ...query, page: pageSize !== query.pageSize ? 1 : page, pageSize })}
          />
        </Paper>
      )}

      <Snackbar
        open={message !== null}
        autoHideDuration={5000}
        onClose={() => setMessage(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {message ? (
          <Alert severity={message.severity} onClose={() => setMessage(null)} variant="filled">
            {message.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Box>
  );
}
