/**
 * What the work-order list (and its CSV export) shows per work order: a row of the index, in
 * the API's field names. Shared by the search DAL and the grid.
 */
export interface WorkOrderListItem {
  id: string;
  name: string;
  site_id: string | null;
  app_version_id: string | null;
  /** Top-level metadata values as text. */
  metadata: Record<string, string>;
  tags: string[];
  work_order_types: string[];
  field_engineer_email: string | null;
  field_engineer_name: string | null;
  user_group_ids: string[];
  /** Null when the upstream does not send it (the API does not document either date). */
  create_date: string | null;
  update_date: string | null;
  review_date: string | null;
  reviewed_at: string | null;
  review_status: 'to_review' | 'reviewed';
  progress_score: number;
  /** Task counts: null until a detail read told us. */
  tasks_total: number | null;
  tasks_validated: number | null;
  tasks_not_validated: number | null;
  tasks_not_analyzed: number | null;
  tasks_corrected: number | null;
  conformity_errors: number | null;
  synced_at: string;
}

export interface WorkOrderFacetsDto {
  metadataKeys: string[];
  tags: string[];
  types: string[];
  engineers: { email: string; name: string | null }[];
  groups: string[];
}

export interface IndexSyncSummary {
  lastSyncedAt: string | null;
  /** Our error code of the last failed sync, if it failed after the last success. */
  lastError: string | null;
  lastErrorAt: string | null;
  running: boolean;
  total: number;
}

export interface WorkOrderSearchResult {
  rows: WorkOrderListItem[];
  total: number;
  page: number;
  pageSize: number;
  /** The canonical query string of this search (defaults left out). */
  query: string;
  facets: WorkOrderFacetsDto;
  sync: IndexSyncSummary;
}

/** Colour band of a progress score: 0, 1–49, 50–99, 100. */
export type ProgressBand = 'none' | 'low' | 'partial' | 'complete';

export function progressBand(score: number): ProgressBand {
  if (score >= 100) return 'complete';
  if (score >= 50) return 'partial';
  if (score >= 1) return 'low';
  return 'none';
}
