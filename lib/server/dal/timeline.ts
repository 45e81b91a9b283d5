import 'server-only';
import { listAudit } from '@/lib/server/audit';
import type { AuditRow } from '@/lib/server/db/schema';
import type { TimelineEvent } from '@/lib/server/deepomatic/types';
import type { MetadataValue, TimelineEntryDto } from '@/lib/shared/work-order-dto';

/** Audit actions that are about access, not about the work order: kept out of its timeline. */
const HIDDEN_ACTIONS = new Set(['authz_denied', 'authn_denied']);
const MAX_ENTRIES = 1000;

function scalarPayload(payload: Record<string, unknown> | null | undefined): Record<string, MetadataValue> {
  const out: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(payload ?? {})) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

export function upstreamEntry(event: TimelineEvent): TimelineEntryDto {
  return {
    id: `upstream:${event.id}`,
    source: 'upstream',
    date: event.date,
    type: event.type,
    actorEmail: event.user_email ?? null,
    taskGroupName: event.task_group_name ?? null,
    taskId: event.task_id ?? null,
    taskName: event.task_name ?? null,
    inputId: event.input_id ?? null,
    payload: scalarPayload(event.payload),
  };
}

export function auditEntry(row: AuditRow): TimelineEntryDto {
  const details = row.details && typeof row.details === 'object' && !Array.isArray(row.details) ? (row.details as Record<string, unknown>) : {};
  return {
    id: `audit:${row.id}`,
    source: 'field_review',
    date: row.at.toISOString(),
    type: row.action,
    actorEmail: row.actorEmail,
    // Rows written before the column existed and not backfilled still carry it in `details`.
    taskGroupName: row.taskGroupName ?? (typeof details.taskGroupName === 'string' ? details.taskGroupName : null),
    taskId: row.taskId,
    taskName: row.taskName,
    inputId: typeof details.inputId === 'string' ? details.inputId : null,
    payload: scalarPayload(details),
    outcome: row.outcome,
    before: row.before,
    after: row.after,
    reason: row.reason,
    comment: row.comment,
  };
}

/** Upstream events and our audit rows of one work order, newest first. */
export function mergeTimeline(events: readonly TimelineEvent[], rows: readonly AuditRow[]): TimelineEntryDto[] {
  const entries = [...events.map(upstreamEntry), ...rows.filter((row) => !HIDDEN_ACTIONS.has(row.action)).map(auditEntry)];
  entries.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || b.id.localeCompare(a.id));
  return entries.slice(0, MAX_ENTRIES);
}

export async function workOrderAuditRows(workOrderId: string): Promise<AuditRow[]> {
  return listAudit({ workOrderId, limit: MAX_ENTRIES });
}
