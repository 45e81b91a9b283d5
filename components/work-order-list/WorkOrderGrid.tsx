'use client';

import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import { DataGrid, type GridColDef, type GridRowSelectionModel, type GridSortModel } from '@mui/x-data-grid';
import { deDE, enUS, esES, frFR } from '@mui/x-data-grid/locales';
import NextLink from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { COLUMNS, PAGE_SIZES, SORT_FIELDS, type Column, type SortField, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import type { WorkOrderListItem } from '@/lib/shared/work-order-list';
import { DoubtReasons } from './DoubtReasons';
import { ProgressCell } from './ProgressCell';

const GRID_LOCALES = { en: enUS, fr: frFR, de: deDE, es: esES } as const;

const DATE_COLUMNS = new Set<Column>(['createDate', 'updateDate', 'reviewDate', 'reviewedAt']);
const COUNT_COLUMNS = new Set<Column>(['tasksValidated', 'tasksNotValidated', 'tasksNotAnalyzed', 'tasksCorrected', 'conformityErrors']);
const LIST_COLUMNS = new Set<Column>(['tags', 'workOrderTypes', 'userGroupIds']);

const WIDTH: Partial<Record<Column, number>> = {
  name: 240,
  id: 290,
  fieldEngineerEmail: 220,
  progressScore: 150,
  metadata: 260,
  reviewStatus: 120,
  doubtScore: 380,
};

function ChipList({ values }: { values: string[] }) {
  return (
    <Stack direction="row" spacing={0.5} sx={{ overflow: 'hidden', alignItems: 'center', height: '100%' }}>
      {values.map((value) => (
        <Chip key={value} label={value} size="small" variant="outlined" />
      ))}
    </Stack>
  );
}

export interface WorkOrderGridProps {
  rows: WorkOrderListItem[];
  total: number;
  query: WorkOrderQuery;
  /** The list URL (path + query) a work order link passes on, for "back to search". */
  listHref: string;
  loading: boolean;
  selectable: boolean;
  selection: GridRowSelectionModel;
  onSelectionChange(model: GridRowSelectionModel): void;
  onSortChange(sort: WorkOrderQuery['sort']): void;
  onPageChange(page: number, pageSize: number): void;
}

/**
 * The list itself: MUI X DataGrid in server mode for sort and pagination (the index answers),
 * its own filter panel and column menu switched off — filters and columns live in the URL and
 * in our filter bar, so the grid never holds state the URL does not show.
 */
export function WorkOrderGrid(props: WorkOrderGridProps) {
  const { rows, total, query, listHref, loading, selectable, selection, onSelectionChange, onSortChange, onPageChange } = props;
  const t = useTranslations('workOrders');
  const format = useFormatter();
  const locale = useLocale() as keyof typeof GRID_LOCALES;

  const columns = useMemo<GridColDef<WorkOrderListItem>[]>(
    () =>
      COLUMNS.map((column): GridColDef<WorkOrderListItem> => {
        const base: GridColDef<WorkOrderListItem> = {
          field: column,
          headerName: t(`columns.${column}`),
          sortable: (SORT_FIELDS as readonly string[]).includes(column),
          width: WIDTH[column] ?? (COUNT_COLUMNS.has(column) ? 120 : 170),
          ...(column === 'name' ? { flex: 1, minWidth: 200 } : {}),
        };
        if (column === 'name') {
          return {
            ...base,
            renderCell: ({ row }) => (
              <Link
                component={NextLink}
                href={`/work-orders/${encodeURIComponent(row.id)}?from=${encodeURIComponent(listHref)}`}
                aria-label={t('open', { name: row.name || row.id })}
                underline="hover"
              >
                {row.name || row.id}
              </Link>
            ),
          };
        }
        if (column === 'doubtScore') return { ...base, renderCell: ({ row }) => <DoubtReasons score={row.doubtScore} reasons={row.doubtReasons} /> };
        if (column === 'progressScore') return { ...base, type: 'number', renderCell: ({ row }) => <ProgressCell score={row.progressScore} /> };
        if (column === 'reviewStatus') {
          return {
            ...base,
            renderCell: ({ row }) => (
              <Chip
                size="small"
                label={t(`reviewStatus.${row.reviewStatus}`)}
                color={row.reviewStatus === 'reviewed' ? 'success' : 'default'}
                variant={row.reviewStatus === 'reviewed' ? 'filled' : 'outlined'}
              />
            ),
          };
        }
        if (DATE_COLUMNS.has(column)) {
          return {
            ...base,
            valueGetter: (_value, row) => row[column as 'createDate'],
            renderCell: ({ value }) =>
              value ? (
                <Tooltip title={value as string} describeChild>
                  <span>{format.dateTime(new Date(value as string), { dateStyle: 'medium', timeStyle: 'short' })}</span>
                </Tooltip>
              ) : (
                t('unknown')
              ),
          };
        }
        if (COUNT_COLUMNS.has(column)) {
          return { ...base, type: 'number', valueFormatter: (value: number | null) => (value === null ? t('unknown') : String(value)) };
        }
        if (LIST_COLUMNS.has(column)) {
          return { ...base, renderCell: ({ row }) => <ChipList values={row[column as 'tags']} /> };
        }
        if (column === 'metadata') {
          return {
            ...base,
            valueGetter: (_value, row) =>
              Object.entries(row.metadata)
                .map(([key, value]) => `${key}: ${value}`)
                .join(' · '),
          };
        }
        return { ...base, valueFormatter: (value: string | null) => value ?? t('unknown') };
      }),
    [t, format, listHref],
  );

  const visibility = useMemo(() => Object.fromEntries(COLUMNS.map((column) => [column, query.columns.includes(column)])), [query.columns]);
  const sortModel: GridSortModel = [{ field: query.sort.field, sort: query.sort.direction }];

  return (
    <DataGrid
      aria-label={t('grid.label')}
      rows={rows}
      columns={columns}
      getRowId={(row) => row.id}
      rowCount={total}
      loading={loading}
      paginationMode="server"
      sortingMode="server"
      filterMode="server"
      disableColumnFilter
      disableColumnMenu
      sortingOrder={['asc', 'desc']}
      sortModel={sortModel}
      onSortModelChange={(model) => {
        const [first] = model;
        if (first?.sort) onSortChange({ field: first.field as SortField, direction: first.sort });
        else onSortChange({ field: query.sort.field, direction: query.sort.direction === 'asc' ? 'desc' : 'asc' });
      }}
      paginationModel={{ page: query.page - 1, pageSize: query.pageSize }}
      onPaginationModelChange={(model) => onPageChange(model.page + 1, model.pageSize)}
      pageSizeOptions={[...PAGE_SIZES]}
      columnVisibilityModel={visibility}
      checkboxSelection={selectable}
      keepNonExistentRowsSelected
      rowSelectionModel={selection}
      onRowSelectionModelChange={onSelectionChange}
      disableRowSelectionOnClick
      density="compact"
      localeText={GRID_LOCALES[locale]?.components.MuiDataGrid.defaultProps.localeText}
      sx={{ border: 0 }}
    />
  );
}
