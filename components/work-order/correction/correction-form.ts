/**
 * The pure parts of the correction dialog: what the form starts from, what a kept draft holds,
 * the preview it shows, what Y/N do and what is announced after a send. `use-correction.ts`
 * wires them to React; these stay testable on their own.
 */
import { previewCorrection, type CorrectionPreview } from '@/lib/shared/correction-preview';
import type { TaskValue } from '@/lib/shared/progress-score';
import type { ReasonCodeDto, TaskDto, WorkOrderDto } from '@/lib/shared/work-order-dto';
import type { CorrectionDraft } from './correction-draft';
import { isEditable, validateCorrection, wasSent, type CorrectionEvent, type CorrectionState } from './correction-machine';

export const TEXT_MAX = 256;
export const COMMENT_MAX = 1000;

/**
 * The form's first value: the Boolean chosen with Y/N before opening, else the task's current
 * value to edit (a Boolean starts with nothing chosen: the user picks one).
 */
export function initialInput(task: Pick<TaskDto, 'outcomeType' | 'effectiveValue'>, preset: boolean | undefined): string {
  if (preset !== undefined) return String(preset);
  if (task.outcomeType === 'Boolean' || task.effectiveValue === null) return '';
  return String(task.effectiveValue);
}

/** The task's value in the form's raw input form: a form still holding it has nothing to keep. */
export function currentInput(task: Pick<TaskDto, 'effectiveValue'>): string {
  return task.effectiveValue === null ? '' : String(task.effectiveValue);
}

/** What a kept draft holds of the form: enough to offer it back and replay it under the same key. */
export function draftOf(state: CorrectionState): Omit<CorrectionDraft, 'savedAt'> {
  return {
    input: state.input,
    reason: state.reason,
    comment: state.comment,
    baseVersion: state.baseVersion,
    idempotencyKey: state.idempotencyKey,
    sent: wasSent(state.status),
  };
}

/** The event that puts a kept draft back in the form. */
export function restoreEvent(draft: CorrectionDraft): CorrectionEvent {
  return {
    type: 'RESTORE',
    fields: { input: draft.input, reason: draft.reason, comment: draft.comment },
    baseVersion: draft.baseVersion,
    idempotencyKey: draft.idempotencyKey,
  };
}

/**
 * The effect of the correction on the task and the score, against `baseTask` (the task as the
 * user last saw it: theirs after a conflict). While editing it follows what is typed; from the
 * confirmation on, the value under confirmation. Null while there is no valid value.
 */
export function previewFor(workOrder: WorkOrderDto, baseTask: TaskDto, state: CorrectionState): CorrectionPreview | null {
  const typed = validateCorrection(state).value;
  const value: TaskValue | null = state.status === 'editing' ? typed : (state.value ?? typed);
  if (value === null) return null;
  const taskGroups = workOrder.taskGroups.map((group) => ({
    ...group,
    tasks: group.tasks.map((candidate) => (candidate.id === baseTask.id ? baseTask : candidate)),
  }));
  return previewCorrection({ ...workOrder, taskGroups }, baseTask, value);
}

/** The reason codes to choose from: active ones, in their order. */
export function activeReasonCodes(reasonCodes: readonly ReasonCodeDto[]): ReasonCodeDto[] {
  return reasonCodes.filter((reason) => reason.active).sort((a, b) => a.sortOrder - b.sortOrder);
}

/** The label of the chosen reason (a code no longer active still has one), else the code itself. */
export function reasonLabel(reasonCodes: readonly ReasonCodeDto[], code: string): string {
  return reasonCodes.find((reason) => reason.code === code)?.label ?? code;
}

/** Y and N choose the Boolean value while the form takes edits; any other key does nothing here. */
export function booleanForKey(key: string, outcomeType: TaskDto['outcomeType'], state: Pick<CorrectionState, 'status'>): 'true' | 'false' | null {
  if (outcomeType !== 'Boolean' || !isEditable(state.status)) return null;
  const lower = key.toLowerCase();
  return lower === 'y' ? 'true' : lower === 'n' ? 'false' : null;
}

/** The message (key of the `correction` catalogue) announced once a send has its answer. */
export function announcementFor(
  event: CorrectionEvent,
): 'status.saved' | 'conflict.title' | 'status.unauthenticated' | 'status.unknown' | 'status.failed' {
  switch (event.type) {
    case 'SUCCEEDED':
      return 'status.saved';
    case 'CONFLICT':
      return 'conflict.title';
    case 'UNAUTHENTICATED':
      return 'status.unauthenticated';
    case 'UNKNOWN':
      return 'status.unknown';
    default:
      return 'status.failed';
  }
}

/** The task a 412 names as the current one, when the server sent it in our shape. */
export function isTaskDto(value: unknown): value is TaskDto {
  return !!value && typeof value === 'object' && typeof (value as TaskDto).id === 'string' && Array.isArray((value as TaskDto).rules);
}
