import 'server-only';
import { createHash } from 'node:crypto';
import { effectiveValue, type Rule, type TaskValue } from '@/lib/shared/progress-score';
import { taskKey } from '@/lib/shared/task-key';
import { behaviourType, knownOutcomeType } from '@/lib/shared/task-value';
import type {
  AnalysisResultDto,
  AnalyzedInputDto,
  ConformityMessageDto,
  CorrectionSummaryDto,
  InputDto,
  Metadata,
  MetadataValue,
  TaskDefinitionDto,
  TaskDto,
  TaskGroupDefinitionDto,
  TaskGroupDto,
  TaskGroupWithTasksDto,
  TaskStateDto,
  UnreadableTaskDto,
  WorkOrderDto,
} from '@/lib/shared/work-order-dto';
import type {
  AnalyzeResult,
  ConformityMessage,
  Input,
  Rule as UpstreamRule,
  Task,
  TaskDefinition,
  TaskGroup,
  TaskState,
  WorkOrder,
  WorkOrderTaskGroup,
} from '@/lib/server/deepomatic/types';

/**
 * Upstream objects come in as the client parsed them (`lib/server/deepomatic/types.ts`):
 * validated, values typed by their task, and each state's verdict already completed from the
 * task's rules where the upstream left it out. These functions only turn them into our DTOs.
 */

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Only `#rrggbb` reaches the browser (a colour is customer text that ends up in CSS). */
export function safeColor(color: unknown): string | null {
  return typeof color === 'string' && COLOR.test(color) ? color : null;
}

function taskValue(value: unknown): TaskValue | null {
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return null;
}

function sanitizeRules(rules: readonly UpstreamRule[] | null | undefined): Rule[] {
  return (rules ?? []).map((rule) => ({
    schema: rule.schema,
    color: safeColor(rule.color) ?? '',
    sentence: rule.sentence ?? '',
    not_analyzed: rule.not_analyzed === true,
    is_conformity_validated: rule.is_conformity_validated === true,
  }));
}

/**
 * The version of a task state the user saw: changes whenever the AI value, the corrected
 * value or the state's own update date changes. Per task on purpose: a colleague correcting
 * another task of the same work order must not make this one conflict.
 */
export function taskVersion(
  taskId: string,
  state: { analyzed_value?: unknown; corrected_value?: unknown; update_date?: string | null } | null | undefined,
): string {
  const material = JSON.stringify([
    taskId,
    state ? taskValue(state.analyzed_value) : null,
    state ? taskValue(state.corrected_value) : null,
    state?.update_date ?? null,
    state ? 1 : 0,
  ]);
  return createHash('sha256').update(material).digest('base64url').slice(0, 22);
}

/** `If-Match` accepts `"v"`, `W/"v"` or a bare `v`; returns the bare version. */
export function parseIfMatch(header: string | null): string | null {
  if (header === null) return null;
  const trimmed = header.trim();
  const match = /^(?:W\/)?"([^"]*)"$/.exec(trimmed);
  const value = match ? match[1] : trimmed;
  return value.length > 0 && value.length <= 128 ? value : null;
}

export function inputImageUrl(workOrderId: string, inputId: string): string {
  return `/api/work-orders/${encodeURIComponent(workOrderId)}/inputs/${encodeURIComponent(inputId)}/image`;
}

export function exampleImageUrl(taskGroupName: string, index: number): string {
  return `/api/task-groups/${encodeURIComponent(taskGroupName)}/examples/${index}`;
}

function toStateDto(state: TaskState): TaskStateDto {
  const analyzedInputs: AnalyzedInputDto[] = (state.analyzed_inputs ?? []).map((input) => ({
    inputId: input.input_id,
    boundingBoxes: (input.bounding_boxes ?? []).map((box) => ({
      xmin: box.xmin,
      ymin: box.ymin,
      xmax: box.xmax,
      ymax: box.ymax,
      ...(typeof box.label === 'string' ? { label: box.label } : {}),
      ...(typeof box.score === 'number' ? { score: box.score } : {}),
    })),
  }));
  return {
    analyzedValue: taskValue(state.analyzed_value),
    correctedValue: taskValue(state.corrected_value),
    message: typeof state.message === 'string' ? state.message : null,
    color: safeColor(state.color),
    isConformityValidated: state.is_conformity_validated === true,
    analyzedInputs,
    updateDate: state.update_date ?? null,
  };
}

