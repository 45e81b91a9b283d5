import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { idIn, yieldToEventLoop } from '@/lib/server/db/sql';
import { findUnstorableText, storableJson } from '@/lib/shared/storable-text';
import { inputStats, taskIndexRows } from './task-rows';

/**
 * Rows per insert statement: bounds the one JSON parameter they travel in, and how long one
 * statement holds the event loop (PGlite runs in this thread; a sync reads the next page's
 * details meanwhile, and their timeouts run on this clock).
 */
const BATCH = 2_000;

/**
 * Replaces the per-task rows (and photo counts) of work orders just read with their tasks.
 * Call it after their `work_order_index` rows were upserted (foreign key). A task that left
 * the work order (app version change) disappears with the delete. Rows travel as one JSON
 * parameter per statement (`json_to_recordset`): a sync page holds ~16 000 task rows, and
 * binding them one value at a time cost more than the insert itself.
 *
 * Two replacements of one work order may run at once (two requests, two instances). Under read
 * committed the second's delete does not see the first's rows until they commit, so its insert
 * meets them: it overwrites them (last writer wins, as for the index row) instead of failing on
 * the unique task key. A task only the earlier reader saw may then stay until the next read of
 * the work order replaces its rows again. No lock is taken, so a sync page and the reads that
 * refresh single work orders never wait on each other.
 */
export async function indexWorkOrderTasks(db: Db, workOrders: readonly WorkOrder[]): Promise<void> {
  if (workOrders.length === 0) return;
  const tasks = workOrders.flatMap(taskIndexRows);
  const stats = workOrders.map(inputStats).filter((row) => row !== null);
  await db.transaction(async (tx) => {
    await tx.delete(workOrderTaskIndex).where(
      idIn(
        workOrderTaskIndex.workOrderId,
        workOrders.map((workOrder) => workOrder.id),
      ),
    );
    for (let start = 0; start < tasks.length; start += BATCH) {
      const slice = tasks.slice(start, start + BATCH);
      // Task and task-group names come from the upstream: text PostgreSQL cannot store is made storable.
      const batch = findUnstorableText(slice) ? storableJson(slice) : slice;
      await tx.execute(sql`
        insert into ${workOrderTaskIndex}
          (work_order_id, task_id, task_name, task_group_name, app_version_id, conformity, analyzed, validated, ai_validated, corrected)
        select "workOrderId", "taskId", "taskName", "taskGroupName", "appVersionId", conformity, analyzed, validated, "aiValidated", corrected
          from json_to_recordset(${JSON.stringify(batch)}::json) as r("workOrderId" text, "taskId" text, "taskName" text,
            "taskGroupName" text, "appVersionId" text, conformity boolean, analyzed boolean, validated boolean, "aiValidated" boolean,
            corrected boolean)
        on conflict (work_order_id, task_group_name, task_name) do update set
          task_id = excluded.task_id, app_version_id = excluded.app_version_id, conformity = excluded.conformity,
          analyzed = excluded.analyzed, validated = excluded.validated, ai_validated = excluded.ai_validated,
          corrected = excluded.corrected`);
      await yieldToEventLoop();
    }
    if (stats.length > 0) {
      await tx.execute(sql`
        insert into ${workOrderInputStats} (work_order_id, inputs, retakes)
        select "workOrderId", inputs, retakes
          from json_to_recordset(${JSON.stringify(stats)}::json) as r("workOrderId" text, inputs integer, retakes integer)
        on conflict (work_order_id) do update set inputs = excluded.inputs, retakes = excluded.retakes`);
    }
  });
}
