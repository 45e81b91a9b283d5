import 'server-only';
import { listAudit } from '@/lib/server/audit';
import type { AuditRow } from '@/lib/server/db/schema';
import type { TaskName } from '@/lib/shared/task-key';
import { CORRECTION_ACTION } from './correction-history';

/**
 * A correction whose PATCH got no answer (timed out, connection lost) may still be applied by
 * the upstream later. For a while after it (the horizon), its outcome stays unknown even when
 * a read does not show the value yet, and no other correction of the task is sent: a late
 * PATCH would otherwise overwrite it, and a second PATCH of the same intent would apply it twice.
 */

const DEFAULT_SECONDS = 60;

/**
 * `CORRECTION_IN_FLIGHT_SECONDS`: how long the upstream may still apply a PATCH it did not
 * answer. Must exceed the write deadline plus what the upstream may still take after it. Read on
 * use so a configuration change needs no restart of this module.
 */
export function inFlightHorizonMs(): number {
  const seconds = Number(process.env.CORRECTION_IN_FLIGHT_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_SECONDS) * 1000;
}

/** Whole seconds from `now` to `until`, at least 1: what `Retry-After` says. */
export function secondsUntil(until: Date, now = new Date()): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** The end of the horizon recorded on an `unknown` correction row, or null (none recorded). */
export function inFlightUntilOf(row: Pick<AuditRow, 'outcome' | 'details'>): Date | null {
  if (row.outcome !== 'unknown') return null;
  const value = (row.details as { inFlightUntil?: unknown } | null)?.inFlightUntil;
  if (typeof value !== 'string') return null;
  const until = new Date(value);
  return Number.isNaN(until.getTime()) ? null : until;
}

export interface InFlightCorrection {
  auditId: string;
  until: Date;
}

/**
 * The correction of this task (by its names) that may still land upstream: the newest
 * `unknown` row whose horizon has not passed, unless an `applied` row came after it (the value
 * was seen, so the task's state is settled). Called under the task lock.
 */
export async function correctionInFlight(workOrderId: string, task: TaskName, now = new Date()): Promise<InFlightCorrection | null> {
  const rows = await listAudit({ workOrderId, task, action: CORRECTION_ACTION, outcomes: ['unknown', 'applied'], limit: 20 });
  for (const row of rows) {
    if (row.outcome === 'applied') return null;
    const until = inFlightUntilOf(row);
    if (until && until > now) return { auditId: row.id, until };
  }
  return null;
}