export function toTaskDefinitionDto(task: TaskDefinition): TaskDefinitionDto {
  return {
    id: task.id,
    name: task.name,
    sentence: task.sentence || task.name,
    mandatory: task.mandatory === true,
    outcomeType: behaviourType(task.outcome_type),
    declaredOutcomeType: knownOutcomeType(task.outcome_type) ? null : (task.outcome_type ?? ''),
    outcomeDisplay: task.outcome_display ?? null,
    rules: sanitizeRules(task.outcome_validation),
    countedInScore: task.conformity_status === true,
    pushedToField: task.only_for_dashboard !== true,
  };
}

export function toTaskDto(task: Task, lastCorrection: CorrectionSummaryDto | null = null): TaskDto {
  const state = task.state;
  return {
    ...toTaskDefinitionDto(task),
    taskGroupName: task.task_group_name ?? '',
    analyzed: state !== null && state.analyzed_value !== null,
    state: state ? toStateDto(state) : null,
    effectiveValue: effectiveValue(state ? { analyzed_value: state.analyzed_value ?? null, corrected_value: state.corrected_value ?? null } : null),
    corrected: state !== null && state.corrected_value !== null,
    validated: state?.is_conformity_validated ?? false,
    version: taskVersion(task.id, state),
    lastCorrection,
  };
}

export function toTaskGroupDto(group: TaskGroup | WorkOrderTaskGroup): TaskGroupDto {
  return {
    id: group.id ?? group.name,
    name: group.name,
    displayName: group.display_name || group.name,
    description: group.description ?? '',
    order: typeof group.order === 'number' ? group.order : Number.MAX_SAFE_INTEGER,
    exampleImageUrls: (group.input_examples ?? []).map((_, index) => exampleImageUrl(group.name, index)),
  };
}

export function toTaskGroupDefinitionDto(group: TaskGroup): TaskGroupDefinitionDto {
  return { ...toTaskGroupDto(group), tasks: (group.tasks ?? []).map(toTaskDefinitionDto) };
}

function conformityLevel(level: unknown): 'warning' | 'error' {
  return level === 'error' ? 'error' : 'warning';
}

export function toConformityMessages(messages: readonly ConformityMessage[] | null | undefined): ConformityMessageDto[] {
  return (messages ?? []).map((message) => ({
    code: message.code ?? '',
    name: message.name ?? message.code ?? '',
    level: conformityLevel(message.level),
    message: message.message ?? '',
  }));
}

export function toInputDto(workOrderId: string, input: Input): InputDto {
  const type = input.type === 'pdf' ? 'pdf' : 'image';
  // The client derives the type, status and task group of an input when the upstream leaves them out.
  return {
    id: input.id,
    taskGroupName: input.task_group_name ?? '',
    type,
    imageUrl: type === 'image' ? inputImageUrl(workOrderId, input.id) : null,
    createDate: input.create_date ?? null,
    status: input.status ?? null,
    conformityMessages: toConformityMessages(input.conformity_messages),
  };
}

function metadataValue(value: unknown): MetadataValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // Nested structures are not part of the metadata model; show them as text rather than drop them.
  return JSON.stringify(value) ?? null;
}

export function toMetadata(metadata: Record<string, unknown> | null | undefined): Metadata {
  const result: Metadata = {};
  for (const [key, value] of Object.entries(metadata ?? {})) result[key] = metadataValue(value);
  return result;
}

/**
 * The page DTO of a work order: task groups sorted by `order`, tasks under their group
 * (a task whose group is not listed gets a group of its own at the end), our image URLs.
 */
