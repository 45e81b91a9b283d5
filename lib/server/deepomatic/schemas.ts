import { z } from 'zod';
import { stateVerdict, type Rule as SharedRule, type TaskValue } from '@/lib/shared/progress-score';
import { normaliseTaskValue } from '@/lib/shared/task-value';
import { eachOf, isObject, lenient, noting } from './lenient';
import { noteShape, OPTIONAL_FIELDS } from './shape-notes';

/**
 * Schemas of every v0.2 response: upstream data is untrusted third-party input.
 *
 * The client relies only on what the API documents. Required: the ids we put in URLs (work
 * order and task UUIDs, validated and lowercased), names, `progress_score` (0..100) and, in a
 * correction answer, the task `state`. Every other field is optional: used when present,
 * derived when absent (a task's message, colour and validation come from its
 * `outcome_validation` rules and its value, with the code that computes the score), or
 * reported as unknown. Absent optional fields are noted (`shape-notes.ts`) so the operator
 * learns once which ones their site leaves out.
 *
 * One unreadable part never sinks a whole answer: a malformed task becomes an "unreadable
 * task", a malformed input, task group, list row or timeline event is dropped (and noted),
 * a malformed date or colour becomes null. Unknown fields are accepted and dropped, so nothing
 * unvetted travels on towards the browser; free-form objects (`metadata`, rule `schema`,
 * timeline `payload`) are kept as they are.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** A UUID we may later put in a URL: validated and lowercased. */
const uuid = z
  .string()
  .regex(UUID)
  .transform((value) => value.toLowerCase());

/** Any identifier we only display or compare (string or number upstream). */
const looseId = z.union([z.string().min(1).max(256), z.number().int()]).transform(String);

const name = z.string().min(1).max(512);
const text = z.string().max(100_000);
const isoDate = z.iso.datetime({ offset: true });

const optionalText = (path: string) => lenient(text, null, path);
const optionalName = (path: string) => lenient(z.string().max(512), null, path);
const optionalDate = (path: string) => lenient(isoDate, null, path);

/** Only `#rrggbb` survives; anything else (CSS injection, names, urls) becomes null. */
export const colorSchema = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' && COLOR.test(value) ? value : null));

const stringList = (path: string) => lenient(z.array(z.union([z.string(), z.number()]).transform(String)), [] as string[], path);

const jsonObject = z.record(z.string(), z.unknown());

export const progressScoreSchema = z.number().min(0).max(100);

export const taskValueSchema = z.union([z.boolean(), z.number(), z.string()]);
const optionalValue = (path: string) => lenient(taskValueSchema, null as TaskValue | null, path);

/**
 * An `outcome_validation` rule. A rule we cannot read keeps its place but never matches (so a
 * later rule is not promoted by accident: the first matching rule wins).
 */
export const ruleSchema = z.object({
  schema: z
    .unknown()
    .optional()
    .transform((value): SharedRule['schema'] => (typeof value === 'boolean' || isObject(value) ? value : false)),
  color: colorSchema,
  sentence: optionalText('rule.sentence'),
  not_analyzed: lenient(z.boolean(), false, 'rule.not_analyzed'),
  is_conformity_validated: lenient(z.boolean(), false, 'rule.is_conformity_validated'),
});

const NEVER_MATCHING_RULE = { schema: false, color: null, sentence: null, not_analyzed: false, is_conformity_validated: false } as const;

const rules = z
  .unknown()
  .optional()
  .transform((value) => {
    // `null` and `[]` both occur in real data and both mean "no rule".
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value)) {
      noteShape('task.outcome_validation (not a list)');
      return null;
    }
    return value.map((raw) => {
      const parsed = ruleSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
      noteShape('task.outcome_validation[] (unreadable)');
      return { ...NEVER_MATCHING_RULE };
    });
  });

export type ParsedRule = z.output<typeof ruleSchema>;

