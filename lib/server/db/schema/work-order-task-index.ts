import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { workOrderIndex } from './work-order-index';

/**
 * Per-task facts of each indexed work order, for the overview's per-task and per-task-group
 * statistics (the work-order row only has totals). Written next to the work-order row from
 * every detail read (sync and `indexWorkOrder`); rows go with their work order (cascade).
 */
export const workOrderTaskIndex = pgTable(
  'work_order_task_index',
  {
    workOrderId: text('work_order_id')
      .notNull()
      .references(() => workOrderIndex.id, { onDelete: 'cascade' }),
    /** The task's id in the work order's application version (a detail; the key is the names). */
    taskId: text('task_id').notNull(),
    taskName: text('task_name').notNull(),
    taskGroupName: text('task_group_name').notNull(),
    appVersionId: text('app_version_id'),
    /** Takes part in conformity (`conformity_status`): the only tasks `progress_score` counts. */
    conformity: boolean('conformity').notNull(),
    /** The AI gave a value (or someone corrected one). */
    analyzed: boolean('analyzed').notNull(),
    /** The upstream's verdict on the effective value (`is_conformity_validated`). */
    validated: boolean('validated').notNull(),
    /** The verdict the task's rules give the AI's own value; null when not analysed or no rule. */
    aiValidated: boolean('ai_validated'),
    corrected: boolean('corrected').notNull(),
  },
  (t) => [
    // One row per task of a work order, by name: ids change with the application version.
    primaryKey({ columns: [t.workOrderId, t.taskGroupName, t.taskName] }),
    // The overview's per-task figures and the list's task filter (EXISTS by task, then work order).
    index('woti_task_work_order_idx').on(t.taskGroupName, t.taskName, t.workOrderId),
    // The list's task-state filter (`taskState`, same conditions as in `whereOf`): a few rows each.
    index('woti_not_validated_idx')
      .on(t.taskGroupName, t.taskName, t.workOrderId)
      .where(sql`${t.conformity} and ${t.analyzed} and not ${t.validated}`),
    index('woti_not_analyzed_idx')
      .on(t.taskGroupName, t.taskName, t.workOrderId)
      .where(sql`not ${t.analyzed}`),
    index('woti_corrected_idx')
      .on(t.taskGroupName, t.taskName, t.workOrderId)
      .where(sql`${t.corrected}`),
  ],
);

/**
 * Photo counts per work order: a task group photographed more than once is a retake (what
 * "first time right" excludes). Null counts = the inputs were not part of the read.
 */
export const workOrderInputStats = pgTable('work_order_input_stats', {
  workOrderId: text('work_order_id')
    .primaryKey()
    .references(() => workOrderIndex.id, { onDelete: 'cascade' }),
  inputs: integer('inputs').notNull(),
  retakes: integer('retakes').notNull(),
});

export type WorkOrderTaskIndexRow = typeof workOrderTaskIndex.$inferSelect;