export function toWorkOrderDto(
  workOrder: WorkOrder,
  /** By `taskKey(task-group name, task name)`, as `lastCorrectionsByTask` gives them. */
  lastCorrections: ReadonlyMap<string, CorrectionSummaryDto> = new Map(),
): WorkOrderDto {
  // Our notes are keyed by names (`taskKey`): ids change when the application version does.
  const tasks = (workOrder.tasks ?? []).map((task) => toTaskDto(task, lastCorrections.get(taskKey(task.task_group_name ?? '', task.name)) ?? null));
  const tasksById = new Map(tasks.map((task) => [task.id, task]));
  const groups = new Map<string, TaskGroupWithTasksDto>();
  for (const group of workOrder.task_groups ?? []) {
    const listed = group.tasks ?? [];
    const members = listed.map((id) => tasksById.get(id)).filter((task): task is TaskDto => task !== undefined);
    groups.set(group.name, { ...toTaskGroupDto(group), tasks: members, unreadableTasks: [] });
  }
  const groupNamed = (name: string): TaskGroupWithTasksDto => {
    let group = groups.get(name);
    if (!group) {
      group = {
        id: name,
        name,
        displayName: name || '—',
        description: '',
        order: Number.MAX_SAFE_INTEGER,
        exampleImageUrls: [],
        tasks: [],
        unreadableTasks: [],
      };
      groups.set(name, group);
    }
    return group;
  };
  const placed = new Set<string>();
  for (const group of groups.values()) for (const task of group.tasks) placed.add(task.id);
  for (const task of tasks) {
    if (placed.has(task.id)) continue;
    groupNamed(task.taskGroupName).tasks.push(task);
    placed.add(task.id);
  }
  // A task the upstream sent but we could not read is shown as such in its group, never dropped silently.
  for (const unreadable of workOrder.unreadable_tasks ?? []) {
    const dto: UnreadableTaskDto = { id: unreadable.id, name: unreadable.name };
    (groupNamed(unreadable.task_group_name ?? '').unreadableTasks ??= []).push(dto);
  }
  // Stable: groups with the same order (or none) keep the upstream's order.
  const taskGroups = [...groups.values()].sort((a, b) => a.order - b.order);

  const counts = { total: 0, analyzed: 0, notAnalyzed: 0, validated: 0, notValidated: 0, corrected: 0, countedInScore: 0 };
  for (const task of tasks) {
    counts.total += 1;
    if (task.analyzed) counts.analyzed += 1;
    else counts.notAnalyzed += 1;
    if (task.validated) counts.validated += 1;
    else counts.notValidated += 1;
    if (task.corrected) counts.corrected += 1;
    if (task.countedInScore) counts.countedInScore += 1;
  }

  return {
    id: workOrder.id,
    name: workOrder.name,
    siteId: workOrder.site_id ?? null,
    appVersionId: workOrder.app_version_id ?? null,
    createDate: workOrder.create_date ?? null,
    updateDate: workOrder.update_date ?? null,
    reviewDate: workOrder.review_date ?? null,
    metadata: toMetadata(workOrder.metadata),
    tags: [...(workOrder.tags ?? [])],
    fieldEngineerEmail: workOrder.field_engineer_email ?? null,
    fieldEngineerName: workOrder.field_engineer_name ?? null,
    userGroupIds: (workOrder.user_group_ids ?? []).map(String),
    workOrderTypes: [...(workOrder.work_order_types ?? [])],
    progressScore: workOrder.progress_score,
    taskGroups,
    inputs: (workOrder.inputs ?? []).map((input) => toInputDto(workOrder.id, input)),
    counts,
  };
}

/**
 * An analysis answer as our DTO. The outcome is the upstream's `status` when it gives one;
 * otherwise it follows from what the API documents: an error-level conformity message stopped
 * the analysis; else the impacted tasks that count in the score are all validated (ok) or not
 * (ko), read in `after` — the work order re-read after the analysis — or in the answer's own
 * states; when neither says, the analysis is done with an outcome we do not know. The score is
 * never taken from the answer: only from the re-read work order.
 */
export function toAnalysisResultDto(workOrderId: string, result: AnalyzeResult, after: WorkOrderDto | null = null): AnalysisResultDto {
  const conformityMessages = toConformityMessages(result.conformity_messages);
  const impactedTaskIds = [...new Set((result.tasks ?? []).map((task) => task.id))];
  const inputs = result.inputs ?? [];
  return {
    status: analysisStatus(result, conformityMessages, impactedTaskIds, after),
    conformityMessages,
    input: inputs[0] ? toInputDto(workOrderId, inputs[0]) : null,
    impactedTaskIds,
    progressScore: after ? after.progressScore : null,
  };
}

function analysisStatus(
  result: AnalyzeResult,
  messages: readonly ConformityMessageDto[],
  impactedTaskIds: readonly string[],
  after: WorkOrderDto | null,
): AnalysisResultDto['status'] {
  if (result.status === 'analysis_ok' || result.status === 'analysis_ko' || result.status === 'conformity_error') return result.status;
  if (messages.some((message) => message.level === 'error')) return 'conformity_error';
  if (after) {
    const byId = new Map(after.taskGroups.flatMap((group) => group.tasks).map((task) => [task.id, task]));
    const impacted = impactedTaskIds.map((id) => byId.get(id)).filter((task): task is TaskDto => task !== undefined);
    // Same rule as the upstream's own status: every impacted task that counts in the score is validated.
    if (impacted.length > 0) return impacted.filter((task) => task.countedInScore).every((task) => task.validated) ? 'analysis_ok' : 'analysis_ko';
  }
  const verdicts = (result.tasks ?? []).map((task) => task.state?.is_conformity_validated).filter((v): v is boolean => typeof v === 'boolean');
  if (verdicts.length > 0) return verdicts.every(Boolean) ? 'analysis_ok' : 'analysis_ko';
  return 'analysis_done';
}