export const boundingBoxSchema = z.object({
  xmin: z.number(),
  ymin: z.number(),
  xmax: z.number(),
  ymax: z.number(),
  label: z
    .string()
    .max(512)
    .nullish()
    .transform((value) => value ?? undefined),
  score: z
    .number()
    .nullish()
    .transform((value) => value ?? undefined),
});

export const analyzedInputSchema = z.object({
  input_id: looseId,
  bounding_boxes: eachOf(boundingBoxSchema, 'analyzed_inputs[].bounding_boxes'),
});

/**
 * A task state. `message`, `color` and `is_conformity_validated` stay `undefined` when the
 * upstream did not send them (null is "it said none"): `completeState` derives them from the
 * task's rules.
 */
export const taskStateSchema = noting(
  'task.state.',
  OPTIONAL_FIELDS['task.state.'],
  z.object({
    analyzed_value: optionalValue('task.state.analyzed_value'),
    corrected_value: optionalValue('task.state.corrected_value'),
    message: z
      .unknown()
      .optional()
      .transform((value) => (value === undefined ? undefined : typeof value === 'string' ? value.slice(0, 100_000) : null)),
    color: z
      .unknown()
      .optional()
      .transform((value) => (value === undefined ? undefined : typeof value === 'string' && COLOR.test(value) ? value : null)),
    is_conformity_validated: z
      .unknown()
      .optional()
      .transform((value) => (typeof value === 'boolean' ? value : undefined)),
    analyzed_inputs: eachOf(analyzedInputSchema, 'task.state.analyzed_inputs'),
    update_date: optionalDate('task.state.update_date'),
  }),
);

export type RawTaskState = z.output<typeof taskStateSchema>;

/** A state with its verdict filled in: the upstream's where given, else from the rules. */
export interface CompleteTaskState {
  analyzed_value: TaskValue | null;
  corrected_value: TaskValue | null;
  message: string | null;
  color: string | null;
  is_conformity_validated: boolean;
  analyzed_inputs: z.output<typeof analyzedInputSchema>[];
  update_date: string | null;
}

/**
 * Values normalised by the task's type ("true" → true for a Boolean task, "12.5" → 12.5 for a
 * Number task), then the verdict completed from the task's rules where the upstream left it out.
 */
export function completeState(
  task: { outcome_type: string | null; outcome_validation: readonly ParsedRule[] | null },
  state: RawTaskState,
): CompleteTaskState {
  const values = {
    analyzed_value: normaliseTaskValue(task.outcome_type, state.analyzed_value),
    corrected_value: normaliseTaskValue(task.outcome_type, state.corrected_value),
  };
  const verdict = stateVerdict(task.outcome_validation as SharedRule[] | null, { ...values, ...pickVerdict(state) });
  return { ...values, ...verdict, analyzed_inputs: state.analyzed_inputs, update_date: state.update_date };
}

function pickVerdict(state: RawTaskState) {
  return { message: state.message, color: state.color, is_conformity_validated: state.is_conformity_validated };
}

const taskDefinitionFields = {
  id: uuid,
  name,
  sentence: optionalText('task.sentence'),
  task_group_name: optionalName('task.task_group_name'),
  mandatory: lenient(z.boolean(), false, 'task.mandatory'),
  only_for_dashboard: lenient(z.boolean(), false, 'task.only_for_dashboard'),
  // Unknown = not counted: what the score does with a task it has no flag for.
  conformity_status: lenient(z.boolean(), false, 'task.conformity_status'),
  /** As declared ("Boolean", "Number", "Text", or a type we do not know); null when absent. */
  outcome_type: lenient(z.string().min(1).max(64), null, 'task.outcome_type'),
  outcome_display: optionalName('task.outcome_display'),
  outcome_validation: rules,
};

/** A task as configured in the application (task-group endpoints: no state). */
export const taskDefinitionSchema = noting('task.', OPTIONAL_FIELDS['task.'], z.object(taskDefinitionFields));

