/**
 * Profiles: how much of its state the simulated site tells its clients, and how strictly it
 * reads what they send. Every difference between the profiles is decided here, in one place,
 * so a new behaviour (a list that ignores filters, list rows with fewer fields) is one more
 * field of `Profile`.
 *
 * - `full` (default): the team's wire contract — every field the reconstructed specification
 *   recommends, documented or inferred. What the demo and most tests use.
 * - `documented`: only what the two seed documents (the authority on what Deepomatic answers)
 *   name, plus what a client strictly needs to be usable at all; seed-shaped analysis and
 *   correction answers; `corrected_value` accepted as a JSON string only; the task-group route
 *   exactly as the documents write it (no final slash). What a real site may well look like:
 *   a client that works against it relies on nothing the documents do not promise.
 *
 * `simulator/README.md` lists each field kept or dropped and why.
 */

export const PROFILE_NAMES = ['full', 'documented'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

type Json = Record<string, unknown>;

export interface Profile {
  name: ProfileName;
  /** A work order as every work-order endpoint answers it (retrieve, create, update, metadata). */
  workOrder(full: Json): Json;
  /** A row of `GET /work-orders/`. */
  workOrderSummary(full: Json): Json;
  /** A task group of `GET /task-groups/` and `GET /task-groups/{name}`. */
  taskGroup(full: Json): Json;
  /** The answer of `POST /work-orders/{id}/analyze/` (the full shape: `{input, conformity_messages, status, tasks, progress_score}`). */
  analyzeResult(full: Json): Json;
  /** The answer of `PATCH …/correction/` (full shape `{id, name, state, progress_score}`). */
  correctionResult(full: Json): Json;
  /** `corrected_value` must be a JSON string (any other JSON type → 400), as the API types it. */
  correctedValueAsString: boolean;
  /** States echo `corrected_value` as the string the client sent, not as a typed value. */
  echoCorrectedValueAsSent: boolean;
  /** `GET /task-groups/{name}/` (slashed, like every other route) or `GET /task-groups/{name}` as the documents write it. */
  taskGroupRoute: 'slashed' | 'slashless';
}

const FULL: Profile = {
  name: 'full',
  workOrder: (full) => full,
  workOrderSummary: (full) => full,
  taskGroup: (full) => full,
  analyzeResult: (full) => full,
  correctionResult: (full) => full,
  correctedValueAsString: false,
  echoCorrectedValueAsSent: false,
  taskGroupRoute: 'slashed',
};

function pick(source: Json, keys: readonly string[]): Json {
  const out: Json = {};
  for (const key of keys) if (Object.hasOwn(source, key)) out[key] = source[key];
  return out;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/**
 * Work-order fields the documents name: the create/update body fields (`name`, `metadata`,
 * `tags`, `field_engineer_email`, `user_group_ids`, `work_order_types` — a DRF serializer
 * answers with the fields it accepts), `progress_score`, `review_date`, `inputs`; plus `id`,
 * which the documents say every other call uses. Not named, so not served: `site_id`,
 * `app_version_id`, `create_date`, `update_date`, `field_engineer_name`.
 */
const WORK_ORDER_FIELDS = ['id', 'name', 'metadata', 'tags', 'field_engineer_email', 'user_group_ids', 'work_order_types', 'progress_score', 'review_date'];

/**
 * Task fields: `id` (the correction's `task_id`) and `name` (the documents tell integrators to
 * key on names), the four the task-group documentation names, and `state`. Not served:
 * `sentence`, `task_group_name`, `mandatory`, `outcome_display`.
 */
const TASK_FIELDS = ['id', 'name', 'only_for_dashboard', 'conformity_status', 'outcome_type', 'outcome_validation'];

/**
 * State fields the documents name: `analyzed_value`, `corrected_value`, `message`,
 * `analyzed_inputs` (the link to the bounding boxes). Not served: `color`,
 * `is_conformity_validated`, `update_date`.
 */
const STATE_FIELDS = ['analyzed_value', 'corrected_value', 'message', 'analyzed_inputs'];

/** Boxes: the four coordinates (`label` and `score` are not named anywhere). */
const BOX_FIELDS = ['xmin', 'ymin', 'xmax', 'ymax'];

/**
 * Inputs: `conformity_messages` (named), plus `id` (what `analyzed_inputs` refer to) and `url`
 * (without it a photo cannot be shown at all). Not served: `task_group_name`, `type`,
 * `create_date`, `status`.
 */
const INPUT_FIELDS = ['id', 'url', 'conformity_messages'];

/** Task groups: `name` (the slug the documents retrieve them by), `id`, `input_examples`, `tasks`. */
const TASK_GROUP_FIELDS = ['id', 'name', 'input_examples'];

function documentedState(state: unknown): Json | null {
  if (!state || typeof state !== 'object') return null;
  const out = pick(state as Json, STATE_FIELDS);
  if (Array.isArray(out.analyzed_inputs)) {
    out.analyzed_inputs = list(out.analyzed_inputs).map((input) => ({
      input_id: input.input_id,
      bounding_boxes: list(input.bounding_boxes).map((box) => pick(box, BOX_FIELDS)),
    }));
  }
  return out;
}

function documentedTask(task: Json): Json {
  return { ...pick(task, TASK_FIELDS), ...(Object.hasOwn(task, 'state') ? { state: documentedState(task.state) } : {}) };
}

function documentedInput(input: Json): Json {
  return pick(input, INPUT_FIELDS);
}

/**
 * Tasks nested in their task groups, as the real sample nests them (the flat `tasks` list with
 * a `task_group_name` on each task is the team's own inference): a client must still know
 * which group a task belongs to, and this is the shape with evidence behind it.
 */
function nestedTaskGroups(full: Json): Json[] {
  const tasks = new Map(list(full.tasks).map((task) => [task.id, task]));
  return list(full.task_groups).map((group) => ({
    ...pick(group, TASK_GROUP_FIELDS),
    tasks: list(group.tasks).flatMap((id) => {
      const task = tasks.get(id);
      return task ? [documentedTask(task)] : [];
    }),
  }));
}

const DOCUMENTED: Profile = {
  name: 'documented',
  workOrder: (full) => ({
    ...pick(full, WORK_ORDER_FIELDS),
    task_groups: nestedTaskGroups(full),
    ...(Array.isArray(full.inputs) ? { inputs: list(full.inputs).map(documentedInput) } : {}),
  }),
  workOrderSummary: (full) => pick(full, WORK_ORDER_FIELDS),
  taskGroup: (full) => ({ ...pick(full, TASK_GROUP_FIELDS), tasks: list(full.tasks).map(documentedTask) }),
  /**
   * As the documents describe it: `inputs` (each with its `conformity_messages`), then the
   * states of the impacted tasks under their task group — empty when an error-level conformity
   * message stopped the analysis. No `status`, no `progress_score`.
   */
  analyzeResult: (full) => {
    const input = full.input && typeof full.input === 'object' ? documentedInput(full.input as Json) : null;
    const tasks = list(full.tasks);
    const groupName = full.input && typeof full.input === 'object' ? (full.input as Json).task_group_name : undefined;
    return {
      inputs: input ? [input] : [],
      task_groups: tasks.length > 0 ? [{ name: groupName, tasks: tasks.map((task) => ({ id: task.id, name: task.name, state: documentedState(task.state) })) }] : [],
    };
  },
  /** `{id, state}`: all the documents promise (no `name`, no `progress_score`). */
  correctionResult: (full) => ({ id: full.id, state: documentedState(full.state) }),
  correctedValueAsString: true,
  echoCorrectedValueAsSent: true,
  /**
   * The documents write this route without the slash. On a Django site a route defined that way
   * answers 404 to the slashed form: `APPEND_SLASH` only ever adds a slash, it never redirects
   * a slashed URL to a slash-less one.
   */
  taskGroupRoute: 'slashless',
};

export function loadProfile(name: string | undefined): Profile {
  if (name === undefined || name === '' || name === 'full') return FULL;
  if (name === 'documented') return DOCUMENTED;
  throw new Error(`Unknown simulator profile "${name}": use ${PROFILE_NAMES.join(' or ')}`);
}
