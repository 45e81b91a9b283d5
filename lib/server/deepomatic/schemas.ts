import { z } from 'zod';

/**
 * Schemas of every v0.2 response (threat T18: upstream data is third-party input).
 *
 * Strict on what the app relies on (ids, names, outcome types, progress_score 0..100);
 * tolerant of the spec's open questions (dates with `Z` or an offset, optional fields,
 * bare arrays or DRF pages, flat `tasks` and/or nested `task_groups`). Unknown fields are
 * accepted and dropped, so nothing unvetted travels on towards the browser; free-form
 * objects (`metadata`, rule `schema`, timeline `payload`) are kept as they are.
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
const optionalText = text.nullish().transform((value) => value ?? null);
const isoDate = z.iso.datetime({ offset: true });
const optionalDate = isoDate.nullish().transform((value) => value ?? null);

/** Only `#rrggbb` survives; anything else (CSS injection, names, urls) becomes null. */
export const colorSchema = z.unknown().transform((value) => (typeof value === 'string' && COLOR.test(value) ? value : null));

const stringList = z
  .array(z.union([z.string(), z.number()]).transform(String))
  .nullish()
  .transform((value) => value ?? []);

const jsonObject = z.record(z.string(), z.unknown());

export const progressScoreSchema = z.number().min(0).max(100);

export const taskValueSchema = z.union([z.boolean(), z.number(), z.string()]);

export const outcomeTypeSchema = z.enum(['Boolean', 'Number', 'Text']);

export const ruleSchema = z.object({
  schema: z.union([z.boolean(), jsonObject]),
  color: colorSchema,
  sentence: optionalText,
  not_analyzed: z.boolean().default(false),
  is_conformity_validated: z.boolean().default(false),
});

export const boundingBoxSchema = z.object({
  xmin: z.number(),
  ymin: z.number(),
  xmax: z.number(),
  ymax: z.number(),
  label: z.string().max(512).nullish().transform((value) => value ?? undefined),
  score: z.number().nullish().transform((value) => value ?? undefined),
});

export const analyzedInputSchema = z.object({
  input_id: looseId,
  bounding_boxes: z
    .array(boundingBoxSchema)
    .nullish()
    .transform((value) => value ?? []),
});

export const taskStateSchema = z.object({
  analyzed_value: taskValueSchema.nullish().transform((value) => value ?? null),
  corrected_value: taskValueSchema.nullish().transform((value) => value ?? null),
  message: optionalText,
  color: colorSchema,
  is_conformity_validated: z.boolean().default(false),
  analyzed_inputs: z
    .array(analyzedInputSchema)
    .nullish()
    .transform((value) => value ?? []),
  update_date: optionalDate,
});

/** A task as configured in the application (task-group endpoints: no state). */
export const taskDefinitionSchema = z.object({
  id: uuid,
  name,
  sentence: text.nullish().transform((value) => value ?? ''),
  task_group_name: z.string().max(512).nullish().transform((value) => value ?? null),
  mandatory: z.boolean().default(false),
  only_for_dashboard: z.boolean().default(false),
  conformity_status: z.boolean(),
  outcome_type: outcomeTypeSchema,
  outcome_display: z.string().max(128).nullish().transform((value) => value ?? null),
  // `null` and `[]` both occur in real data and both mean "no rule".
  outcome_validation: z
    .array(ruleSchema)
    .nullish()
    .transform((value) => value ?? null),
});

/** A task of a work order: its definition plus its current state (`null` = not analysed). */
export const taskSchema = taskDefinitionSchema.extend({
  state: taskStateSchema.nullish().transform((value) => value ?? null),
});

const taskGroupBase = {
  id: looseId,
  name,
  display_name: z.string().max(512).nullish(),
  description: text.nullish().transform((value) => value ?? ''),
  order: z.number().int().default(0),
  input_examples: stringList,
};

