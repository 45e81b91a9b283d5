/**
 * The upstream check's report (what the configured Deepomatic site answers, which optional
 * fields it sends, what runs degraded) and what the index sync saw of the work-order list: the
 * shapes the server builds and the admin page and `npm run check-upstream` put in words. Codes
 * and counts only, never a value from the site.
 */

export const READS = [
  'task_groups',
  'task_group_slashless',
  'task_group_slashed',
  'work_orders',
  'work_order',
  'work_order_without_inputs',
  'timeline',
] as const;
export type ReadName = (typeof READS)[number];

/** What one answer looked like: its kind and sizes, no values. */
export type AnswerShape =
  | { kind: 'task_group_list'; taskGroups: number }
  | { kind: 'task_group'; tasks: number }
  | { kind: 'work_order_page'; count: number; rows: number; more: boolean }
  | { kind: 'work_order'; taskGroups: number; tasks: number; unreadableTasks: number; inputs: number | null }
  | { kind: 'timeline'; events: number };

export interface ReadReport {
  read: ReadName;
  /** The path as the API writes it (`work-orders/{id}/`), with its query when it has one. */
  path: string;
  /** HTTP status of the last answer; null when none came (unreachable, timeout) or the read was skipped. */
  status: number | null;
  /** `ok`, `skipped` (nothing to read it with), or our error code. */
  outcome: string;
  shape: AnswerShape | null;
  /** What the answer lacked or could not be read of (note paths, e.g. `task.state.color`). */
  notes: string[];
}

/** What the work-order list does with the parameters nothing documents (null: could not tell). */
export interface ListReport {
  pageSizeHonoured: boolean | null;
  /** Rows on a page when the site ignores `page_size`. */
  sitePageSize: number | null;
  orderingHonoured: boolean | null;
  updatedAfterHonoured: boolean | null;
  /** Summary fields the list rows lack (each such work order is read in full by the sync). */
  rowFieldsAbsent: string[];
}

export type Provided = 'yes' | 'no' | 'unknown';

export interface FieldReport {
  /** An optional field as its note path, e.g. `work_order.update_date`. */
  path: string;
  /** `unknown`: no answer showed this shape (no task state, no input; the check never analyses). */
  provided: Provided;
}

export const DEGRADATIONS = [
  'create_date',
  'update_date',
  'site_and_version',
  'engineer_name',
  'task_sentence',
  'task_group_from_nesting',
  'outcome_type',
  'conformity_status',
  'outcome_validation',
  'verdict_from_rules',
  'state_update_date',
  'task_group_display',
  'input_details',
  'input_url',
  'unreadable_tasks',
  'list_rows_thin',
  'list_updated_after_ignored',
  'list_ordering_ignored',
  'list_page_size_ignored',
  'task_group_by_name_unavailable',
  'timeline_unavailable',
  'include_inputs_ignored',
] as const;
export type DegradationKey = (typeof DEGRADATIONS)[number];

export interface Degradation {
  key: DegradationKey;
  /** The fields behind it (note paths, or list-row field names). */
  fields?: string[];
  /** The site's page size (`list_page_size_ignored`). */
  size?: number;
}

export type Blocker = 'not_configured' | 'auth_failed' | 'unreachable' | 'task_groups_unreadable' | 'work_orders_unreadable';

export interface UpstreamCheckReport {
  checkedAt: string;
  durationMs: number;
  usable: boolean;
  /** Why the site cannot be used; null when it can. */
  blocker: Blocker | null;
  reads: ReadReport[];
  list: ListReport | null;
  fields: FieldReport[];
  degraded: Degradation[];
}

/** The last check as the admin page gets it. */
export interface UpstreamCheckState {
  report: UpstreamCheckReport | null;
  /** E-mail of the admin who ran the check shown. */
  checkedBy: string | null;
}

/**
 * What the index sync saw of the work-order list on its last runs (see
 * `lib/server/index/list-findings.ts` for what each one changes).
 */
export interface ListFindings {
  updatedAfterIgnored: boolean;
  orderingIgnored: boolean;
  /** The site's own page size when it ignores `page_size`; null when pages have the size asked for. */
  sitePageSize: number | null;
  /** Summary fields some list rows lacked. */
  rowFieldsAbsent: string[];
}

/** The sync's findings as the degradations they cause, in the check's words. */
export function findingsAsDegradations(findings: ListFindings): Degradation[] {
  const out: Degradation[] = [];
  if (findings.rowFieldsAbsent.length > 0) out.push({ key: 'list_rows_thin', fields: [...findings.rowFieldsAbsent] });
  if (findings.updatedAfterIgnored) out.push({ key: 'list_updated_after_ignored' });
  if (findings.orderingIgnored) out.push({ key: 'list_ordering_ignored' });
  if (findings.sitePageSize !== null) out.push({ key: 'list_page_size_ignored', size: findings.sitePageSize });
  return out;
}
