import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/lib/server/db/client';
import { workOrderIndex, workOrderReviews, type NewWorkOrderIndexRow } from '@/lib/server/db/schema';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { workOrderToRow } from './row';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';

/**
 * Upserts index rows. On conflict every upstream-derived column is replaced, except that a
 * value the new row does not carry (task counts from a list row, conformity errors without
 * inputs) keeps what we knew. Review columns are ours and only the review DAL changes them;
 * a new row takes them from `work_order_reviews`.
 */
export async function upsertIndexRows(db: Db, rows: NewWorkOrderIndexRow[]): Promise<void> {
  if (rows.length === 0) return;
  const keep = (column: string) => sql.raw(`coalesce(excluded.${column}, work_order_index.${column})`);
  await db
    .insert(workOrderIndex)
    .values(rows)
    .onConflictDoUpdate({
      target: workOrderIndex.id,
      set: {
        name: sql`excluded.name`,
        siteId: sql`excluded.site_id`,
        appVersionId: sql`excluded.app_version_id`,
        metadata: sql`excluded.metadata`,
        metadataText: sql`excluded.metadata_text`,
        tags: sql`excluded.tags`,
        workOrderTypes: sql`excluded.work_order_types`,
        fieldEngineerEmail: sql`excluded.field_engineer_email`,
        fieldEngineerName: sql`excluded.field_engineer_name`,
        userGroupIds: sql`excluded.user_group_ids`,
        createDate: sql`excluded.create_date`,
        updateDate: sql`excluded.update_date`,
        reviewDate: sql`excluded.review_date`,
        progressScore: sql`excluded.progress_score`,
        tasksTotal: keep('tasks_total'),
        tasksValidated: keep('tasks_validated'),
        tasksNotValidated: keep('tasks_not_validated'),
        tasksNotAnalyzed: keep('tasks_not_analyzed'),
        tasksCorrected: keep('tasks_corrected'),
        conformityErrors: keep('conformity_errors'),
        searchText: sql`excluded.search_text`,
        detailSyncedAt: keep('detail_synced_at'),
        syncedAt: sql`excluded.synced_at`,
        seenGeneration: sql`greatest(excluded.seen_generation, work_order_index.seen_generation)`,
      },
    });
  // New rows of work orders already reviewed here (e.g. index rebuilt) pick up our review state.
  await db.execute(sql`
    update ${workOrderIndex} w
       set review_status = r.status, reviewed_at = r.reviewed_at
      from ${workOrderReviews} r
     where r.work_order_id = w.id
       and w.id in (${sql.join(
         rows.map((row) => sql`${row.id}`),
         sql`, `,
       )})
       and (w.review_status is distinct from r.status or w.reviewed_at is distinct from r.reviewed_at)`);
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
