/**
 * What an upstream answer lacked, noted while it is parsed and logged once per shape.
 *
 * The client relies only on what the API documents; every other field is optional and used
 * when present. An operator still wants to know which optional fields their site leaves out
 * (and so which parts of the app run derived or show "unknown"), but not once per request: a
 * site that never sends `color` would otherwise log it on every work-order read. So the
 * schemas note each absent optional field or unreadable item as a path (e.g.
 * `tasks[].state.color`), and the caller logs each (endpoint, path) pair the first time only.
 *
 * Parsing is synchronous, so one module-level collector is enough: `collectShapeNotes` sets it
 * for the duration of one parse.
 */

/**
 * The optional fields of each upstream shape, keyed by the prefix of their notes (a note is the
 * prefix plus the field, e.g. `task.state.color`). The schemas note these when an answer lacks
 * them, and the upstream check (`upstream-check.ts`) reports each as provided or not: one list
 * for both. Fields the documents do not name, plus the task fields they name only for task
 * groups (`outcome_type`, `conformity_status`, `outcome_validation`), which a work order's tasks
 * may still lack.
 */
export const OPTIONAL_FIELDS = {
  'work_order.': ['create_date', 'update_date', 'site_id', 'app_version_id', 'field_engineer_name'],
  'task.': ['sentence', 'task_group_name', 'outcome_type', 'conformity_status', 'outcome_validation'],
  'task.state.': ['color', 'is_conformity_validated', 'update_date'],
  'task_group.': ['display_name', 'description', 'order'],
  'input.': ['task_group_name', 'type', 'url', 'create_date', 'status'],
  'analysis.': ['status'],
} as const;

export type OptionalShape = keyof typeof OPTIONAL_FIELDS;
/** `work_order.update_date`, `task.state.color`, … */
export type OptionalFieldPath = { [S in OptionalShape]: `${S}${(typeof OPTIONAL_FIELDS)[S][number]}` }[OptionalShape];

/** Every optional field as its note path, in the order of `OPTIONAL_FIELDS`. */
export function optionalFieldPaths(): OptionalFieldPath[] {
  return (Object.keys(OPTIONAL_FIELDS) as OptionalShape[]).flatMap((shape) =>
    OPTIONAL_FIELDS[shape].map((field) => `${shape}${field}` as OptionalFieldPath),
  );
}

let collector: Set<string> | null = null;

/** Records `path` in the parse in progress (a no-op outside `collectShapeNotes`). */
export function noteShape(path: string): void {
  collector?.add(path);
}

/** Notes `${prefix}${key}` for every key of `keys` that `raw` (an object) does not have. */
export function noteAbsent(raw: unknown, prefix: string, keys: readonly string[]): void {
  if (collector === null || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
  for (const key of keys) if (!Object.hasOwn(raw, key)) collector.add(`${prefix}${key}`);
}

/** Runs a synchronous parse and returns what it noted alongside its result. */
export function collectShapeNotes<T>(parse: () => T): { value: T; notes: string[] } {
  const outer = collector;
  const notes = new Set<string>();
  collector = notes;
  try {
    return { value: parse(), notes: [...notes].sort() };
  } finally {
    collector = outer;
  }
}

/**
 * What this process already reported. On `globalThis`: the server bundles may load this module
 * more than once (route handlers and pages), and "once per process" must hold across them.
 */
const globalForNotes = globalThis as typeof globalThis & { __deepomaticShapeNotes?: Set<string> };
const reported = (globalForNotes.__deepomaticShapeNotes ??= new Set<string>());
/** Bounds the memory of what was reported (a hostile upstream could invent endless paths). */
const MAX_REPORTED = 2_000;

/**
 * The notes of `endpoint` not reported yet by this process (and remembers them). Call it with
 * the notes of each parse; log what it returns.
 */
export function firstTimeNotes(endpoint: string, notes: readonly string[]): string[] {
  const fresh: string[] = [];
  for (const note of notes) {
    const key = `${endpoint}|${note}`;
    if (reported.has(key)) continue;
    if (reported.size >= MAX_REPORTED) break;
    reported.add(key);
    fresh.push(note);
  }
  return fresh;
}

/** Forgets what was reported (tests). */
export function resetShapeNotes(): void {
  reported.clear();
}
