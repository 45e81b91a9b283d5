import 'server-only';
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/server/db/client';
import { auditLog, type AuditOutcome, type AuditRow } from '@/lib/server/db/schema';
import { storableJson, storableText } from '@/lib/shared/storable-text';
import type { TaskName } from '@/lib/shared/task-key';

export interface AuditEntry {
  actorId?: string | null;
  actorEmail?: string | null;
  /** What was attempted, e.g. `correction`, `sign_in`, `authz_denied`, `user_role_changed`. */
  action: string;
  workOrderId?: string | null;
  /** A task is known by its task group's name and its own name; its id is kept as a detail. */
  taskId?: string | null;
  taskGroupName?: string | null;
  taskName?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  comment?: string | null;
  outcome?: AuditOutcome | null;
  requestId?: string | null;
  details?: unknown;
}

/**
 * A text column's value as PostgreSQL stores it (see `storableText`): the row of an upstream
 * write must be written whatever the upstream or the user put in a name or a value.
 */
function text(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : storableText(value);
}

/** A `jsonb` column's value, storable at any depth (see `storableJson`). */
function json(value: unknown): unknown {
  return value === undefined ? null : storableJson(value);
}

/**
 * Appends one audit row. Rows are never deleted or rewritten (enforced by a DB trigger). Any
 * value is stored: a lone surrogate becomes U+FFFD and a NUL is dropped, in text columns and at
 * any depth of `before`, `after` and `details`, so no input can leave a write without its row.
 */
export async function recordAudit(entry: AuditEntry, db?: Db): Promise<{ id: string }> {
  const database = db ?? (await getDb());
  const [row] = await database
    .insert(auditLog)
    .values({
      actorId: entry.actorId ?? null,
      actorEmail: text(entry.actorEmail),
      action: storableText(entry.action),
      workOrderId: text(entry.workOrderId),
      taskId: text(entry.taskId),
      taskGroupName: text(entry.taskGroupName),
      taskName: text(entry.taskName),
      before: json(entry.before),
      after: json(entry.after),
      reason: text(entry.reason),
      comment: text(entry.comment),
      outcome: entry.outcome ?? null,
      requestId: text(entry.requestId),
      details: json(entry.details),
    })
    .returning({ id: auditLog.id });
  return { id: row.id };
}

/**
 * Settles a `pending` row: the only update the log allows, with optional `details` (stored
 * whatever they hold, as in `recordAudit`) and, for a row written before the work order
 * existed (a creation), the id of the work order it created. Throws if the row is not pending
 * (the database refuses), so a double settlement is loud, not silent.
 */
export async function updateAuditOutcome(
  id: string,
  outcome: Exclude<AuditOutcome, 'pending'>,
  settled: { details?: unknown; workOrderId?: string } = {},
  db?: Db,
): Promise<void> {
  const { details } = settled;
  const database = db ?? (await getDb());
  const updated = await database
    .update(auditLog)
    .set({
      outcome,
      ...(details === undefined ? {} : { details: json(details) }),
      ...(settled.workOrderId === undefined ? {} : { workOrderId: storableText(settled.workOrderId) }),
    })
    .where(and(eq(auditLog.id, id), eq(auditLog.outcome, 'pending')))
    .returning({ id: auditLog.id });
  if (updated.length !== 1) throw new Error(`audit row ${id} is not pending`);
}

export interface AuditQuery {
  workOrderId?: string;
  taskId?: string;
  /** One task by its names (what survives an application-version upgrade); both are required. */
  task?: TaskName;
  actorId?: string;
  action?: string;
  /** Only rows with one of these outcomes. */
  outcomes?: readonly AuditOutcome[];
  /** Default 100, at most 1000. */
  limit?: number;
}

/** Newest first. */
export async function listAudit(query: AuditQuery = {}, db?: Db): Promise<AuditRow[]> {
  const database = db ?? (await getDb());
  const conditions: SQL[] = [];
  if (query.workOrderId) conditions.push(eq(auditLog.workOrderId, query.workOrderId));
  if (query.taskId) conditions.push(eq(auditLog.taskId, query.taskId));
  if (query.task) {
    conditions.push(eq(auditLog.taskGroupName, query.task.taskGroupName), eq(auditLog.taskName, query.task.taskName));
  }
  if (query.actorId) conditions.push(eq(auditLog.actorId, query.actorId));
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.outcomes) conditions.push(inArray(auditLog.outcome, [...query.outcomes]));
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
  return database
    .select()
    .from(auditLog)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.seq))
    .limit(limit);
}

/** One row by its id, or null. */
export async function getAuditRow(id: string, db?: Db): Promise<AuditRow | null> {
  const database = db ?? (await getDb());
  const [row] = await database.select().from(auditLog).where(eq(auditLog.id, id)).limit(1);
  return row ?? null;
}