/** A task group of the application (`GET /task-groups/`, `GET /task-groups/{name}/`). */
export const taskGroupSchema = z
  .object({
    ...taskGroupBase,
    remote_algorithm_instances: stringList,
    tasks: z
      .array(taskDefinitionSchema)
      .nullish()
      .transform((value) => value ?? []),
  })
  .transform(({ display_name, ...group }) => ({
    ...group,
    display_name: display_name || group.name,
    tasks: group.tasks.map((task) => ({ ...task, task_group_name: task.task_group_name ?? group.name })),
  }));

/** `GET /task-groups/`: a bare array (wire contract) or a DRF page; sorted by `order`. */
export const taskGroupListSchema = z
  .union([z.array(taskGroupSchema), z.object({ results: z.array(taskGroupSchema) })])
  .transform((value) => sortByOrder(Array.isArray(value) ? value : value.results));

export const conformityMessageSchema = z.object({
  code: z.string().min(1).max(128),
  name: z.string().max(512).nullish().transform((value) => value ?? ''),
  // Anything unexpected is shown as a warning rather than failing the whole answer.
  level: z.enum(['warning', 'error']).catch('warning'),
  message: text.nullish().transform((value) => value ?? ''),
});

const conformityMessages = z
  .array(conformityMessageSchema)
  .nullish()
  .transform((value) => value ?? []);

export const inputSchema = z.object({
  id: looseId,
  task_group_name: z.string().max(512).nullish().transform((value) => value ?? null),
  type: z.string().max(32).nullish().transform((value) => value ?? 'image'),
  // Never put into href/src without an allowlist (T18).
  url: z.string().max(8_192).nullish().transform((value) => value ?? null),
  create_date: optionalDate,
  status: z.string().max(64).nullish().transform((value) => value ?? null),
  conformity_messages: conformityMessages,
});

const workOrderFields = {
  id: uuid,
  name: z.string().max(512),
  site_id: looseId.nullish().transform((value) => value ?? null),
  app_version_id: looseId.nullish().transform((value) => value ?? null),
  create_date: isoDate,
  update_date: isoDate,
  review_date: optionalDate,
  metadata: jsonObject.nullish().transform((value) => value ?? {}),
  tags: stringList,
  field_engineer_email: z.string().max(512).nullish().transform((value) => value ?? null),
  field_engineer_name: z.string().max(512).nullish().transform((value) => value ?? null),
  user_group_ids: stringList,
  work_order_types: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
  /** The internal API's name for `work_order_types` (ids rather than names). */
  types: z.array(z.union([z.string(), z.number()]).transform(String)).nullish(),
  progress_score: progressScoreSchema,
};

function normaliseSummary<T extends { work_order_types?: string[] | null; types?: string[] | null }>(raw: T) {
  const { work_order_types, types, ...rest } = raw;
  return { ...rest, work_order_types: work_order_types ?? types ?? [] };
}

/** Work-order list rows: every work-order field except task groups, tasks and inputs. */
export const workOrderSummarySchema = z.object(workOrderFields).transform(normaliseSummary);

const embeddedTaskGroupSchema = z.object({
  ...taskGroupBase,
  // Wire contract: task ids. The internal API (and the real sample) nests task objects.
  tasks: z
    .array(z.union([uuid, taskSchema]))
    .nullish()
    .transform((value) => value ?? []),
});

/**
 * A work order (`GET /work-orders/{id}/` and every write that returns one), normalised:
 * `tasks` is the flat list with `task_group_name` always set (flattened from nested task
 * groups when the upstream only nests them), `task_groups[].tasks` holds task ids, and task
 * groups are sorted by `order` (the upstream does not sort them).
 */
