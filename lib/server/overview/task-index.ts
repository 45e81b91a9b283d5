import 'server-only';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { inputStats, taskIndexRows } from './task-rows';

/** Rows per insert statement (bind parameters stay far below PostgreSQL's 65 535). */
const BATCH = 2_000;

/**
 * Replaces the per-task rows (and photo counts) of work orders just read with their tasks.
 * Call it after their `work_order_index` rows were upserted (foreign key). A task that left
 * the work order (app version change) disappears with the delete.
 */
export async function indexWorkOrderTasks(db: Db, workOrders: readonly WorkOrder[]): Promise<void> {
  if (workOrders.length === 0) return;
  const ids = workOrders.map((workOrder) => workOrder.id);
  const tasks = workOrders.flatMap(taskIndexRows);
  const stats = workOrders.map(inputStats).filter((row) => row !== null);
  await db.transaction(async (tx) => {
    await tx.delete(workOrderTaskIndex).where(inArray(workOrderTaskIndex.workOrderId, ids));
    for (let start = 0; start < tasks.length; start += BATCH) {
      await tx.insert(workOrderTaskIndex).values(tasks.slice(start, start + BATCH));
    }
    if (stats.length > 0) {
      await tx
        .insert(workOrderInputStats)
        .values(stats)
        .onConflictDoUpdate({
          target: workOrderInputStats.workOrderId,
          set: { inputs: sql`excluded.inputs`, retakes: sql`excluded.retakes` },
        });
    }
  });
}
