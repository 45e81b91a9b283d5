import type { DoubtReason } from './doubt';

/**
 * What the work-order list (and its CSV export) shows per work order: a row of the index, in
 * the same field names as the work order's DTO. Shared by the search DAL and the grid; each
 * field is also a column of the grid (`Column`).
 */
export interface WorkOrderListItem {
  id: string;
  name: string;
  siteId: string | null;
  appVersionId: string | null;
  /** Top-level metadata values as text. */
  metadata: Record<string, string>;
  tags: string[];
  workOrderTypes: string[];
  fieldEngineerEmail: string | null;
  fieldEngineerName: string | null;
  userGroupIds: string[];
  /** Null when the upstream does not send it (the API does not document either date). */
  createDate: string | null;
  updateDate: string | null;
  reviewDate: string | null;
  reviewedAt: string | null;
  reviewStatus: 'to_review' | 'reviewed';
  progressScore: number;
  /** Task counts: null until a detail read told us. */
  tasksTotal: number | null;
  tasksValidated: number | null;
  tasksNotValidated: number | null;
  tasksNotAnalyzed: number | null;
  tasksCorrected: number | null;
  conformityErrors: number | null;
  /** Higher = look first (`lib/shared/doubt.ts`); 0 until scored. */
  doubtScore: number;
  /** The heaviest reasons behind it, heaviest first. */
  doubtReasons: DoubtReason[];
  syncedAt: string;
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
