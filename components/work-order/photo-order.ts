import type { WorkOrderDto } from '@/lib/shared/work-order-dto';

/** The id of the first photo the panel shows (groups in order, then their inputs), if any. */
export function firstPhoto(workOrder: WorkOrderDto): string | null {
  for (const group of workOrder.taskGroups) {
    const input = workOrder.inputs.find((candidate) => candidate.taskGroupName === group.name && candidate.imageUrl);
    if (input) return input.id;
  }
  return null;
}
