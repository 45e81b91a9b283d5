import 'server-only';
import { asc } from 'drizzle-orm';
import { recordAudit } from '@/lib/server/audit';
import { auditPage, countAudit, latestAuditSeq, streamAudit } from '@/lib/server/audit-search';
import { csvFilename, csvSafe, csvStream } from '@/lib/server/csv';
import { getDb } from '@/lib/server/db/client';
import { users, type AuditRow } from '@/lib/server/db/schema';
import { displayTimeZone } from '@/lib/server/display-time-zone';
import type { AuditEntryDto, AuditPageDto } from '@/lib/shared/audit-log';
import { auditFilters, parseAuditQuery, toAuditSearchParams, type AuditQuery } from '@/lib/shared/audit-query';
import { operation } from './operation';
import { searchParamsSchema } from './validation';

/** The audit page's query (filters, cursor, page size), as in its URL → 400 `invalid_query` naming each bad key. */
export const auditQuery = searchParamsSchema<AuditQuery>((params) => {
  const result = parseAuditQuery(params);
  return result.ok ? { ok: true, value: result.query } : result;
});

export function toAuditEntry(row: AuditRow): AuditEntryDto {
  return {
    id: row.id,
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    workOrderId: row.workOrderId,
    taskId: row.taskId,
    taskGroupName: row.taskGroupName,
    taskName: row.taskName,
    before: row.before,
    after: row.after,
    reason: row.reason,
    comment: row.comment,
    outcome: row.outcome,
    requestId: row.requestId,
    details: row.details,
  };
}

/** GET /api/admin/audit — one page of the audit log (refusals included), newest first, with the total. */
export const listAuditLog = operation({
  role: 'admin',
  scope: { none: 'admins only, and admins see every work order' },
  input: { query: auditQuery },
  async run({ input }): Promise<AuditPageDto> {
    const db = await getDb();
    const zone = displayTimeZone();
    const { rows, nextCursor } = await auditPage(db, input.query, zone);
    const total = await countAudit(db, input.query, zone);
    const actors = await db.select({ email: users.email }).from(users).orderBy(asc(users.email));
    return {
      rows: rows.map(toAuditEntry),
      total,
      nextCursor,
      actors: actors.map((actor) => actor.email),
      query: toAuditSearchParams(auditFilters(input.query)).toString(),
    };
  },
});

/**
 * The export's header names the columns as the table names them: a CSV is a file people keep
 * and feed to their own tools, so its header does not change with the reader's language.
 */
const CSV_COLUMNS = [
  ['at', (row) => row.at.toISOString()],
  ['actor_email', (row) => row.actorEmail],
  ['actor_id', (row) => row.actorId],
  ['action', (row) => row.action],
  ['outcome', (row) => row.outcome],
  ['work_order_id', (row) => row.workOrderId],
  ['task_group_name', (row) => row.taskGroupName],
  ['task_name', (row) => row.taskName],
  ['task_id', (row) => row.taskId],
  ['before', (row) => json(row.before)],
  ['after', (row) => json(row.after)],
  ['reason', (row) => row.reason],
  ['comment', (row) => row.comment],
  ['request_id', (row) => row.requestId],
  ['details', (row) => json(row.details)],
  ['id', (row) => row.id],
] as const satisfies ReadonlyArray<readonly [string, (row: AuditRow) => unknown]>;

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** One audit row as a CSV line, every cell guarded against formula injection. */
export function auditCsvLine(row: AuditRow): unknown[] {
  return CSV_COLUMNS.map(([, cell]) => csvSafe(cell(row)));
}

export const AUDIT_CSV_HEADER = CSV_COLUMNS.map(([name]) => name);

/**
 * GET /api/admin/audit/export — every audit row matching the filters (no cap, no page), newest
 * first, as CSV streamed in batches. The rows are those written before the export started, so
 * the count, the file and the page agree; the export's own audit row comes after them.
 */
export const exportAuditLogCsv = operation({
  role: 'admin',
  scope: { none: 'admins only, and admins see every work order' },
  input: { query: auditQuery },
  async run({ user, input, ctx }): Promise<{ stream: ReadableStream<Uint8Array>; filename: string; total: number }> {
    const db = await getDb();
    const zone = displayTimeZone();
    const filters = auditFilters(input.query);
    const upToSeq = await latestAuditSeq(db);
    const total = await countAudit(db, filters, zone, upToSeq);
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'audit_log_exported',
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { query: toAuditSearchParams(filters).toString(), total },
    });
    const stream = csvStream(AUDIT_CSV_HEADER, streamAudit(db, filters, zone, upToSeq), auditCsvLine);
    return { stream, filename: csvFilename('audit-log'), total };
  },
});
