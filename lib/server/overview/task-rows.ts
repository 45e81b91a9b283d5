import type { WorkOrder } from '@/lib/server/deepomatic/types';
import { matchRule, type Rule } from '@/lib/shared/progress-score';
import { taskKey } from '@/lib/shared/task-key';

/** What the overview keeps of one task of a work order (see `work_order_task_index`). */
export interface TaskIndexRow {
  workOrderId: string;
  taskId: string;
  taskName: string;
  taskGroupName: string;
  appVersionId: string | null;
  conformity: boolean;
  analyzed: boolean;
  validated: boolean;
  aiValidated: boolean | null;
  corrected: boolean;
}

export interface InputStatsRow {
  workOrderId: string;
  inputs: number;
  retakes: number;
}

/**
 * Per-task facts of a work order read with its tasks, each task once by its names (a task
 * shared by two work-order types is listed twice upstream; names, not ids, are what stays the
 * same across application versions). Same definitions as the index row's counts.
 */
export function taskIndexRows(workOrder: WorkOrder): TaskIndexRow[] {
  const seen = new Set<string>();
  const rows: TaskIndexRow[] = [];
  for (const task of workOrder.tasks) {
    const key = taskKey(task.task_group_name ?? '', task.name);
    if (seen.has(key)) continue;
    seen.add(key);
    const state = task.state;
    const aiValue = state?.analyzed_value ?? null;
    const aiRule = aiValue === null ? null : matchRule(task.outcome_validation as Rule[] | null, aiValue);
    rows.push({
      workOrderId: workOrder.id,
      taskId: task.id,
      taskName: task.name,
      taskGroupName: task.task_group_name ?? '',
      appVersionId: workOrder.app_version_id,
      conformity: Boolean(task.conformity_status),
      analyzed: Boolean(state && (state.analyzed_value !== null || state.corrected_value !== null)),
      validated: Boolean(state?.is_conformity_validated),
      aiValidated: aiRule ? aiRule.is_conformity_validated === true : null,
      corrected: Boolean(state && state.corrected_value !== null),
    });
  }
  return rows;
}

/** Photos per work order and retakes (a task group's photos after its first); null without inputs. */
export function inputStats(workOrder: WorkOrder): InputStatsRow | null {
  if (!workOrder.inputs) return null;
  const perGroup = new Map<string, number>();
  for (const input of workOrder.inputs) perGroup.set(input.task_group_name ?? '', (perGroup.get(input.task_group_name ?? '') ?? 0) + 1);
  let retakes = 0;
  for (const photos of perGroup.values()) retakes += Math.max(0, photos - 1);
  return { workOrderId: workOrder.id, inputs: workOrder.inputs.length, retakes };
}
