/** The v0.2 wire shapes (listed in `simulator/README.md`), built from the internal records. */
import { evaluateTask, progressScore, type Rule, type ScoredTask, type TaskState } from '../lib/shared/progress-score';
import type { TaskDefinition, TaskGroupDefinition } from './apps';
import { localiseFinding, type ConformityMessage, type Language } from './conformity';
import { formatMicros } from './dates';
import { exampleMediaPath, inputMediaPath, type MediaSigner } from './media';
import type { InputRecord, StateRecord, TimelineEvent, WorkOrderRecord } from './model';
import type { Site } from './site';

export interface SerializeContext {
  site: Site;
  signer: MediaSigner;
  language: Language;
  /** States echo `corrected_value` as the client sent it (see `profile.ts`). */
  correctedValueAsSent?: boolean;
}

export interface WireTaskDefinition {
  id: string;
  name: string;
  sentence: string;
  task_group_name: string;
  mandatory: boolean;
  only_for_dashboard: boolean;
  conformity_status: boolean;
  outcome_type: string;
  outcome_display: string;
  outcome_validation: Rule[] | null;
}

export interface WireTask extends WireTaskDefinition {
  state: TaskState | null;
}

export function taskDefinition(site: Site, task: TaskDefinition, group: TaskGroupDefinition): WireTaskDefinition {
  return {
    id: site.taskId(task.name),
    name: task.name,
    sentence: task.sentence,
    task_group_name: group.name,
    mandatory: task.mandatory,
    only_for_dashboard: task.only_for_dashboard,
    conformity_status: task.conformity_status,
    outcome_type: task.outcome_type,
    outcome_display: task.outcome_display,
    outcome_validation: task.outcome_validation,
  };
}

export function exampleUrls(ctx: SerializeContext, group: TaskGroupDefinition): string[] {
  return Array.from({ length: group.exampleCount }, (_, n) => ctx.signer.sign(exampleMediaPath(group.name, n)));
}

/** The fields a task group has both in `/task-groups/` and inside a work order, in wire order. */
function taskGroupHeader(ctx: SerializeContext, group: TaskGroupDefinition) {
  return {
    id: ctx.site.groupId(group.name),
    name: group.name,
    display_name: group.display_name,
    description: group.description,
    order: group.order,
    input_examples: exampleUrls(ctx, group),
  };
}

export function taskGroupResource(ctx: SerializeContext, group: TaskGroupDefinition) {
  return {
    ...taskGroupHeader(ctx, group),
    remote_algorithm_instances: group.remote_algorithm_instances,
    tasks: group.tasks.map((task) => taskDefinition(ctx.site, task, group)),
  };
}

export function taskState(
  task: TaskDefinition,
  state: StateRecord | undefined,
  includeInputs: boolean,
  correctedValueAsSent = false,
): TaskState | null {
  if (!state) return null;
  const evaluation = evaluateTask({ outcome_validation: task.outcome_validation, state });
  const wire: TaskState = {
    analyzed_value: state.analyzed_value,
    corrected_value: correctedValueAsSent && state.corrected_as_sent !== undefined ? state.corrected_as_sent : state.corrected_value,
    message: evaluation.message,
    color: evaluation.color,
    is_conformity_validated: evaluation.is_conformity_validated,
  };
  if (includeInputs) wire.analyzed_inputs = state.analyzed_inputs;
  wire.update_date = formatMicros(state.update_us);
  return wire;
}

/** The flat task list of a work order, in layout order (repeats kept, as in the sample). */
export function workOrderTasks(site: Site, record: WorkOrderRecord, includeInputs: boolean, correctedValueAsSent = false): WireTask[] {
  const tasks: WireTask[] = [];
  for (const groupName of record.layout) {
    const group = site.group(groupName);
    if (!group) continue;
    for (const task of group.tasks) {
      tasks.push({ ...taskDefinition(site, task, group), state: taskState(task, record.states[task.name], includeInputs, correctedValueAsSent) });
    }
  }
  return tasks;
}

