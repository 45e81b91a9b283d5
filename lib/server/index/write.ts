import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/server/db/client';
import { workOrderIndex, workOrderReviews, type NewWorkOrderIndexRow } from '@/lib/server/db/schema';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { logger } from '@/lib/server/logger';
import { workOrderToRow, type UpstreamIndexRow } from './row';
import { idIn, yieldToEventLoop } from '@/lib/server/db/sql';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';
import { scoreWorkOrders } from '@/lib/server/doubt/refresh';
import { findUnstorableText, storableJson } from '@/lib/shared/storable-text';
import { indexedAsRead } from './indexed-as-read';

/**
 * The columns the sync writes, with their SQL types: rows travel as one JSON parameter
 * (`json_to_recordset`), so a page of 1000 rows is one statement with one bind value
 * instead of 27 000 (building and binding those was most of the sync's own CPU time).
 */
const COLUMNS = [
  ['id', 'id', 'text'],
  ['name', 'name', 'text'],
  ['siteId', 'site_id', 'text'],
  ['appVersionId', 'app_version_id', 'text'],
  ['metadata', 'metadata', 'jsonb'],
  ['metadataText', 'metadata_text', 'jsonb'],
  ['tags', 'tags', 'text[]'],
  ['workOrderTypes', 'work_order_types', 'text[]'],
  ['fieldEngineerEmail', 'field_engineer_email', 'text'],
  ['fieldEngineerName', 'field_engineer_name', 'text'],
  ['userGroupIds', 'user_group_ids', 'text[]'],
  ['createDate', 'create_date', 'timestamptz'],
  ['updateDate', 'update_date', 'timestamptz'],
  ['createDateKnown', 'create_date_known', 'boolean'],
  ['updateDateKnown', 'update_date_known', 'boolean'],
  ['reviewDate', 'review_date', 'timestamptz'],
  ['progressScore', 'progress_score', 'integer'],
  ['tasksTotal', 'tasks_total', 'integer'],
  ['tasksValidated', 'tasks_validated', 'integer'],
  ['tasksNotValidated', 'tasks_not_validated', 'integer'],
  ['tasksNotAnalyzed', 'tasks_not_analyzed', 'integer'],
  ['tasksCorrected', 'tasks_corrected', 'integer'],
  ['conformityErrors', 'conformity_errors', 'integer'],
  ['conformityWarnings', 'conformity_warnings', 'integer'],
  ['searchText', 'search_text', 'text'],
  ['summaryHash', 'summary_hash', 'text'],
  ['detailSyncedAt', 'detail_synced_at', 'timestamptz'],
  ['syncedAt', 'synced_at', 'timestamptz'],
  ['seenGeneration', 'seen_generation', 'bigint'],
] as const satisfies readonly (readonly [keyof UpstreamIndexRow, string, string])[];

/** Upstream-derived columns that a row without them (list row: no counts) must not erase. */
const KEPT_WHEN_ABSENT = new Set([
  'tasks_total',
  'tasks_validated',
  'tasks_not_validated',
  'tasks_not_analyzed',
  'tasks_corrected',
  'conformity_errors',
  'conformity_warnings',
  'detail_synced_at',
]);

/**
 * When the upstream sends no dates (the API does not document them), a new row takes "now" as
 * both: the time Field Review first saw the work order.
 */
const INSERTED_AS: Partial<Record<string, string>> = {
  seen_generation: 'coalesce(r.seen_generation, 0)',
  synced_at: 'coalesce(r.synced_at, now())',
  create_date: 'coalesce(r.create_date, now())',
  update_date: 'coalesce(r.update_date, now())',
  create_date_known: 'coalesce(r.create_date_known, true)',
  update_date_known: 'coalesce(r.update_date_known, true)',
};

/**
 * On conflict, an unknown creation date keeps the row's (first seen); an unknown update date
 * becomes "now" only when what we index of the work order changed (its summary or its task
 * counts), so "idle since" still means something.
 */
const TASK_COUNTS = ['tasks_total', 'tasks_validated', 'tasks_not_validated', 'tasks_not_analyzed', 'tasks_corrected'];
const changedSinceRow = `work_order_index.summary_hash is distinct from excluded.summary_hash
  or (excluded.tasks_total is not null and (${TASK_COUNTS.map((c) => `excluded.${c}`).join(', ')})
      is distinct from (${TASK_COUNTS.map((c) => `work_order_index.${c}`).join(', ')}))`;
const UPDATED_AS: Partial<Record<string, string>> = {
  seen_generation: 'seen_generation = greatest(excluded.seen_generation, work_order_index.seen_generation)',
  create_date: 'create_date = case when excluded.create_date_known then excluded.create_date else work_order_index.create_date end',
  update_date: `update_date = case when excluded.update_date_known then excluded.update_date
    when ${changedSinceRow} then now() else work_order_index.update_date end`,
  create_date_known: 'create_date_known = excluded.create_date_known or work_order_index.create_date_known',
};

const columnList = COLUMNS.map(([, column]) => column).join(', ');
const recordType = COLUMNS.map(([, column, type]) => `${column} ${type}`).join(', ');
const selectList = COLUMNS.map(([, column]) => INSERTED_AS[column] ?? `r.${column}`).join(', ');
const updateList = COLUMNS.filter(([, column]) => column !== 'id')
  .map(
    ([, column]) =>
      UPDATED_AS[column] ??
      (KEPT_WHEN_ABSENT.has(column) ? `${column} = coalesce(excluded.${column}, work_order_index.${column})` : `${column} = excluded.${column}`),
  )
  .join(', ');