/** A task of a work order: its definition plus its current state (`null` = not analysed). */
export const taskSchema = noting(
  'task.',
  OPTIONAL_FIELDS['task.'],
  z
    .object({ ...taskDefinitionFields, state: taskStateSchema.nullish() })
    .transform(({ state, ...task }) => ({ ...task, state: state ? completeState(task, state) : null })),
);

/** What we could still read of a task that failed to parse (shown as an "unreadable task"). */
export interface UnreadableTask {
  id: string | null;
  name: string | null;
  task_group_name: string | null;
}

function unreadableTask(raw: unknown, groupName: string | null): UnreadableTask {
  const record = isObject(raw) ? raw : {};
  const id = looseId.safeParse(record.id);
  const label = z.string().min(1).max(512).safeParse(record.name);
  const group = z.string().min(1).max(512).safeParse(record.task_group_name);
  return {
    id: id.success ? id.data : null,
    name: label.success ? label.data : null,
    task_group_name: group.success ? group.data : groupName,
  };
}

const taskGroupHeader = {
  id: lenient(looseId, null, 'task_group.id'),
  name,
  display_name: optionalName('task_group.display_name'),
  description: optionalText('task_group.description'),
  /** Null when the upstream gives no order: such groups keep the upstream's own order. */
  order: lenient(z.number().int(), null, 'task_group.order'),
  input_examples: stringList('task_group.input_examples'),
};

/** A task group of the application (`GET /task-groups/`, `GET /task-groups/{name}`). */
export const taskGroupSchema = noting(
  'task_group.',
  OPTIONAL_FIELDS['task_group.'],
  z
    .object({
      ...taskGroupHeader,
      remote_algorithm_instances: stringList('task_group.remote_algorithm_instances'),
      tasks: eachOf(taskDefinitionSchema, 'task_group.tasks'),
    })
    .transform(({ display_name, ...group }) => ({
      ...group,
      display_name: display_name || group.name,
      tasks: group.tasks.map((task) => ({ ...task, task_group_name: task.task_group_name ?? group.name })),
    })),
);

/** `GET /task-groups/`: a bare array (wire contract) or a DRF page; sorted by `order`. */
export const taskGroupListSchema = z
  .union([z.array(z.unknown()), z.object({ results: z.array(z.unknown()) })])
  .transform((value) => sortByOrder(eachOf(taskGroupSchema, 'task_groups').parse(Array.isArray(value) ? value : value.results)));

export const conformityMessageSchema = z.object({
  code: lenient(z.string().max(128), '', 'conformity_message.code'),
  name: lenient(z.string().max(512), '', 'conformity_message.name'),
  // Anything unexpected is shown as a warning rather than failing the whole answer.
  level: z.enum(['warning', 'error']).catch('warning'),
  message: lenient(text, '', 'conformity_message.message'),
});

const conformityMessages = eachOf(conformityMessageSchema, 'conformity_messages');

/**
 * An input (photo or PDF). Without `type`, a URL path ending in `.pdf` is a PDF and anything
 * else an image; without `status`, an error-level conformity message means the input ended in
 * a conformity error (what the API documents: an error stops the analysis), else it is unknown.
 */
export const inputSchema = noting(
  'input.',
  OPTIONAL_FIELDS['input.'],
  z
    .object({
      id: looseId,
      task_group_name: optionalName('input.task_group_name'),
      type: lenient(z.string().max(32), null, 'input.type'),
      // Upstream text: never put into href/src without an allowlist.
      url: lenient(z.string().max(8_192), null, 'input.url'),
      create_date: optionalDate('input.create_date'),
      status: lenient(z.string().max(64), null, 'input.status'),
      conformity_messages: conformityMessages,
    })
    .transform((input) => ({
      ...input,
      type: input.type ?? (input.url !== null && /\.pdf$/i.test(urlPath(input.url)) ? 'pdf' : 'image'),
      status: input.status ?? (input.conformity_messages.some((message) => message.level === 'error') ? 'conformity_error' : null),
    })),
);

