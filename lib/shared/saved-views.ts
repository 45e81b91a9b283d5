import { DOUBT_SORT, REVIEW_QUEUE_QUERY } from './doubt';
import { DEFAULT_COLUMNS, DEFAULT_QUERY, toQueryString, type Column } from './work-order-filters';

/** A saved view as `/api/saved-views` returns it (built by the saved-views DAL, read by the list). */
export interface SavedViewDto {
  id: string;
  name: string;
  shared: boolean;
  query: string;
  columns: Column[];
  owner: { id: string; name: string | null; email: string };
  mine: boolean;
  /** Whether the current user may rename, re-share or delete it. */
  editable: boolean;
  updatedAt: string;
}

/**
 * The built-in "Review queue", offered to everyone beside their saved views and opened for a
 * user who has none of their own yet: to review, most doubtful first, with the doubt column.
 */
export const REVIEW_QUEUE_COLUMNS: readonly Column[] = [...DEFAULT_COLUMNS, DOUBT_SORT];
export const REVIEW_QUEUE_PATH = `/work-orders?${toQueryString({
  ...DEFAULT_QUERY,
  sort: { field: DOUBT_SORT, direction: 'desc' },
  columns: [...REVIEW_QUEUE_COLUMNS],
})}`;

/** The built-in view as a saved view (named in the user's language), for the views menu to open. */
export function reviewQueueView(name: string): SavedViewDto {
  return {
    id: 'built-in:review-queue',
    name,
    shared: true,
    query: REVIEW_QUEUE_QUERY,
    columns: [...REVIEW_QUEUE_COLUMNS],
    owner: { id: '', name: null, email: '' },
    mine: false,
    editable: false,
    updatedAt: '',
  };
}
