/**
 * The work-order list's parameters — filter, sort, page, page size, columns — as ONE typed
 * object, and its URL form. The URL is the single source of truth: the list page, the search
 * API, the count, the export, saved views and bulk review all parse the same query string
 * with `parseWorkOrderQuery` and write it with `toSearchParams`. Defaults are left out of the
 * URL, so the default view is the bare `/work-orders`.
 *
 * URL keys: `q`, `meta` (repeated, `key=value` or `key=` for "has key"), `tag`, `type`,
 * `engineer`, `group` (repeated, any of), `progressMin`, `progressMax`, `createdFrom`,
 * `createdTo`, `updatedFrom`, `updatedTo`, `reviewedFrom`, `reviewedTo` (YYYY-MM-DD,
 * inclusive), `review` (to_review | reviewed | all), `corrected` / `conformity` (yes | no),
 * `assigned` (yes | no: has a field engineer), `taskGroup`, `task`, `taskState` (not_validated |
 * not_analyzed | corrected: one task of the work order matches all three that are given),
 * `sort` (field, `-field` = descending), `page` (1-based), `pageSize`, `cols` (comma list).
 */

/** Columns the grid can show: fields of a list row. */
export const COLUMNS = [
  'name',
  'id',
  'siteId',
  'appVersionId',
  'fieldEngineerEmail',
  'fieldEngineerName',
  'userGroupIds',
  'workOrderTypes',
  'tags',
  'metadata',
  'createDate',
  'updateDate',
  'reviewDate',
  'reviewedAt',
  'progressScore',
  'tasksValidated',
  'tasksNotValidated',
  'tasksNotAnalyzed',
  'tasksCorrected',
  'conformityErrors',
  'reviewStatus',
  /** The review queue's doubt score, with why (see `lib/shared/doubt.ts`). */
  'doubtScore',
] as const;
export type Column = (typeof COLUMNS)[number];

/** Columns the list is not sorted by: the list-valued ones, the app version and the engineer's name. */
const UNSORTABLE_COLUMNS = [
  'appVersionId',
  'fieldEngineerName',
  'userGroupIds',
  'workOrderTypes',
  'tags',
  'metadata',
] as const satisfies readonly Column[];
export type SortField = Exclude<Column, (typeof UNSORTABLE_COLUMNS)[number]>;
export const SORT_FIELDS: readonly SortField[] = COLUMNS.filter(
  (column): column is SortField => !(UNSORTABLE_COLUMNS as readonly Column[]).includes(column),
);

export const DEFAULT_COLUMNS: readonly Column[] = [
  'name',
  'fieldEngineerEmail',
  'workOrderTypes',
  'createDate',
  'updateDate',
  'progressScore',
  'tasksCorrected',
  'reviewStatus',
];

/**
 * Sort keys and columns were once written in the API's snake_case (`sort=-update_date`,
 * `cols=name,progress_score`). Links shared then and saved views stored then still open: those
 * names are read as their camelCase column, and written back only in camelCase.
 */