const scoreMemo = new WeakMap<WorkOrderRecord, { updateUs: number; layout: string[]; score: number }>();

/**
 * The work order's `progress_score`. Memoised per record: every change that can move the
 * score (analysis, correction, types) also moves `update_date` or the layout.
 */
export function workOrderScore(site: Site, record: WorkOrderRecord): number {
  if (record.score_override !== null) return record.score_override;
  const memo = scoreMemo.get(record);
  if (memo && memo.updateUs === record.update_us && memo.layout === record.layout) return memo.score;
  const tasks: ScoredTask[] = [];
  for (const groupName of record.layout) {
    for (const task of site.group(groupName)?.tasks ?? []) {
      tasks.push({
        id: task.name,
        conformity_status: task.conformity_status,
        outcome_validation: task.outcome_validation,
        state: record.states[task.name],
      });
    }
  }
  const score = progressScore(tasks);
  scoreMemo.set(record, { updateUs: record.update_us, layout: record.layout, score });
  return score;
}

export function conformityMessages(input: InputRecord, language: Language): ConformityMessage[] {
  return input.conformity.map((finding) => localiseFinding(finding, language));
}

export function inputResource(ctx: SerializeContext, record: WorkOrderRecord, input: InputRecord) {
  return {
    id: input.id,
    task_group_name: input.task_group_name,
    type: input.type,
    url: ctx.signer.sign(inputMediaPath(record.id, input.id, input.type)),
    create_date: formatMicros(input.create_us),
    status: input.status,
    conformity_messages: conformityMessages(input, ctx.language),
  };
}

export function workOrderSummary(ctx: SerializeContext, record: WorkOrderRecord) {
  return {
    id: record.id,
    name: record.name,
    site_id: ctx.site.siteId,
    app_version_id: ctx.site.appVersionId,
    create_date: formatMicros(record.create_us),
    update_date: formatMicros(record.update_us),
    review_date: record.review_us === null ? null : formatMicros(record.review_us),
    metadata: record.metadata,
    tags: record.tags,
    field_engineer_email: record.field_engineer_email,
    field_engineer_name: record.field_engineer_name,
    user_group_ids: record.user_group_ids,
    work_order_types: record.work_order_types,
    progress_score: workOrderScore(ctx.site, record),
  };
}

export function workOrderResource(ctx: SerializeContext, record: WorkOrderRecord, includeInputs: boolean) {
  const tasks = workOrderTasks(ctx.site, record, includeInputs, ctx.correctedValueAsSent);
  const taskGroups = record.layout.flatMap((name) => {
    const group = ctx.site.group(name);
    if (!group) return [];
    return [
      {
        ...taskGroupHeader(ctx, group),
        tasks: group.tasks.map((task) => ctx.site.taskId(task.name)),
      },
    ];
  });
  const resource: Record<string, unknown> = {
    ...workOrderSummary(ctx, record),
    progress_score: workOrderScore(ctx.site, record),
    task_groups: taskGroups,
    tasks,
  };
  if (includeInputs) resource.inputs = record.inputs.map((input) => inputResource(ctx, record, input));
  return resource;
}

export function timelineResource(site: Site, record: WorkOrderRecord, event: TimelineEvent) {
  const wire: Record<string, unknown> = {
    id: event.id,
    work_order_id: record.id,
    date: formatMicros(event.date_us),
    type: event.type,
    user_email: event.user_email,
  };
  if (event.task_group_name !== undefined) wire.task_group_name = event.task_group_name;
  if (event.task_name !== undefined) {
    wire.task_id = site.taskId(event.task_name);
    wire.task_name = event.task_name;
  }
  if (event.input_id !== undefined) wire.input_id = event.input_id;
  wire.payload = event.payload;
  return wire;
}
