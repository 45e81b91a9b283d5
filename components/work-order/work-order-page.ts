/** The pure parts of the work-order page: which dialog is open, which tasks show, the reason codes, the page after a change. */
import type { ReasonCodeDto, TaskGroupWithTasksDto, TimelineDto, WorkOrderDto, WorkOrderPageDto } from '@/lib/shared/work-order-dto';

/** At most one dialog at a time; a task's dialogs name the task, so focus can go back to its row. */
export type OpenDialog =
  | { kind: 'correct'; taskId: string; preset?: boolean }
  | { kind: 'history'; taskId: string }
  | { kind: 'analyze'; groupName: string }
  | { kind: 'edit' }
  | { kind: 'metadata' }
  | { kind: 'delete' }
  | { kind: 'shortcuts' };

export interface TaskFilters {
  notValidatedOnly: boolean;
  correctedOnly: boolean;
}

/**
 * The task groups with only the tasks the filters keep. With a filter on, a group left with no
 * task is not shown at all; with none, every group is, even one without tasks.
 */
export function filterTaskGroups(
  taskGroups: readonly TaskGroupWithTasksDto[],
  { notValidatedOnly, correctedOnly }: TaskFilters,
): TaskGroupWithTasksDto[] {
  return taskGroups
    .map((group) => ({
      ...group,
      tasks: group.tasks.filter((task) => (!notValidatedOnly || !task.validated) && (!correctedOnly || task.corrected)),
    }))
    .filter((group) => group.tasks.length > 0 || (!notValidatedOnly && !correctedOnly));
}

/** The reason codes out of `/api/reason-codes`'s answer (a list, or an object holding one). */
export function reasonCodesFrom(body: unknown): ReasonCodeDto[] {
  if (Array.isArray(body)) return body as ReasonCodeDto[];
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['reasonCodes', 'codes', 'items']) if (Array.isArray(record[key])) return record[key] as ReasonCodeDto[];
  }
  return [];
}

/**
 * The page after a change answered with the work order as it is now: that work order, and the
 * timeline read again once the change is in it (without one, the timeline stays as it was).
 */
export function pageAfterChange(page: WorkOrderPageDto, workOrder: WorkOrderDto, timeline?: TimelineDto): WorkOrderPageDto {
  const changed = { ...page, workOrder };
  return timeline ? { ...changed, timeline: timeline.entries, timelineComplete: timeline.complete } : changed;
}
