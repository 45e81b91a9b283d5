import { matchRule } from '@/lib/shared/progress-score';
import type { BlindTaskDto, BlindWorkOrderDto, SpotCheckRevealDto } from '@/lib/shared/spot-checks';
import { taskKey } from '@/lib/shared/task-key';
import type { TaskDto, TaskValue, WorkOrderDto } from '@/lib/shared/work-order-dto';

/** What the AI said of one task, kept next to the reviewer's answer. */
export interface AiVerdict extends BlindTaskDto {
  /** The verdict the task's rules give the AI's own value (not a correction); null without one. */
  aiValidated: boolean | null;
  aiValue: TaskValue | null;
}

/**
 * The tasks a spot check asks about: those that count in the progress score, each once by its
 * names (a task listed under two groups is one task). A score of 100 means the AI passed every
 * one of them, so these are the verdicts a false accept can hide in.
 */
function checkedTasks(workOrder: WorkOrderDto): TaskDto[] {
  const seen = new Set<string>();
  const tasks: TaskDto[] = [];
  for (const group of workOrder.taskGroups) {
    for (const task of group.tasks) {
      const key = taskKey(task.taskGroupName || group.name, task.name);
      if (!task.countedInScore || seen.has(key)) continue;
      seen.add(key);
      tasks.push({ ...task, taskGroupName: task.taskGroupName || group.name });
    }
  }
  return tasks;
}

/**
 * The work order as a reviewer sees it before answering: task groups with their photos and the
 * sentence of each task to check. Built field by field from the full DTO, so nothing of the AI's
 * output (values, verdicts, rule messages and colours, photo statuses, conformity messages,
 * boxes) can reach the browser by being forgotten here.
 */
export function blindWorkOrder(workOrder: WorkOrderDto): BlindWorkOrderDto {
  const tasks = checkedTasks(workOrder);
  return {
    id: workOrder.id,
    name: workOrder.name,
    taskGroups: workOrder.taskGroups
      .map((group) => ({
        name: group.name,
        displayName: group.displayName,
        tasks: tasks
          .filter((task) => task.taskGroupName === group.name)
          .map((task) => ({ taskGroupName: task.taskGroupName, taskName: task.name, sentence: task.sentence })),
        photos: workOrder.inputs
          .filter((input) => input.taskGroupName === group.name && input.imageUrl !== null)
          .map((input) => ({ inputId: input.id, imageUrl: input.imageUrl as string })),
      }))
      .filter((group) => group.tasks.length > 0 || group.photos.length > 0),
  };
}

/** The AI's verdict on each task a spot check asks about. */
export function aiVerdicts(workOrder: WorkOrderDto): AiVerdict[] {
  return checkedTasks(workOrder).map((task) => {
    const aiValue = task.state?.analyzedValue ?? null;
    const rule = aiValue === null ? null : matchRule(task.rules, aiValue);
    return {
      taskGroupName: task.taskGroupName,
      taskName: task.name,
      sentence: task.sentence,
      aiValidated: rule ? rule.is_conformity_validated === true : null,
      aiValue,
    };
  });
}

/** The AI's boxes of the checked tasks, per photo: part of the reveal only. */
export function revealedBoxes(workOrder: WorkOrderDto): SpotCheckRevealDto['boxes'] {
  return checkedTasks(workOrder).flatMap((task) =>
    (task.state?.analyzedInputs ?? []).flatMap((analyzed) =>
      analyzed.boundingBoxes.map((box) => ({ inputId: analyzed.inputId, taskGroupName: task.taskGroupName, taskName: task.name, box })),
    ),
  );
}
