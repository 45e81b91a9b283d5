import { createHash } from 'node:crypto';
import type { NewWorkOrderIndexRow } from '@/lib/server/db/schema/work-order-index';
import type { WorkOrder, WorkOrderSummary } from '@/lib/server/deepomatic/types';

/** The longest text we keep per metadata value / in the free-text haystack. */
const MAX_VALUE_CHARS = 1_000;
const MAX_SEARCH_CHARS = 20_000;

/** Top-level metadata scalars as strings (objects and arrays are kept only as JSON in `metadata`). */
export function metadataAsText(metadata: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      flat[key] = String(value).slice(0, MAX_VALUE_CHARS);
    }
  }
  return flat;
}

function searchText(summary: WorkOrderSummary, flat: Record<string, string>): string {
  const parts = [
    summary.name,
    summary.id,
    summary.field_engineer_email ?? '',
    summary.field_engineer_name ?? '',
    ...Object.entries(flat).flatMap(([key, value]) => [key, value]),
    ...summary.tags,
    ...summary.work_order_types,
  ];
  return parts.filter(Boolean).join(' ').slice(0, MAX_SEARCH_CHARS);
}

/**
 * A fingerprint of every summary field the index keeps, in a fixed order (a detail read and a
 * list row of the same state give the same hash). A list walk compares it with the row's
 * `summary_hash` and rewrites only rows whose summary changed.
 */
export function summaryHash(summary: WorkOrderSummary): string {
  const fields = [
    summary.id,
    summary.name,
    summary.site_id,
    summary.app_version_id,
    summary.create_date,
    summary.update_date,
    summary.review_date,
    summary.metadata,
    summary.tags,
    summary.field_engineer_email,
    summary.field_engineer_name,
    summary.user_group_ids,
    summary.work_order_types,
    summary.progress_score,
  ];
  return createHash('sha1').update(JSON.stringify(fields)).digest('base64url');
}

/**
 * An index row as built from the upstream: the dates are null when the upstream sent none
 * (`upsertIndexRows` then fills in Field Review's stand-ins).
 */
export type UpstreamIndexRow = Omit<NewWorkOrderIndexRow, 'createDate' | 'updateDate'> & { createDate: Date | null; updateDate: Date | null };

/** Index columns that come from a list row (summary): everything but the task counts. */
export function summaryToRow(summary: WorkOrderSummary, now = new Date()): UpstreamIndexRow {
  const flat = metadataAsText(summary.metadata);
  return {
    id: summary.id,
    name: summary.name,
    siteId: summary.site_id,
    appVersionId: summary.app_version_id,
    metadata: summary.metadata,
    metadataText: flat,
    tags: summary.tags,
    workOrderTypes: summary.work_order_types,
    fieldEngineerEmail: summary.field_engineer_email?.toLowerCase() ?? null,
    fieldEngineerName: summary.field_engineer_name,
    userGroupIds: summary.user_group_ids,
    // Unknown dates travel as null: the upsert keeps (or starts) Field Review's own stand-in.
    createDate: summary.create_date ? new Date(summary.create_date) : null,
    updateDate: summary.update_date ? new Date(summary.update_date) : null,
    createDateKnown: summary.create_date !== null,
    updateDateKnown: summary.update_date !== null,
    reviewDate: summary.review_date ? new Date(summary.review_date) : null,
    progressScore: Math.round(summary.progress_score),
    searchText: searchText(summary, flat),
    summaryHash: summaryHash(summary),
    syncedAt: now,
  };
}

export interface TaskCounts {
  tasksTotal: number;
  tasksValidated: number;
  tasksNotValidated: number;
  tasksNotAnalyzed: number;
  tasksCorrected: number;
}

/**
 * Counts over the tasks that take part in conformity (`conformity_status`), each task id
 * once (a work order whose types share a task group lists a task twice), so the counts add
 * up to what `progress_score` is computed from. "Validated" is the upstream's own verdict
 * (`state.is_conformity_validated`). Corrections count on every task.
 */
export function taskCounts(tasks: WorkOrder['tasks']): TaskCounts {
  const seen = new Set<string>();
  const counts: TaskCounts = { tasksTotal: 0, tasksValidated: 0, tasksNotValidated: 0, tasksNotAnalyzed: 0, tasksCorrected: 0 };
  for (const task of tasks) {
    if (seen.has(task.id)) continue;
    seen.add(task.id);
    if (task.state && task.state.corrected_value !== null) counts.tasksCorrected += 1;
    if (!task.conformity_status) continue;
    counts.tasksTotal += 1;
    if (!task.state || (task.state.analyzed_value === null && task.state.corrected_value === null)) {
      counts.tasksNotAnalyzed += 1;
    } else if (task.state.is_conformity_validated) {
      counts.tasksValidated += 1;
    } else {
      counts.tasksNotValidated += 1;
    }
  }
  return counts;
}

/** Inputs whose analysis ended in a conformity error; null when the inputs were not fetched. */
export function conformityErrorCount(workOrder: WorkOrder): number | null {
  if (!workOrder.inputs) return null;
  return workOrder.inputs.filter((input) => input.status === 'conformity_error').length;
}

/** Warning-level conformity messages over the inputs (duplicate, blur…); null when the inputs were not fetched. */
export function conformityWarningCount(workOrder: WorkOrder): number | null {
  if (!workOrder.inputs) return null;
  let warnings = 0;
  for (const input of workOrder.inputs) warnings += input.conformity_messages.filter((message) => message.level === 'warning').length;
  return warnings;
}

/** The full index row of a work order read with its tasks (detail GET or a write's answer). */
export function workOrderToRow(workOrder: WorkOrder, now = new Date()): UpstreamIndexRow {
  const conformityErrors = conformityErrorCount(workOrder);
  const conformityWarnings = conformityWarningCount(workOrder);
  return {
    ...summaryToRow(workOrder, now),
    ...taskCounts(workOrder.tasks),
    ...(conformityErrors === null ? {} : { conformityErrors }),
    ...(conformityWarnings === null ? {} : { conformityWarnings }),
    detailSyncedAt: now,
  };
}