function urlPath(url: string): string {
  try {
    return new URL(url, 'http://upstream.invalid/').pathname;
  } catch {
    return '';
  }
}

const workOrderFields = {
  id: uuid,
  // Any value is a valid name upstream: kept exactly as given.
  name: z.string().max(10_000),
  site_id: lenient(looseId, null, 'work_order.site_id'),
  app_version_id: lenient(looseId, null, 'work_order.app_version_id'),
  create_date: optionalDate('work_order.create_date'),
  update_date: optionalDate('work_order.update_date'),
  review_date: optionalDate('work_order.review_date'),
  metadata: lenient(jsonObject, {} as Record<string, unknown>, 'work_order.metadata'),
  tags: stringList('work_order.tags'),
  field_engineer_email: optionalName('work_order.field_engineer_email'),
  field_engineer_name: optionalName('work_order.field_engineer_name'),
  user_group_ids: stringList('work_order.user_group_ids'),
  work_order_types: lenient(z.array(z.union([z.string(), z.number()]).transform(String)), null, 'work_order.work_order_types'),
  /** The internal API's name for `work_order_types` (ids rather than names). */
  types: lenient(z.array(z.union([z.string(), z.number()]).transform(String)), null, 'work_order.types'),
  progress_score: progressScoreSchema,
};

function normaliseSummary<T extends { work_order_types: string[] | null; types: string[] | null }>(raw: T) {
  const { work_order_types, types, ...rest } = raw;
  return { ...rest, work_order_types: work_order_types ?? types ?? [] };
}

/** Work-order list rows: every work-order field except task groups, tasks and inputs. */
export const workOrderSummarySchema = noting('work_order.', OPTIONAL_FIELDS['work_order.'], z.object(workOrderFields).transform(normaliseSummary));

type ParsedTask = z.output<typeof taskSchema>;

const embeddedTaskGroupSchema = z.object({
  ...taskGroupHeader,
  // Wire contract: task ids. The internal API (and the real sample) nests task objects.
  tasks: z.unknown().optional(),
});

/** A task group as embedded in a work order: `tasks` holds the ids of its tasks. */
export interface WorkOrderTaskGroupShape {
  id: string | null;
  name: string;
  display_name: string;
  description: string | null;
  order: number | null;
  input_examples: string[];
  tasks: string[];
}

/** Reads the `tasks` of one embedded task group: ids, or task objects (each parsed on its own). */
function readGroupTasks(value: unknown, groupName: string, nested: ParsedTask[], unreadable: UnreadableTask[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    noteShape('task_group.tasks (not a list)');
    return [];
  }
  const ids: string[] = [];
  for (const item of value) {
    if (typeof item === 'string') {
      const id = uuid.safeParse(item);
      if (id.success) ids.push(id.data);
      else noteShape('task_group.tasks[] (unreadable id)');
      continue;
    }
    const parsed = taskSchema.safeParse(item);
    if (parsed.success) {
      nested.push({ ...parsed.data, task_group_name: parsed.data.task_group_name ?? groupName });
      ids.push(parsed.data.id);
    } else {
      noteShape('task (unreadable)');
      unreadable.push(unreadableTask(item, groupName));
    }
  }
  return ids;
}

/**
 * A work order (`GET /work-orders/{id}/` and every write that returns one), normalised:
 * `tasks` is the flat list with `task_group_name` set when known (flattened from nested task
 * groups when the upstream only nests them, as the real sample does), `task_groups[].tasks`
 * holds task ids, task groups are sorted by `order` (the upstream does not sort them), and
 * tasks that could not be read are listed in `unreadable_tasks`.
 */
