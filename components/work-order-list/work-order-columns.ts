import { SORT_FIELDS, type Column, type SortField, type WorkOrderSort } from '@/lib/shared/work-order-filters';

/** Columns of dates, shown in the user's language with the exact instant on hover. */
export const DATE_COLUMNS: ReadonlySet<Column> = new Set<Column>(['createDate', 'updateDate', 'reviewDate', 'reviewedAt']);
/** Columns of task counts, right-aligned figures. */
export const COUNT_COLUMNS: ReadonlySet<Column> = new Set<Column>([
  'tasksValidated',
  'tasksNotValidated',
  'tasksNotAnalyzed',
  'tasksCorrected',
  'conformityErrors',
]);
/** Columns holding several values, shown as chips. */
export const LIST_COLUMNS: ReadonlySet<Column> = new Set<Column>(['tags', 'workOrderTypes', 'userGroupIds']);

export function isSortable(column: Column): column is SortField {
  return (SORT_FIELDS as readonly string[]).includes(column);
}

/**
 * The sort a click on a column's header asks for: the same column flips its direction, another
 * column starts ascending.
 */
export function nextSort(current: WorkOrderSort, column: SortField): WorkOrderSort {
  if (current.field === column) return { field: column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { field: column, direction: 'asc' };
}
