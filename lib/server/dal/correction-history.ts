import 'server-only';
import { listAudit } from '@/lib/server/audit';
import type { AuditRow } from '@/lib/server/db/schema';
import { taskKey, type TaskName } from '@/lib/shared/task-key';
import type { CorrectionOutcome, CorrectionSummaryDto, TaskValue } from '@/lib/shared/work-order-dto';

/** The audit action of a correction attempt (one row per attempt, outcome settled later). */
export const CORRECTION_ACTION = 'correction';

const OUTCOMES: readonly CorrectionOutcome[] = ['pending', 'applied', 'rejected', 'unknown', 'conflict'];

function valueOf(snapshot: unknown, key: 'correctedValue' | 'effectiveValue'): TaskValue | null {
  if (snapshot && typeof snapshot === 'object' && key in snapshot) {
    const value = (snapshot as Record<string, unknown>)[key];
    if (typeof value === 'boolean' || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  }
  return null;
}

export function toCorrectionSummary(row: AuditRow): CorrectionSummaryDto {
  const outcome = OUTCOMES.includes(row.outcome as CorrectionOutcome) ? (row.outcome as CorrectionOutcome) : 'unknown';
  return {
    auditId: row.id,
    actorEmail: row.actorEmail,
    at: row.at.toISOString(),
    before: valueOf(row.before, 'effectiveValue'),
    after: valueOf(row.after, 'correctedValue'),
    reason: row.reason,
    comment: row.comment,
    outcome,
    requestId: row.requestId,
  };
}

/**
 * Correction attempts of a work order (or of one task, by its names), newest first. By names,
 * never by id: a site's application-version upgrade gives every task a new id, and the
 * attempts made before it are still this task's history.
 */
export async function correctionRows(workOrderId: string, task?: TaskName, limit = 1000): Promise<AuditRow[]> {
  return listAudit({ workOrderId, task, action: CORRECTION_ACTION, limit });
}

/** Outcomes of attempts that changed the value, or may have: what "last corrected by" shows. */
const EFFECTIVE = new Set(['applied', 'unknown', 'pending']);

/** The latest effective correction per task of a work order, keyed by `taskKey(group, name)`. */
export async function lastCorrectionsByTask(workOrderId: string): Promise<Map<string, CorrectionSummaryDto>> {
  const latest = new Map<string, CorrectionSummaryDto>();
  for (const row of await correctionRows(workOrderId)) {
    if (row.taskGroupName === null || row.taskName === null || !EFFECTIVE.has(row.outcome ?? '')) continue;
    const key = taskKey(row.taskGroupName, row.taskName);
    if (!latest.has(key)) latest.set(key, toCorrectionSummary(row));
  }
  return latest;
}

/** The latest correction attempt of a task that actually changed something (or may have). */
export async function lastEffectiveCorrection(workOrderId: string, task: TaskName): Promise<CorrectionSummaryDto | null> {
  for (const row of await correctionRows(workOrderId, task, 50)) {
    if (EFFECTIVE.has(row.outcome ?? '')) return toCorrectionSummary(row);
  }
  return null;
}