export const workOrderSchema = noting(
  'work_order.',
  OPTIONAL_FIELDS['work_order.'],
  z
    .object({
      ...workOrderFields,
      task_groups: z.unknown().optional(),
      tasks: z.unknown().optional(),
      inputs: z.unknown().optional(),
    })
    .transform((raw) => {
      const { task_groups: rawGroups, tasks: rawTasks, inputs: rawInputs, ...fields } = raw;
      const summary = normaliseSummary(fields);
      const unreadable: UnreadableTask[] = [];
      const nestedTasks: ParsedTask[] = [];
      const groupOfTask = new Map<string, string>();
      const taskGroups: WorkOrderTaskGroupShape[] = eachOf(embeddedTaskGroupSchema, 'task_groups')
        .parse(rawGroups)
        .map(({ display_name, tasks, ...group }) => {
          const ids = readGroupTasks(tasks, group.name, nestedTasks, unreadable);
          for (const id of ids) groupOfTask.set(id, group.name);
          return { ...group, display_name: display_name || group.name, tasks: ids };
        });
      const flatTasks = eachOf(taskSchema, 'tasks', (item) => {
        noteShape('task (unreadable)');
        unreadable.push(unreadableTask(item, null));
      }).parse(rawTasks);
      if (rawTasks === undefined && rawGroups !== undefined) noteShape('work_order.tasks (absent: read from task_groups)');
      const tasks = (flatTasks.length > 0 ? flatTasks : nestedTasks).map((task) => ({
        ...task,
        task_group_name: task.task_group_name ?? groupOfTask.get(task.id) ?? null,
      }));
      const inputs =
        rawInputs === undefined || rawInputs === null ? undefined : withInputGroups(eachOf(inputSchema, 'inputs').parse(rawInputs), tasks);
      return {
        ...summary,
        task_groups: sortByOrder(taskGroups),
        tasks,
        // Only when some task could not be read: most work orders carry none.
        ...(unreadable.length > 0 ? { unreadable_tasks: unreadable } : {}),
        ...(inputs ? { inputs } : {}),
      } as WorkOrderShape;
    }),
);

type ParsedInput = z.output<typeof inputSchema>;

/**
 * Inputs without a task group take the group of the tasks whose `analyzed_inputs` name them
 * (the photo of a task group is analysed for that group's tasks).
 */
function withInputGroups(inputs: ParsedInput[], tasks: readonly ParsedTask[]): ParsedInput[] {
  if (inputs.every((input) => input.task_group_name !== null)) return inputs;
  const groupOfInput = new Map<string, string>();
  for (const task of tasks) {
    if (!task.task_group_name) continue;
    for (const analyzed of task.state?.analyzed_inputs ?? []) groupOfInput.set(analyzed.input_id, task.task_group_name);
  }
  return inputs.map((input) => (input.task_group_name !== null ? input : { ...input, task_group_name: groupOfInput.get(input.id) ?? null }));
}

/** The parsed work order (written out: zod cannot infer the optional keys of the transform). */
export interface WorkOrderShape extends z.output<typeof workOrderSummarySchema> {
  task_groups: WorkOrderTaskGroupShape[];
  tasks: ParsedTask[];
  unreadable_tasks?: UnreadableTask[];
  inputs?: ParsedInput[];
}

/** The fields of a work-order summary: what a list row may carry besides its `id`. */
export const SUMMARY_FIELDS = [
  'name',
  'site_id',
  'app_version_id',
  'create_date',
  'update_date',
  'review_date',
  'metadata',
  'tags',
  'field_engineer_email',
  'field_engineer_name',
  'user_group_ids',
  'work_order_types',
  'progress_score',
] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

/**
 * A row of `GET /work-orders/`. Nothing documents the list's rows, so only `id` is required: a
 * site may send whole summaries, or only some fields (a list serializer lighter than the
 * detail). `absent` names the summary fields the row did not carry (or carried unreadable);
 * their values here say nothing: such a row stands for its work order only through
 * `listedSummary`, which gives the summary when nothing is absent.
 */
