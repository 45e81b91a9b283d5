/**
 * Profiles: how much of its state the simulated site tells its clients, and how strictly it
 * reads what they send. Every difference between the profiles is decided here, in one place:
 * a new behaviour is one more field of `Profile`.
 *
 * - `full` (default): the team's wire contract (the shapes in `simulator/README.md`) — every
 *   field a real site plausibly sends, documented or inferred. What the demo and most tests use.
 * - `documented`: only what Deepomatic's API documentation names (the authority on what a real
 *   site answers), plus what a client strictly needs to be usable at all; analysis and
 *   correction answers shaped as the documentation shows them; `corrected_value` accepted as a
 *   JSON string only; the task-group route exactly as the documents write it (no final slash);
 *   a work-order list that ignores the parameters nothing documents, with rows of `id` and
 *   `name` only. What a real site may well look like: a client that works against it relies on
 *   nothing the documents do not promise.
 *
 * `simulator/README.md` lists each field kept or dropped and why.
 */

export const PROFILE_NAMES = ['full', 'documented'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/**
 * Query parameters of `GET /work-orders/` that a site may not implement: the documents name the
 * list endpoint but none of its parameters. (`page` is not among them: without it a DRF site
 * could not paginate at all, and its `next` links would say so.)
 */
export const LIST_PARAMETERS = ['updated_after', 'ordering', 'page_size'] as const;
export type ListParameter = (typeof LIST_PARAMETERS)[number];

/** `full`: each list row is the work order's summary as the profile serves it; `minimal`: `id` and `name` only. */
export const LIST_ROW_SHAPES = ['full', 'minimal'] as const;
export type ListRowShape = (typeof LIST_ROW_SHAPES)[number];

/** How the site's work-order list treats its clients (each part can be set on its own: `withList`). */
export interface ListBehaviour {
  /** Parameters the list ignores: it answers as if they had not been sent. */
  ignores: readonly ListParameter[];
  rows: ListRowShape;
}

type Json = Record<string, unknown>;

export interface Profile {
  name: ProfileName;
  /** A work order as every work-order endpoint answers it (retrieve, create, update, metadata). */
  workOrder(full: Json): Json;
  /** A work order's summary (every work-order field but its task groups, tasks and inputs). */
  workOrderSummary(full: Json): Json;
  /** What `GET /work-orders/` implements of its parameters, and how much of a summary its rows carry. */
  list: ListBehaviour;
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
  list: { ignores: [], rows: 'full' },
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
const WORK_ORDER_FIELDS = [
  'id',
  'name',
  'metadata',
  'tags',
  'field_engineer_email',
  'user_group_ids',
  'work_order_types',
  'progress_score',
  'review_date',
];

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
  /**
   * A list the way a plain DRF view most plausibly serves it, as nothing documents its
   * parameters: `page` works (DRF's default paginator), `page_size` does not (that paginator
   * reads no page-size parameter: every page has the site's size), `ordering` and
   * `updated_after` are ignored (they need filter backends nobody documents). Rows are `id` and
   * `name` only: a list view commonly uses a lighter serializer than the detail, and these two
   * are what any list shows and what every other call needs.
   */
  list: { ignores: LIST_PARAMETERS, rows: 'minimal' },
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
      task_groups:
        tasks.length > 0
          ? [{ name: groupName, tasks: tasks.map((task) => ({ id: task.id, name: task.name, state: documentedState(task.state) })) }]
          : [],
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

/** Fields of a `minimal` list row. */
const MINIMAL_ROW_FIELDS = ['id', 'name'];

/** A row of `GET /work-orders/`, from the work order's full summary. */
export function listRow(profile: Profile, full: Json): Json {
  return profile.list.rows === 'minimal' ? pick(full, MINIMAL_ROW_FIELDS) : profile.workOrderSummary(full);
}

/** `profile` with some of its list behaviour replaced (tests set each part on its own). */
export function withList(profile: Profile, list: Partial<ListBehaviour> = {}): Profile {
  if (list.ignores === undefined && list.rows === undefined) return profile;
  return { ...profile, list: { ...profile.list, ...list } };
}

export function loadProfile(name: string | undefined, list?: Partial<ListBehaviour>): Profile {
  if (name === undefined || name === '' || name === 'full') return withList(FULL, list);
  if (name === 'documented') return withList(DOCUMENTED, list);
  throw new Error(`Unknown simulator profile "${name}": use ${PROFILE_NAMES.join(' or ')}`);
}

/** Reads `SIMULATOR_LIST_IGNORES` (comma-separated parameters, or `none`); undefined: the profile's. */
export function listIgnoresFrom(value: string | undefined): ListParameter[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (value.trim() === 'none') return [];
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(LIST_PARAMETERS as readonly string[]).includes(name)) {
      throw new Error(`Unknown list parameter "${name}" in SIMULATOR_LIST_IGNORES: use ${LIST_PARAMETERS.join(', ')} or none`);
    }
  }
  return names as ListParameter[];
}

/** Reads `SIMULATOR_LIST_ROWS` (`full` or `minimal`); undefined: the profile's. */
export function listRowsFrom(value: string | undefined): ListRowShape | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if ((LIST_ROW_SHAPES as readonly string[]).includes(value.trim())) return value.trim() as ListRowShape;
  throw new Error(`Unknown list row shape "${value}" in SIMULATOR_LIST_ROWS: use ${LIST_ROW_SHAPES.join(' or ')}`);
}
