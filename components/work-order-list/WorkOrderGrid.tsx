'use client';

import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import { useFormatter, useTranslations } from 'next-intl';
import { PAGE_SIZES, toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import type { WorkOrderListItem } from '@/lib/shared/work-order-list';
import { IntentPrefetchLink } from '@/components/layout/IntentPrefetchLink';
import { useHydrated } from './use-hydrated';
import { cellContent } from './WorkOrderCell';
import { isSortable, nextSort } from './work-order-columns';
import { WORK_ORDER_TABLE_SX } from './work-order-table-style';

export interface WorkOrderGridProps {
  rows: WorkOrderListItem[];
  total: number;
  query: WorkOrderQuery;
  /** The list URL (path + query) a work order link passes on, for "back to search". */
  listHref: string;
  /** A new page of rows is on its way (the rows shown are the previous answer). */
  loading: boolean;
  selectable: boolean;
  /** Ticked rows of this page, or every row when all matching rows are selected. */
  selectedIds: ReadonlySet<string>;
  allSelected: boolean;
  onSelectionChange(ids: string[]): void;
  onSortChange(sort: WorkOrderQuery['sort']): void;
  onPageChange(page: number, pageSize: number): void;
}

/**
 * The list itself: a plain table of the page the index answered (sorted and paginated on the
 * server), so its rows are in the server's HTML and visible before any script runs. Cells are
 * plain elements styled once by the table (no component per cell to hydrate); only the
 * checkboxes, the sort headers and the pagination are interactive. Everything it shows comes
 * from the URL's query: it holds no state of its own.
 */
export function WorkOrderGrid(props: WorkOrderGridProps) {
  const { rows, total, query, listHref, loading, selectable, selectedIds, allSelected, onSelectionChange, onSortChange, onPageChange } = props;
  const t = useTranslations('workOrders');
  const format = useFormatter();
  const hydrated = useHydrated();
  const columns = query.columns;
  const ticked = rows.filter((row) => allSelected || selectedIds.has(row.id)).length;
  const pageTicked = rows.length > 0 && ticked === rows.length;

  const toggleRow = (id: string, checked: boolean) => {
    const ids = rows.map((row) => row.id).filter((rowId) => (rowId === id ? checked : allSelected || selectedIds.has(rowId)));
    onSelectionChange(ids);
  };

  return (
    <>
      <Box sx={{ height: 4 }}>{loading ? <LinearProgress aria-label={t('grid.loading')} /> : null}</Box>
      <TableContainer sx={{ maxHeight: { md: 'calc(100vh - 320px)' }, minHeight: { md: 360 } }}>
        <Table stickyHeader size="small" aria-label={t('grid.label')} aria-busy={loading} sx={WORK_ORDER_TABLE_SX}>
          <TableHead>
            <TableRow>
              {selectable ? (
                <TableCell padding="checkbox" align="center">
                  <input
                    type="checkbox"
                    className="wo-check"
                    checked={pageTicked}
                    disabled={!hydrated}
                    ref={(box) => {
                      if (box) box.indeterminate = ticked > 0 && !pageTicked;
                    }}
                    onChange={(event) => onSelectionChange(event.target.checked ? rows.map((row) => row.id) : [])}
                    aria-label={t('grid.selectPage')}
                  />
                </TableCell>
              ) : null}
              {columns.map((column) => {
                const sorted = query.sort.field === column ? query.sort.direction : undefined;
                return (
                  <TableCell
                    key={column}
                    className={`wo-col-${column}`}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {isSortable(column) ? (
                      // A link to the sorted list: a click before the page hydrates still sorts
                      // (the browser loads it); once hydrated, the list re-sorts in place.
                      <TableSortLabel
                        component="a"
                        href={`/work-orders?${toQueryString({ ...query, page: 1, sort: nextSort(query.sort, column) })}`}
                        active={sorted !== undefined}
                        direction={sorted ?? 'asc'}
                        onClick={(event) => {
                          event.preventDefault();
                          onSortChange(nextSort(query.sort, column));
                        }}
                      >
                        {t(`columns.${column}`)}
                      </TableSortLabel>
                    ) : (
                      t(`columns.${column}`)
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const checked = allSelected || selectedIds.has(row.id);
              return (
                <tr key={row.id} data-id={row.id} data-selected={checked || undefined}>
                  {selectable ? (
                    <td className="wo-cell wo-select">
                      <input
                        type="checkbox"
                        className="wo-check"
                        checked={checked}
                        disabled={allSelected || !hydrated}
                        onChange={(event) => toggleRow(row.id, event.target.checked)}
                        aria-label={t('grid.selectRow', { name: row.name || row.id })}
                      />
                    </td>
                  ) : null}
                  {columns.map((column) => (
                    <td key={column} className={`wo-cell wo-col-${column}`}>
                      {column === 'name' ? (
                        // A plain link styled by the table (no MUI component per row to hydrate),
                        // prefetching the work order once pointed at or focused, not 50 at once.
                        <IntentPrefetchLink
                          className="wo-link"
                          href={`/work-orders/${encodeURIComponent(row.id)}?from=${encodeURIComponent(listHref)}`}
                          aria-label={t('open', { name: row.name || row.id })}
                        >
                          {row.name || row.id}
                        </IntentPrefetchLink>
                      ) : (
                        cellContent(row, column, { t, format })
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={total}
        page={Math.max(0, Math.min(query.page - 1, Math.max(0, Math.ceil(total / query.pageSize) - 1)))}
        rowsPerPage={query.pageSize}
        rowsPerPageOptions={[...PAGE_SIZES]}
        onPageChange={(_event, page) => onPageChange(page + 1, query.pageSize)}
        onRowsPerPageChange={(event) => onPageChange(1, Number(event.target.value))}
        labelRowsPerPage={t('grid.rowsPerPage')}
        labelDisplayedRows={({ from, to, count }) => t('grid.displayedRows', { from, to, count })}
        getItemAriaLabel={(type) => t(`grid.goTo.${type}`)}
      />
    </>
  );
}