/**
 * Rows per statement: bounds the JSON parameter (a row is about 1 kB) and how long one
 * statement holds the event loop (PGlite runs in this thread, next to upstream calls in flight).
 */
const UPSERT_BATCH = 500;

/**
 * Upserts index rows. On conflict every upstream-derived column is replaced, except that a
 * value the new row does not carry (task counts from a list row, conformity errors without
 * inputs) keeps what we knew. Review columns are ours and only the review DAL changes them;
 * a new row takes them from `work_order_reviews`.
 *
 * Upstream data is untrusted: text PostgreSQL cannot store (a lone surrogate, a NUL) is made
 * storable first (`storableJson`). A batch the database still refuses for its data is written
 * again row by row, and the rows refused alone are left out and returned in `skipped`: one bad
 * work order must not keep every other one out of the index. A failure of every row (the
 * database itself) is thrown.
 */
export async function upsertIndexRows(db: Db, rows: Array<NewWorkOrderIndexRow | UpstreamIndexRow>): Promise<{ skipped: string[] }> {
  const skipped: string[] = [];
  for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
    const batch = rows.slice(start, start + UPSERT_BATCH);
    try {
      await writeBatch(db, batch);
    } catch (error) {
      if (!isDataError(error)) throw error;
      skipped.push(...(await writeOneByOne(db, batch, error, (row) => writeBatch(db, [row]))));
    }
    await yieldToEventLoop();
  }
  return { skipped };
}

/**
 * Writes each item alone after its batch was refused; returns the ids of those refused again.
 * If none could be written, the database is at fault, not the data: the batch's error is thrown.
 */
export async function writeOneByOne<T extends { id: string }>(
  db: Db,
  items: readonly T[],
  batchError: unknown,
  write: (item: T) => Promise<void>,
): Promise<string[]> {
  const refused: string[] = [];
  for (const item of items) {
    try {
      await write(item);
    } catch (error) {
      if (!isDataError(error)) throw error;
      refused.push(item.id);
      logger.error(
        { event: 'index_row_skipped', workOrderId: item.id, err: error },
        'the database refused a work order of the upstream: left out of the index',
      );
    }
  }
  if (refused.length === items.length && items.length > 1) throw batchError;
  return refused;
}

/**
 * True for PostgreSQL's refusal of a value (SQLSTATE class 22, data exception, or 23,
 * integrity constraint), as opposed to a database that is down or a query that is wrong.
 */
export function isDataError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

async function writeBatch(db: Db, batch: Array<NewWorkOrderIndexRow | UpstreamIndexRow>): Promise<void> {
  const built = batch.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, column] of COLUMNS) {
      const value = row[key];
      if (value !== undefined && value !== null) record[column] = value instanceof Date ? value.toISOString() : value;
    }
    return record;
  });
  const records = findUnstorableText(built) ? storableJson(built) : built;
  await db.execute(sql`
    insert into work_order_index (${sql.raw(columnList)})
    select ${sql.raw(selectList)} from json_to_recordset(${JSON.stringify(records)}::json) as r(${sql.raw(recordType)})
    on conflict (id) do update set ${sql.raw(updateList)}`);
  // New rows of work orders already reviewed here (e.g. index rebuilt) pick up our review state.
  await db.execute(sql`
    update ${workOrderIndex} w
       set review_status = r.status, reviewed_at = r.reviewed_at
      from ${workOrderReviews} r
     where r.work_order_id = w.id
       and ${idIn(
         sql`w.id`,
         batch.map((row) => row.id),
       )}
       and (w.review_status is distinct from r.status or w.reviewed_at is distinct from r.reviewed_at)`);
}

/**
 * Refreshes the index row of one work order from a fresh upstream read (detail GET,
 * correction, analysis, callback, create/update). Called by the work-order DAL after every
 * such read; never throws for an index problem, because the user's operation already
 * succeeded upstream (the next sync repairs the row). Nothing is written for a work order the
 * index already holds as read (`indexed-as-read.ts`: as the sync or an earlier read wrote it),
 * checked in the database itself, so it holds across instances.
 */
export async function indexWorkOrder(workOrder: WorkOrder): Promise<void> {
  try {
    const db = await getDb();
    if (await indexedAsRead(db, workOrder)) return;
    await upsertIndexRows(db, [workOrderToRow(workOrder)]);
    await indexWorkOrderTasks(db, [workOrder]); // the overview's per-task rows
    await scoreWorkOrders(db, [workOrder.id]); // the review queue's order, from the rates of the last sync pass
  } catch (error) {
    logger.error({ event: 'index_refresh_failed', workOrderId: workOrder.id, err: error }, 'could not refresh a work order in the index');
  }
}

/** Drops a work order deleted upstream (or found gone: 404) from the index. */
export async function removeFromIndex(id: string): Promise<void> {
  try {
    const db = await getDb();
    await db.delete(workOrderIndex).where(eq(workOrderIndex.id, id));
  } catch (error) {
    logger.error({ event: 'index_removal_failed', workOrderId: id, err: error }, 'could not remove a work order from the index');
  }
}