export const workOrderSchema = z
  .object({
    ...workOrderFields,
    task_groups: z
      .array(embeddedTaskGroupSchema)
      .nullish()
      .transform((value) => value ?? []),
    tasks: z
      .array(taskSchema)
      .nullish()
      .transform((value) => value ?? []),
    inputs: z.array(inputSchema).nullish(),
  })
  .transform((raw) => {
    const { task_groups: rawGroups, tasks: rawTasks, inputs, ...summary } = normaliseSummary(raw);
    const groupOfTask = new Map<string, string>();
    const nestedTasks: z.output<typeof taskSchema>[] = [];
    const taskGroups = rawGroups.map(({ display_name, ...group }) => {
      const taskIds = group.tasks.map((task) => {
        if (typeof task === 'string') {
          groupOfTask.set(task, group.name);
          return task;
        }
        groupOfTask.set(task.id, group.name);
        nestedTasks.push({ ...task, task_group_name: task.task_group_name ?? group.name });
        return task.id;
      });
      return { ...group, display_name: display_name || group.name, tasks: taskIds };
    });
    const tasks = (rawTasks.length > 0 ? rawTasks : nestedTasks).map((task) => ({
      ...task,
      task_group_name: task.task_group_name ?? groupOfTask.get(task.id) ?? null,
    }));
    return {
      ...summary,
      task_groups: sortByOrder(taskGroups),
      tasks,
      ...(inputs ? { inputs } : {}),
    };
  });

/** A DRF page of work-order summaries, or a bare array (tolerated). */
export const workOrderListSchema = z.union([
  z.object({
    count: z.number().int().min(0),
    next: z.string().max(8_192).nullish().transform((value) => value ?? null),
    previous: z.string().max(8_192).nullish().transform((value) => value ?? null),
    results: z.array(workOrderSummarySchema),
  }),
  z.array(workOrderSummarySchema).transform((results) => ({ count: results.length, next: null, previous: null, results })),
]);

export const timelineEventSchema = z.object({
  id: looseId,
  work_order_id: looseId,
  date: isoDate,
  // Kept open: an event type we do not know yet is shown generically, not an error.
  type: z.string().min(1).max(64),
  user_email: z.string().max(512).nullish().transform((value) => value ?? null),
  task_group_name: z.string().max(512).nullish().transform((value) => value ?? null),
  task_id: looseId.nullish().transform((value) => value ?? null),
  task_name: z.string().max(512).nullish().transform((value) => value ?? null),
  input_id: looseId.nullish().transform((value) => value ?? null),
  payload: jsonObject.nullish().transform((value) => value ?? {}),
});

/** Oldest first, as a bare array (or a DRF page, tolerated). */
export const timelineSchema = z
  .union([z.array(timelineEventSchema), z.object({ results: z.array(timelineEventSchema) })])
  .transform((value) => (Array.isArray(value) ? value : value.results));

export const analyzedTaskSchema = z.object({
  id: uuid,
  name,
  state: taskStateSchema.nullish().transform((value) => value ?? null),
});

export const ANALYSIS_STATUSES = ['analysis_ok', 'analysis_ko', 'conformity_error'] as const;

export const analyzeResultSchema = z.object({
  input: inputSchema.nullish().transform((value) => value ?? null),
  conformity_messages: conformityMessages,
  status: z.enum(ANALYSIS_STATUSES),
  // Only the tasks the analysis touched; empty when a conformity error stopped it.
  tasks: z
    .array(analyzedTaskSchema)
    .nullish()
    .transform((value) => value ?? []),
  progress_score: progressScoreSchema.nullish().transform((value) => value ?? null),
});

/** `202` answer of `POST /work-orders/{id}/analyze/callback/`. */
export const analyzeCallbackAcceptedSchema = z.object({
  analysis_id: looseId,
  status: z.string().max(64).default('pending'),
});

/** What the upstream POSTs to our callback URL once an analysis finished. */
export const analysisCallbackPayloadSchema = z
  .object({
    analysis_id: looseId,
    work_order_id: uuid,
  })
  .and(analyzeResultSchema);

/** `PATCH /work-orders/{id}/tasks/{task_id}/correction/`. */
export const correctionResultSchema = z.object({
  id: uuid,
  name: z.string().max(512).nullish().transform((value) => value ?? null),
  state: taskStateSchema,
  progress_score: progressScoreSchema.nullish().transform((value) => value ?? null),
});

function sortByOrder<T extends { order: number }>(items: T[]): T[] {
  // Array.prototype.sort is stable: equal orders keep the upstream's relative order.
  return [...items].sort((a, b) => a.order - b.order);
}
