import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { workOrderIndex, workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { inputStats, taskIndexRows, type TaskIndexRow } from '@/lib/server/overview/task-rows';
import { taskKey } from '@/lib/shared/task-key';
import { workOrderToRow } from './row';

/** The index row's columns that a detail read of the work order decides (the rest are times and our own review state). */
const FACTS = [
  'tasksTotal',
  'tasksValidated',
  'tasksNotValidated',
  'tasksNotAnalyzed',
  'tasksCorrected',
  'conformityErrors',
  'conformityWarnings',
] as const;

/**
 * Whether the index already holds what `indexWorkOrder` would write for this read of a work
 * order: its row (summary, by its hash, and the counts the detail gives), every task row and
 * the photo counts. Three reads by key, against a dozen writes: a work order opened for the
 * first time since the sync indexed it, and unchanged since, needs none of them.
 */
export async function indexedAsRead(db: Db, workOrder: WorkOrder): Promise<boolean> {
  const row = workOrderToRow(workOrder);
  const [stored] = await db
    .select({
      summaryHash: workOrderIndex.summaryHash,
      detailSyncedAt: workOrderIndex.detailSyncedAt,
      ...Object.fromEntries(FACTS.map((fact) => [fact, workOrderIndex[fact]])),
    })
    .from(workOrderIndex)
    .where(eq(workOrderIndex.id, workOrder.id))
    .limit(1);
  // A row written from a list page only (no detail yet) is always completed by a detail read.
  if (!stored || stored.detailSyncedAt === null || stored.summaryHash !== row.summaryHash) return false;
  for (const fact of FACTS) {
    const read = row[fact];
    // A count the read does not carry (photos not fetched) is one the write would keep.
    if (read !== undefined && read !== null && (stored as Record<string, unknown>)[fact] !== read) return false;
  }
  const [storedTasks, storedStats] = await Promise.all([
    db.select().from(workOrderTaskIndex).where(eq(workOrderTaskIndex.workOrderId, workOrder.id)),
    db.select().from(workOrderInputStats).where(eq(workOrderInputStats.workOrderId, workOrder.id)),
  ]);
  if (!sameTaskRows(taskIndexRows(workOrder), storedTasks)) return false;
  const stats = inputStats(workOrder);
  return stats === null || (storedStats[0]?.inputs === stats.inputs && storedStats[0]?.retakes === stats.retakes);
}

/** The same tasks, each with the same value in every column the read gives. */
function sameTaskRows(read: readonly TaskIndexRow[], stored: readonly Record<string, unknown>[]): boolean {
  if (read.length !== stored.length) return false;
  const byName = new Map(stored.map((row) => [taskKey(String(row.taskGroupName), String(row.taskName)), row]));
  return read.every((task) => {
    const match = byName.get(taskKey(task.taskGroupName, task.taskName));
    return match !== undefined && (Object.keys(task) as (keyof TaskIndexRow)[]).every((column) => match[column] === task[column]);
  });
}