export type WorkOrderListRow = Omit<z.output<typeof workOrderSummarySchema>, 'name' | 'progress_score'> & {
  name: string | undefined;
  progress_score: number | undefined;
  absent: SummaryField[];
};

const listRowObject = z.object({
  ...workOrderFields,
  name: lenient(z.string().max(10_000), undefined, 'work_order.name'),
  progress_score: lenient(progressScoreSchema, undefined, 'work_order.progress_score'),
});

function carries(raw: Record<string, unknown>, row: { name?: string; progress_score?: number }, field: SummaryField): boolean {
  if (field === 'name' || field === 'progress_score') return row[field] !== undefined;
  // The internal API's `types` stands for `work_order_types`.
  if (field === 'work_order_types') return Object.hasOwn(raw, field) || Object.hasOwn(raw, 'types');
  return Object.hasOwn(raw, field);
}

export const workOrderListRowSchema = z.unknown().transform((raw, ctx): WorkOrderListRow => {
  const parsed = listRowObject.safeParse(raw);
  if (!parsed.success) {
    ctx.addIssue({ code: 'custom', message: 'unreadable list row' });
    return z.NEVER;
  }
  const row = normaliseSummary(parsed.data);
  const absent = SUMMARY_FIELDS.filter((field) => !carries(raw as Record<string, unknown>, row, field));
  for (const field of absent) noteShape(`work_order.${field}`);
  return { ...row, absent };
});

/** The row as a whole summary, or null when it lacks a field (then only the work order itself tells). */
export function listedSummary(row: WorkOrderListRow): z.output<typeof workOrderSummarySchema> | null {
  if (row.absent.length > 0 || row.name === undefined || row.progress_score === undefined) return null;
  const { name, progress_score, ...rest } = row;
  return { ...omitAbsent(rest), name, progress_score };
}

function omitAbsent<T extends { absent: unknown }>(row: T): Omit<T, 'absent'> {
  const copy: Partial<T> = { ...row };
  delete copy.absent;
  return copy as Omit<T, 'absent'>;
}

/** A DRF page of work orders, or a bare array (tolerated); a row without a readable `id` is skipped. */
export const workOrderListSchema = z.union([
  z.object({
    count: z.number().int().min(0),
    next: z
      .string()
      .max(8_192)
      .nullish()
      .transform((value) => value ?? null),
    previous: z
      .string()
      .max(8_192)
      .nullish()
      .transform((value) => value ?? null),
    results: eachOf(workOrderListRowSchema, 'results'),
  }),
  z.array(z.unknown()).transform((rows) => {
    const results = eachOf(workOrderListRowSchema, 'results').parse(rows);
    return { count: results.length, next: null, previous: null, results };
  }),
]);

export const timelineEventSchema = z.object({
  id: looseId,
  work_order_id: lenient(looseId, null, 'timeline_event.work_order_id'),
  date: isoDate,
  // Kept open: an event type we do not know yet is shown generically, not an error.
  type: z.string().min(1).max(64),
  user_email: optionalName('timeline_event.user_email'),
  task_group_name: optionalName('timeline_event.task_group_name'),
  task_id: lenient(looseId, null, 'timeline_event.task_id'),
  task_name: optionalName('timeline_event.task_name'),
  input_id: lenient(looseId, null, 'timeline_event.input_id'),
  payload: lenient(jsonObject, {} as Record<string, unknown>, 'timeline_event.payload'),
});

/** Oldest first, as a bare array (or a DRF page, tolerated); an unreadable event is skipped. */
export const timelineSchema = z
  .union([z.array(z.unknown()), z.object({ results: z.array(z.unknown()) })])
  .transform((value) => eachOf(timelineEventSchema, 'timeline').parse(Array.isArray(value) ? value : value.results));

/** A task in an analysis or correction answer: its state as sent (no rules here to complete it). */
export const analyzedTaskSchema = z.object({
  id: uuid,
  name: optionalName('task.name'),
  state: lenient(taskStateSchema, null, 'task.state'),
});

