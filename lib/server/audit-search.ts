import 'server-only';
import { and, count, desc, eq, lte, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { auditLog, type AuditRow } from '@/lib/server/db/schema';
import type { AuditFilters, AuditQuery } from '@/lib/shared/audit-query';

/**
 * The audit log filtered and paged as the audit page shows it: newest first by (at, seq), the
 * page after a cursor (keyset: a page deep in a large log costs what the first one does).
 * The count, the page and the export share `auditConditions`, so they agree on the set of rows.
 */

/**
 * The WHERE conditions of the filters. Days are days of `timeZone` (the one the page shows
 * times in): `to` is inclusive, up to the start of the next day. `upToSeq` leaves out rows
 * written after a moment (the export counts and streams the log as it was when it started).
 */
export function auditConditions(filters: AuditFilters, timeZone: string, upToSeq?: number): SQL[] {
  const conditions: SQL[] = [];
  if (upToSeq !== undefined) conditions.push(lte(auditLog.seq, upToSeq));
  if (filters.actor) conditions.push(sql`lower(${auditLog.actorEmail}) = ${filters.actor.toLowerCase()}`);
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.outcome) conditions.push(eq(auditLog.outcome, filters.outcome));
  if (filters.workOrder) conditions.push(eq(auditLog.workOrderId, filters.workOrder));
  if (filters.from) conditions.push(sql`${auditLog.at} >= (${filters.from}::date::timestamp at time zone ${timeZone})`);
  if (filters.to) conditions.push(sql`${auditLog.at} < ((${filters.to}::date + 1)::timestamp at time zone ${timeZone})`);
  return conditions;
}

/**
 * Rows strictly after the cursor row in the listing order. The cursor is a `seq` (unique); its
 * `at` is read from the row itself, so no timestamp goes through JavaScript's milliseconds
 * (PostgreSQL keeps microseconds). An unknown cursor matches nothing.
 */
export function afterCursor(cursor: number): SQL {
  return sql`(${auditLog.at}, ${auditLog.seq}) < (select c.at, c.seq from ${auditLog} c where c.seq = ${cursor})`;
}

const where = (conditions: SQL[]) => (conditions.length ? and(...conditions) : undefined);

/** One page, and the cursor of the next one (null when this is the last). */
export async function auditPage(
  db: Db,
  query: AuditQuery,
  timeZone: string,
  upToSeq?: number,
): Promise<{ rows: AuditRow[]; nextCursor: number | null }> {
  const conditions = auditConditions(query, timeZone, upToSeq);
  if (query.cursor !== null) conditions.push(afterCursor(query.cursor));
  // One row more than asked says whether another page follows, without a second query.
  const rows = await db
    .select()
    .from(auditLog)
    .where(where(conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.seq))
    .limit(query.limit + 1);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { rows: page, nextCursor: more ? page[page.length - 1].seq : null };
}

export async function countAudit(db: Db, filters: AuditFilters, timeZone: string, upToSeq?: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(where(auditConditions(filters, timeZone, upToSeq)));
  return row.n;
}

/** The newest row's `seq` (0 for an empty log): a moment to count and export up to. */
export async function latestAuditSeq(db: Db): Promise<number> {
  const [row] = await db.select({ seq: max(auditLog.seq) }).from(auditLog);
  return Number(row.seq ?? 0);
}

/** Every matching row up to `upToSeq`, newest first, in batches: the export reads a log of any size this way. */
export async function* streamAudit(db: Db, filters: AuditFilters, timeZone: string, upToSeq: number, batchSize = 500): AsyncGenerator<AuditRow[]> {
  let cursor: number | null = null;
  for (;;) {
    const { rows, nextCursor }: { rows: AuditRow[]; nextCursor: number | null } = await auditPage(
      db,
      { ...filters, cursor, limit: batchSize },
      timeZone,
      upToSeq,
    );
    if (rows.length > 0) yield rows;
    if (nextCursor === null) return;
    cursor = nextCursor;
  }
}