const SNAKE_CASE_NAMES: Readonly<Record<string, Column>> = Object.fromEntries(
  COLUMNS.map((column) => [column.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`), column]),
);

/** A column (or sort key) by its name, old snake_case spelling included; null if unknown. */
export function columnNamed(name: string): Column | null {
  if ((COLUMNS as readonly string[]).includes(name)) return name as Column;
  return Object.hasOwn(SNAKE_CASE_NAMES, name) ? SNAKE_CASE_NAMES[name] : null;
}

export const PAGE_SIZES = [10, 25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE = 1_000_000;
export const MAX_TEXT = 200;
export const MAX_LIST = 50;

export const REVIEW_FILTERS = ['to_review', 'reviewed', 'all'] as const;
export type ReviewFilter = (typeof REVIEW_FILTERS)[number];

/**
 * States of one task a list can ask for — the overview's per-task counts, same definitions:
 * `not_validated` = counts in conformity, analysed, not validated; `not_analyzed` = no AI or
 * corrected value; `corrected` = has a corrected value.
 */
export const TASK_STATES = ['not_validated', 'not_analyzed', 'corrected'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface MetadataFilter {
  key: string;
  /** null = the work order has this key, whatever its value. */
  value: string | null;
}

export interface WorkOrderSort {
  field: SortField;
  direction: 'asc' | 'desc';
}

export interface WorkOrderQuery {
  q: string | null;
  metadata: MetadataFilter[];
  tags: string[];
  types: string[];
  engineers: string[];
  groups: string[];
  progressMin: number | null;
  progressMax: number | null;
  createdFrom: string | null;
  createdTo: string | null;
  updatedFrom: string | null;
  updatedTo: string | null;
  reviewedFrom: string | null;
  reviewedTo: string | null;
  review: ReviewFilter;
  corrected: boolean | null;
  conformity: boolean | null;
  /** true = has a field engineer, false = has none. */
  assigned: boolean | null;
  /** A task of the work order: in this task group, with this name, in this state (each optional). */
  taskGroup: string | null;
  task: string | null;
  taskState: TaskState | null;
  sort: WorkOrderSort;
  page: number;
  pageSize: number;
  columns: Column[];
}

/** The default view: what a supervisor's day starts with — to review, oldest first. */
export const DEFAULT_QUERY: WorkOrderQuery = Object.freeze({
  q: null,
  metadata: [],
  tags: [],
  types: [],
  engineers: [],
  groups: [],
  progressMin: null,
  progressMax: null,
  createdFrom: null,
  createdTo: null,
  updatedFrom: null,
  updatedTo: null,
  reviewedFrom: null,
  reviewedTo: null,
  review: 'to_review',
  corrected: null,
  conformity: null,
  assigned: null,
  taskGroup: null,
  task: null,
  taskState: null,
  sort: { field: 'createDate', direction: 'asc' },
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  columns: [...DEFAULT_COLUMNS],
}) as WorkOrderQuery;

// The URL is parsed by hand, not with a schema library: this file runs in the browser too
// (the list reads its own address), and a validation library would be most of its weight there.
// Each check answers the value or the message key of what is wrong (`errors.fields.*`).
type Check<T> = (value: string) => { ok: true; value: T } | { ok: false; error: string };
const valid = <T>(value: T) => ({ ok: true as const, value });
const invalid = (error: string) => ({ ok: false as const, error });

// Control characters are never meaningful in a filter and make logs and CSV ambiguous.
const CONTROL = /[\u0000-\u001f\u007f]/;
const text: Check<string> = (raw) => {
  const value = raw.trim();
  if (value.length < 1) return invalid('too_short');
  if (value.length > MAX_TEXT) return invalid('too_long');
  return CONTROL.test(value) ? invalid('invalid') : valid(value);
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A calendar day of years 1 to 9999. Year 0 is a valid JavaScript date but not a PostgreSQL
 * one (there is no year 0 there): it must be refused here, not fail the query.
 */
const day: Check<string> = (value) => {
  if (!DATE.test(value)) return invalid('invalid_date');
  const date = new Date(`${value}T00:00:00Z`);
  return value >= '0001-01-01' && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? valid(value) : invalid('invalid_date');
};
const INTEGER = /^\d{1,7}$/;
const integer =
  (inRange: (value: number) => boolean, outOfRange: string): Check<number> =>
  (value) => {
    if (!INTEGER.test(value)) return invalid('not_integer');
    const number = Number(value);
    return inRange(number) ? valid(number) : invalid(outOfRange);
  };
const progress = integer((value) => value >= 0 && value <= 100, 'too_big');
const oneOf =
  <T extends string>(options: readonly T[]): Check<T> =>
  (value) =>
    (options as readonly string[]).includes(value) ? valid(value as T) : invalid('invalid_option');
const yesNoOption = oneOf(['yes', 'no'] as const);
const yesNo: Check<boolean> = (value) => {
  const result = yesNoOption(value);
  return result.ok ? valid(result.value === 'yes') : result;
};

const metadataFilter: Check<MetadataFilter> = (value) => {
  if (value.length > 2 * MAX_TEXT + 1) return invalid('too_long');
  if (CONTROL.test(value)) return invalid('invalid');
  const at = value.indexOf('=');
  const key = (at < 0 ? value : value.slice(0, at)).trim();
  const raw = at < 0 ? '' : value.slice(at + 1).trim();
  if (!key) return invalid('required');
  if (key.length > MAX_TEXT || raw.length > MAX_TEXT) return invalid('too_long');
  return valid({ key, value: raw === '' ? null : raw });
};

const sort: Check<WorkOrderSort> = (value) => {
  const descending = value.startsWith('-');
  const field = columnNamed(descending ? value.slice(1) : value);
  if (field === null || !(SORT_FIELDS as readonly string[]).includes(field)) return invalid('invalid_option');
  return valid({ field: field as SortField, direction: descending ? 'desc' : 'asc' });
};

const columns: Check<Column[]> = (value) => {
  const named = value.split(',').filter(Boolean).map(columnNamed);
  if (named.length === 0 || named.some((column) => column === null)) return invalid('invalid_option');
  return valid([...new Set(named as Column[])]);
};

/** A repeated key: at most MAX_LIST values, each checked; the first wrong one names the error. */
const list =
  <T>(each: Check<T>): ((values: string[]) => { ok: true; value: T[] } | { ok: false; error: string }) =>
  (values) => {
    const checked: T[] = [];
    for (const value of values) {
      const result = each(value);
      if (!result.ok) return result;
      checked.push(result.value);
    }
    return values.length > MAX_LIST ? invalid('too_big') : valid(checked);
  };

/** One check per URL key; a key not listed here is refused (no silently ignored filter). */
const single: Record<string, Check<unknown>> = {
  q: text,
  progressMin: progress,
  progressMax: progress,
  createdFrom: day,
  createdTo: day,
  updatedFrom: day,
  updatedTo: day,
  reviewedFrom: day,
  reviewedTo: day,
  review: oneOf(REVIEW_FILTERS),
  corrected: yesNo,
  conformity: yesNo,
  assigned: yesNo,
  taskGroup: text,
  task: text,
  taskState: oneOf(TASK_STATES),
  sort,
  page: integer((value) => value >= 1 && value <= MAX_PAGE, 'too_big'),
  pageSize: integer((value) => (PAGE_SIZES as readonly number[]).includes(value), 'invalid_option'),
  cols: columns,
};

const repeated: Record<string, (values: string[]) => { ok: true; value: unknown } | { ok: false; error: string }> = {
  meta: list(metadataFilter),
  tag: list(text),
  type: list(text),
  engineer: list(text),
  group: list(text),
};

const ALLOWED_KEYS = new Set<string>([...Object.keys(single), ...Object.keys(repeated)]);

/** The longest query string we accept at all (a saved view or a link in a chat fits easily). */
export const MAX_QUERY_LENGTH = 8_192;

export type ParseResult = { ok: true; query: WorkOrderQuery } | { ok: false; fields: Record<string, string> };

/**
 * Parses a list URL's search params. Unknown keys, repeated single keys, out-of-range or
 * malformed values are errors with one message key per field (`errors.fields.*`), never
 * ignored: a filter that silently does nothing is a filter that lies.
 */
export function parseWorkOrderQuery(input: URLSearchParams | string): ParseResult {
  const raw = typeof input === 'string' ? input.replace(/^\?/, '') : input.toString();
  if (raw.length > MAX_QUERY_LENGTH) return { ok: false, fields: { query: 'too_long' } };
  const params = typeof input === 'string' ? new URLSearchParams(raw) : input;
  const fields: Record<string, string> = {};
  const values: Record<string, unknown> = {};

  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    if (!ALLOWED_KEYS.has(key)) {
      fields[safeFieldName(key)] = 'unknown_field';
      continue;
    }
    if (Object.hasOwn(repeated, key)) {
      const result = repeated[key](all);
      if (result.ok) values[key] = result.value;
      else fields[key] = result.error;
      continue;
    }
    if (all.length > 1) {
      fields[key] = 'duplicate';
      continue;
    }
    const result = single[key](all[0]);
    if (result.ok) values[key] = result.value;
    else fields[key] = result.error;
  }

  const query: WorkOrderQuery = {
    ...DEFAULT_QUERY,
    q: (values.q as string | undefined) ?? null,
    metadata: (values.meta as MetadataFilter[] | undefined) ?? [],
    tags: (values.tag as string[] | undefined) ?? [],
    types: (values.type as string[] | undefined) ?? [],
    engineers: ((values.engineer as string[] | undefined) ?? []).map((email) => email.toLowerCase()),
    groups: (values.group as string[] | undefined) ?? [],
    progressMin: (values.progressMin as number | undefined) ?? null,
    progressMax: (values.progressMax as number | undefined) ?? null,
    createdFrom: (values.createdFrom as string | undefined) ?? null,
    createdTo: (values.createdTo as string | undefined) ?? null,
    updatedFrom: (values.updatedFrom as string | undefined) ?? null,
    updatedTo: (values.updatedTo as string | undefined) ?? null,
    reviewedFrom: (values.reviewedFrom as string | undefined) ?? null,
    reviewedTo: (values.reviewedTo as string | undefined) ?? null,
    review: (values.review as ReviewFilter | undefined) ?? DEFAULT_QUERY.review,
    corrected: (values.corrected as boolean | undefined) ?? null,
    conformity: (values.conformity as boolean | undefined) ?? null,
    assigned: (values.assigned as boolean | undefined) ?? null,
    taskGroup: (values.taskGroup as string | undefined) ?? null,
    task: (values.task as string | undefined) ?? null,
    taskState: (values.taskState as TaskState | undefined) ?? null,
    sort: (values.sort as WorkOrderSort | undefined) ?? DEFAULT_QUERY.sort,
    page: (values.page as number | undefined) ?? 1,
    pageSize: (values.pageSize as number | undefined) ?? DEFAULT_PAGE_SIZE,
    columns: (values.cols as Column[] | undefined) ?? [...DEFAULT_COLUMNS],
  };
  // "No field engineer" and "one of these engineers" never match together: say so, not an empty list.
  if (query.assigned === false && query.engineers.length > 0) fields.assigned = 'invalid_option';
  if (query.progressMin !== null && query.progressMax !== null && query.progressMin > query.progressMax) {
    fields.progressMin = 'too_big';
  }
  for (const [from, to] of [
    ['createdFrom', 'createdTo'],
    ['updatedFrom', 'updatedTo'],
    ['reviewedFrom', 'reviewedTo'],
  ] as const) {
    const start = query[from];
    const end = query[to];
    if (start && end && start > end) fields[from] = 'too_big';
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, query };
}

/** An unknown key is echoed back as a field name: keep it short and printable. */
function safeFieldName(key: string): string {
  const printable = key.replace(/[^\w.-]/g, '_').slice(0, 40);
  return printable || 'query';
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The URL form of a query, defaults left out, keys in a stable order (so equal views have
 * equal URLs). `omit` drops keys that do not define the result set (e.g. page for a count).
 */
export function toSearchParams(query: WorkOrderQuery, omit: ReadonlyArray<'page' | 'pageSize' | 'cols' | 'sort'> = []): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const filter of query.metadata) params.append('meta', `${filter.key}=${filter.value ?? ''}`);
  for (const tag of query.tags) params.append('tag', tag);
  for (const type of query.types) params.append('type', type);
  for (const engineer of query.engineers) params.append('engineer', engineer);
  for (const group of query.groups) params.append('group', group);
  if (query.progressMin !== null) params.set('progressMin', String(query.progressMin));
  if (query.progressMax !== null) params.set('progressMax', String(query.progressMax));
  for (const key of ['createdFrom', 'createdTo', 'updatedFrom', 'updatedTo', 'reviewedFrom', 'reviewedTo'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.review !== DEFAULT_QUERY.review) params.set('review', query.review);
  if (query.corrected !== null) params.set('corrected', query.corrected ? 'yes' : 'no');
  if (query.conformity !== null) params.set('conformity', query.conformity ? 'yes' : 'no');
  if (query.assigned !== null) params.set('assigned', query.assigned ? 'yes' : 'no');
  if (query.taskGroup) params.set('taskGroup', query.taskGroup);
  if (query.task) params.set('task', query.task);
  if (query.taskState) params.set('taskState', query.taskState);
  const sortIsDefault = query.sort.field === DEFAULT_QUERY.sort.field && query.sort.direction === DEFAULT_QUERY.sort.direction;
  if (!omit.includes('sort') && !sortIsDefault) {
    params.set('sort', `${query.sort.direction === 'desc' ? '-' : ''}${query.sort.field}`);
  }
  if (!omit.includes('page') && query.page !== 1) params.set('page', String(query.page));
  if (!omit.includes('pageSize') && query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize));
  if (!omit.includes('cols') && !sameList(query.columns, DEFAULT_COLUMNS)) params.set('cols', query.columns.join(','));
  return params;
}

/** `toSearchParams` as a string, `''` for the default view. */
export function toQueryString(query: WorkOrderQuery, omit?: Parameters<typeof toSearchParams>[1]): string {
  return toSearchParams(query, omit).toString();
}
