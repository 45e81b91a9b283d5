import type { Column } from './work-order-filters';

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
