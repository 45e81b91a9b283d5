'use client';

import DownloadIcon from '@mui/icons-material/Download';
import FilterListIcon from '@mui/icons-material/FilterList';
import RestartAltIcon from '@mui/icons-material/RestartAlt';
import SearchIcon from '@mui/icons-material/Search';
import Badge from '@mui/material/Badge';
import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import { useTranslations } from 'next-intl';
import { exportUrl } from '@/lib/client/api';
import type { SavedViewDto } from '@/lib/shared/saved-views';
import { toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { ColumnChooser } from './ColumnChooser';
import { DoubtSortButton } from './DoubtSortButton';
import { SavedViewsMenu } from './SavedViewsMenu';
import { useSearchText } from './use-search-text';

/** Above the list: the search box, the Filters button, saved views, columns, export and reset. */
export function WorkOrderToolbar({
  query,
  total,
  filterCount,
  filtersOpen,
  canShare,
  onToggleFilters,
  update,
  navigate,
  reset,
  onOpenView,
  onMessage,
}: {
  query: WorkOrderQuery;
  /** How many work orders match (what an export would hold). */
  total: number;
  filterCount: number;
  filtersOpen: boolean;
  /** May save views shared with everyone. */
  canShare: boolean;
  onToggleFilters(): void;
  update(change: Partial<WorkOrderQuery>, options?: { replace?: boolean }): void;
  navigate(next: WorkOrderQuery): void;
  reset(): void;
  onOpenView(view: SavedViewDto): void;
  onMessage(message: string, severity?: 'success' | 'error'): void;
}) {
  const t = useTranslations('workOrders');
  const search = useSearchText(query.q, (q, options) => update({ q }, options));

  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1 }}>
      <TextField
        size="small"
        type="search"
        label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={search.text}
        inputRef={search.inputRef}
        onChange={(event) => search.onText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') search.submit();
        }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
          htmlInput: { maxLength: search.maxLength },
        }}
        sx={{ flex: '1 1 280px', maxWidth: 480 }}
      />
      <Badge badgeContent={filterCount} color="primary">
        <Button
          variant={filtersOpen ? 'contained' : 'outlined'}
          startIcon={<FilterListIcon />}
          onClick={onToggleFilters}
          aria-expanded={filtersOpen}
          // The panel is not in the page while closed: point at it only when it is.
          aria-controls={filtersOpen ? 'work-order-filters' : undefined}
        >
          {t('filters.button')}
        </Button>
      </Badge>
      <DoubtSortButton query={query} update={update} />
      <SavedViewsMenu query={query} canShare={canShare} onOpen={onOpenView} onMessage={onMessage} />
      <ColumnChooser columns={query.columns} onChange={(columns) => navigate({ ...query, columns })} />
      <Tooltip title={t('export.tooltip')} describeChild>
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          href={exportUrl(toQueryString(query, ['page', 'pageSize']))}
          download
          disabled={total === 0}
        >
          {t('export.withCount', { count: total })}
        </Button>
      </Tooltip>
      <Tooltip title={t('resetHint')} describeChild>
        <Button startIcon={<RestartAltIcon />} onClick={reset}>
          {t('reset')}
        </Button>
      </Tooltip>
    </Stack>
  );
}
