'use client';

import DownloadIcon from '@mui/icons-material/Download';
import AddIcon from '@mui/icons-material/Add';
import FilterListIcon from '@mui/icons-material/FilterList';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import InputAdornment from '@mui/material/InputAdornment';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import type { GridRowSelectionModel } from '@mui/x-data-grid';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import useSWR from 'swr';
import { ApiError, errorMessage, exportUrl, fetchJson, requestSync, searchUrl } from '@/lib/client/api';
import { ButtonLink } from '@/components/layout/ButtonLink';
import { PageHeader } from '@/components/layout/PageHeader';
import { StatusMessage } from '@/components/layout/StatusMessage';
import { parseWorkOrderQuery, toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import type { WorkOrderSearchResult } from '@/lib/shared/work-order-list';
import { roleAtLeast, type Role } from '@/lib/shared/roles';
import type { SavedViewDto } from '@/lib/shared/saved-views';
import { BulkReviewBar, type Selection } from './BulkReviewBar';
import { ColumnChooser } from './ColumnChooser';
import { FilterPanel } from './FilterPanel';
import { TaskFilterChips } from './TaskFilterChips';
import { SavedViewsMenu } from './SavedViewsMenu';
import { SyncStatus } from './SyncStatus';
import { useListQuery } from './use-list-query';
import { WorkOrderGrid } from './WorkOrderGrid';

const SEARCH_DEBOUNCE_MS = 300;
const EMPTY_SELECTION: Selection = { ids: [], allMatching: false };

function countFilters(query: WorkOrderQuery): number {
  return (
    query.metadata.length +
    query.tags.length +
    query.types.length +
    query.engineers.length +
    query.groups.length +
    [query.progressMin, query.progressMax, query.createdFrom, query.createdTo, query.updatedFrom, query.updatedTo, query.reviewedFrom, query.reviewedTo, query.corrected, query.conformity, query.assigned, query.taskGroup, query.task, query.taskState].filter(
      (value) => value !== null,
    ).length +
    (query.review !== 'to_review' ? 1 : 0)
  );
}

/**
 * The work-order list: search box, filters, saved views, columns, export, the grid and bulk
 * review. Everything it shows follows the URL; the first page comes from the server render.
 */
export function WorkOrderList({ initial, initialQuery, role }: { initial: WorkOrderSearchResult; initialQuery: string; role: Role }) {
  const t = useTranslations('workOrders');
  const { query, queryString, navigate, update, reset } = useListQuery();
  const { data, error, isLoading, isValidating, mutate } = useSWR<WorkOrderSearchResult>(searchUrl(queryString), fetchJson, {
    fallbackData: queryString === initialQuery ? initial : undefined,
    keepPreviousData: true,
    revalidateOnFocus: true,
  });
  const result = data ?? initial;
  const canReview = roleAtLeast(role, 'supervisor');
  const filterCount = countFilters(query);

  const [filtersOpen, setFiltersOpen] = useState(filterCount > 0);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [message, setMessage] = useState<{ text: string; severity: 'success' | 'error' } | null>(null);

  // The search box follows the URL (back/forward, reset) and writes to it after a pause.
  const [text, setText] = useState(query.q ?? '');
  const [shownQ, setShownQ] = useState(query.q);
  if (shownQ !== query.q) {
    setShownQ(query.q);
    setText(query.q ?? '');
  }
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => (debounce.current ? clearTimeout(debounce.current) : undefined), []);
  const onText = (value: string) => {
    setText(value);
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => update({ q: value.trim().slice(0, 200) || null }, { replace: true }), SEARCH_DEBOUNCE_MS);
  };

  // A new filter is a new set of rows: a selection made for the old one must not carry over.
  const [selectionKey, setSelectionKey] = useState(toQueryString(query, ['page', 'pageSize', 'cols', 'sort']));
  const currentKey = toQueryString(query, ['page', 'pageSize', 'cols', 'sort']);
  if (selectionKey !== currentKey) {
    setSelectionKey(currentKey);
    setSelection(EMPTY_SELECTION);
  }

  const listHref = queryString ? `/work-orders?${queryString}` : '/work-orders';
  const gridSelection: GridRowSelectionModel = selection.allMatching
    ? { type: 'exclude', ids: new Set() }
    : { type: 'include', ids: new Set(selection.ids) };

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

      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1 }}>
        <TextField
          size="small"
          type="search"
          label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={text}
          onChange={(event) => onText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              if (debounce.current) clearTimeout(debounce.current);
              update({ q: text.trim().slice(0, 200) || null });
            }
          }}
          slotProps={{
            input: { startAdornment: <InputAdornment position="start"><SearchIcon fontSize="small" /></InputAdornment> },
            htmlInput: { maxLength: 200 },
          }}
          sx={{ flex: '1 1 280px', maxWidth: 480 }}
        />
        <Badge badgeContent={filterCount} color="primary">
          <Button
            variant={filtersOpen ? 'contained' : 'outlined'}
            startIcon={<FilterListIcon />}
            onClick={() => setFiltersOpen((open) => !open)}
            aria-expanded={filtersOpen}
            aria-controls="work-order-filters"
          >
            {t('filters.button')}
          </Button>
        </Badge>
        <SavedViewsMenu query={query} canShare={canReview} onOpen={openView} onMessage={notify} />
        <ColumnChooser columns={query.columns} onChange={(columns) => navigate({ ...query, columns })} />
        <Tooltip title={t('export.tooltip')} describeChild>
          <Button variant="outlined" startIcon={<DownloadIcon />} href={exportUrl(toQueryString(query, ['page', 'pageSize']))} download disabled={result.total === 0}>
            {t('export.withCount', { count: result.total })}
          </Button>
        </Tooltip>
        <Tooltip title={t('resetHint')} describeChild>
          <Button startIcon={<RestartAltIcon />} onClick={reset}>
            {t('reset')}
          </Button>
        </Tooltip>
      </Stack>

      <TaskFilterChips query={query} update={(change) => update(change)} />

      <Collapse in={filtersOpen} id="work-order-filters">
        <FilterPanel query={query} facets={result.facets} update={(change) => update(change)} />
      </Collapse>

      {canReview && (selection.ids.length > 0 || selection.allMatching) ? (
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
        <Paper variant="outlined" sx={{ height: { xs: 560, md: 'calc(100vh - 300px)' }, minHeight: 420 }}>
          <WorkOrderGrid
            rows={result.rows}
            total={result.total}
            query={query}
            listHref={listHref}
            loading={isValidating && !data}
            selectable={canReview}
            selection={gridSelection}
            onSelectionChange={(model) => {
              if (model.type === 'exclude') {
                // The header checkbox: the visible page. "All N matching" is a separate, explicit step.
                setSelection({ ids: result.rows.map((row) => row.id).filter((id) => !model.ids.has(id)), allMatching: false });
              } else {
                setSelection({ ids: [...model.ids].map(String), allMatching: false });
              }
            }}
            onSortChange={(sort) => update({ sort })}
            onPageChange={(page, pageSize) => navigate({ ...query, page: pageSize !== query.pageSize ? 1 : page, pageSize })}
          />
        </Paper>
      )}

      <Snackbar open={message !== null} autoHideDuration={5000} onClose={() => setMessage(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        {message ? (
          <Alert severity={message.severity} onClose={() => setMessage(null)} variant="filled">
            {message.text}
          </Alert>
        ) : undefined}
      </Snackbar>
    </Box>
  );
}
