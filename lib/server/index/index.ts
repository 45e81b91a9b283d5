import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/server/db/client';
import { workOrderIndex, workOrderReviews, type NewWorkOrderIndexRow } from '@/lib/server/db/schema';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { workOrderToRow } from './row';
import { idIn, yieldToEventLoop } from './sql-rows';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';

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
  ['reviewDate', 'review_date', 'timestamptz'],
  ['progressScore', 'progress_score', 'integer'],
  ['tasksTotal', 'tasks_total', 'integer'],
  ['tasksValidated', 'tasks_validated', 'integer'],
  ['tasksNotValidated', 'tasks_not_validated', 'integer'],
  ['tasksNotAnalyzed', 'tasks_not_analyzed', 'integer'],
  ['tasksCorrected', 'tasks_corrected', 'integer'],
  ['conformityErrors', 'conformity_errors', 'integer'],
  ['searchText', 'search_text', 'text'],
  ['summaryHash', 'summary_hash', 'text'],
  ['detailSyncedAt', 'detail_synced_at', 'timestamptz'],
  ['syncedAt', 'synced_at', 'timestamptz'],
  ['seenGeneration', 'seen_generation', 'bigint'],
] as const satisfies readonly (readonly [keyof NewWorkOrderIndexRow, string, string])[];

/** Upstream-derived columns that a row without them (list row: no counts) must not erase. */
const KEPT_WHEN_ABSENT = new Set([
  'tasks_total',
  'tasks_validated',
  'tasks_not_validated',
  'tasks_not_analyzed',
  'tasks_corrected',
  'conformity_errors',
  'detail_synced_at',
]);

const columnList = COLUMNS.map(([, column]) => column).join(', ');
const recordType = COLUMNS.map(([, column, type]) => `${column} ${type}`).join(', ');
const selectList = COLUMNS.map(([, column]) =>
  column === 'seen_generation' ? 'coalesce(r.seen_generation, 0)' : column === 'synced_at' ? 'coalesce(r.synced_at, now())' : `r.${column}`,
).join(', ');
const updateList = COLUMNS.filter(([, column]) => column !== 'id')
  .map(([, column]) =>
    column === 'seen_generation'
      ? 'seen_generation = greatest(excluded.seen_generation, work_order_index.seen_generation)'
      : KEPT_WHEN_ABSENT.has(column)
        ? `${column} = coalesce(excluded.${column}, work_order_index.${column})`
        : `${column} = excluded.${column}`,
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
 */
export async function upsertIndexRows(db: Db, rows: NewWorkOrderIndexRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += UPSERT_BATCH) {
    const batch = rows.slice(start, start + UPSERT_BATCH);
    const records = batch.map((row) => {
      const record: Record<string, unknown> = {};
      for (const [key, column] of COLUMNS) {
        const value = row[key];
        if (value !== undefined && value !== null) record[column] = value instanceof Date ? value.toISOString() : value;
      }
      return record;
    });
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
         and ${idIn(sql`w.id`, batch.map((row) => row.id))}
         and (w.review_status is distinct from r.status or w.reviewed_at is distinct from r.reviewed_at)`);
    await yieldToEventLoop();
  }
}

/**
 * Refreshes the index row of one work order from a fresh upstream read (detail GET,
 * correction, analysis, callback, create/update). Called by the work-order DAL after every
 * such read; never throws for an index problem, because the user's operation already
 * succeeded upstream (the next sync repairs the row).
 */
export async function indexWorkOrder(workOrder: WorkOrder): Promise<void> {
  try {
    const db = await getDb();
    await upsertIndexRows(db, [workOrderToRow(workOrder)]);
    await indexWorkOrderTasks(db, [workOrder]); // the overview's per-task rows
  } catch (error) {
    console.error('[index] could not refresh work order', workOrder.id, error instanceof Error ? error.message : error);
  }
}

/** Drops a work order deleted upstream (or found gone: 404) from the index. */
export async function removeFromIndex(id: string): Promise<void> {
  try {
    const db = await getDb();
    await db.delete(workOrderIndex).where(eq(workOrderIndex.id, id));
  } catch (error) {
    console.error('[index] could not remove work order', id, error instanceof Error ? error.message : error);
  }
}