export const ANALYSIS_STATUSES = ['analysis_ok', 'analysis_ko', 'conformity_error'] as const;
export type AnalysisStatusName = (typeof ANALYSIS_STATUSES)[number];

const analyzedTaskGroupSchema = z.object({
  name,
  tasks: eachOf(analyzedTaskSchema, 'task_groups[].tasks'),
});

/**
 * The fields of an analysis answer, in both shapes we know: the documented one (`inputs[]`
 * each with its `conformity_messages`, then the impacted tasks' states — flat or under their
 * task groups —, empty when a conformity error stopped the analysis) and the older one
 * (`input`, `conformity_messages`, `status`, `tasks`, `progress_score`). Nothing is required.
 */
const analyzeFields = {
  input: lenient(inputSchema, null, 'analysis.input'),
  inputs: eachOf(inputSchema, 'analysis.inputs'),
  conformity_messages: z.unknown().optional(),
  status: z
    .unknown()
    .optional()
    .transform((value) => ((ANALYSIS_STATUSES as readonly unknown[]).includes(value) ? (value as AnalysisStatusName) : null)),
  tasks: eachOf(analyzedTaskSchema, 'analysis.tasks'),
  task_groups: eachOf(analyzedTaskGroupSchema, 'analysis.task_groups'),
  progress_score: lenient(progressScoreSchema, null, 'analysis.progress_score'),
};

type AnalyzeFields = z.output<z.ZodObject<typeof analyzeFields>>;

function toAnalyzeResult(raw: AnalyzeFields) {
  const inputs = raw.input ? [raw.input, ...raw.inputs.filter((input) => input.id !== raw.input?.id)] : raw.inputs;
  // The top-level list when the answer has one; else the messages of each input.
  const messages =
    raw.conformity_messages === undefined || raw.conformity_messages === null
      ? inputs.flatMap((input) => input.conformity_messages)
      : conformityMessages.parse(raw.conformity_messages);
  const tasks = [
    ...raw.tasks.map((task) => ({ ...task, task_group_name: null as string | null })),
    ...raw.task_groups.flatMap((group) => group.tasks.map((task) => ({ ...task, task_group_name: group.name as string | null }))),
  ];
  return {
    inputs,
    conformity_messages: messages,
    /** Null when the upstream gives no status: the caller derives the outcome. */
    status: raw.status,
    /** Only the tasks the analysis touched; empty when a conformity error stopped it. */
    tasks,
    /** Never relied on: the caller re-reads the work order for its score. */
    progress_score: raw.progress_score,
  };
}

export const analyzeResultSchema = noting('analysis.', OPTIONAL_FIELDS['analysis.'], z.object(analyzeFields).transform(toAnalyzeResult));

/** `202` answer of `POST /work-orders/{id}/analyze/callback/`. */
export const analyzeCallbackAcceptedSchema = z.object({
  analysis_id: looseId,
  status: z.string().max(64).default('pending'),
});

/**
 * What the upstream POSTs to our callback URL once an analysis finished: an analysis answer
 * (either shape) plus the two ids we check it against.
 */
export const analysisCallbackPayloadSchema = z
  .object({ analysis_id: looseId, work_order_id: uuid, ...analyzeFields })
  .transform(({ analysis_id, work_order_id, ...rest }) => ({ analysis_id, work_order_id, ...toAnalyzeResult(rest) }));

/** `PATCH /work-orders/{id}/tasks/{task_id}/correction/`: `{id, state}` is all the API documents. */
export const correctionResultSchema = z.object({
  id: uuid,
  name: optionalName('correction.name'),
  state: taskStateSchema,
  progress_score: lenient(progressScoreSchema, null, 'correction.progress_score'),
});

/** Sorted by `order` (stable: groups without one keep the upstream's order, after the others). */
function sortByOrder<T extends { order: number | null }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER));
}
