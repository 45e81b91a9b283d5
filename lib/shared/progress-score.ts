/**
 * Task rule evaluation (`outcome_validation`) and the work-order `progress_score`.
 *
 * Pure code shared by the simulator (which computes the score it serves) and the web
 * app (which previews the effect of a correction before it is sent). No Node-only
 * imports here.
 */

export type OutcomeType = 'Boolean' | 'Number' | 'Text';
export type TaskValue = boolean | number | string;

/** The subset of JSON Schema used by `outcome_validation` rules. */
export type RuleSchema = boolean | { [keyword: string]: unknown };

export interface Rule {
  schema: RuleSchema;
  color: string;
  sentence: string;
  not_analyzed: boolean;
  is_conformity_validated: boolean;
}

export interface BoundingBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
  label?: string;
  score?: number;
}

export interface AnalyzedInput {
  input_id: string;
  bounding_boxes: BoundingBox[];
}

export interface TaskState {
  analyzed_value: TaskValue | null;
  corrected_value: TaskValue | null;
  message: string | null;
  color: string | null;
  is_conformity_validated: boolean;
  analyzed_inputs?: AnalyzedInput[];
  update_date?: string;
}

/** The fields of a task that rule evaluation and the score depend on. */
export interface ScoredTask {
  id?: string;
  conformity_status: boolean;
  outcome_validation: Rule[] | null | undefined;
  state: Pick<TaskState, 'analyzed_value' | 'corrected_value'> | null | undefined;
}

export interface TaskEvaluation {
  /** The effective value (corrected ?? analyzed), null when the task has no value. */
  value: TaskValue | null;
  rule: Rule | null;
  message: string | null;
  color: string | null;
  is_conformity_validated: boolean;
}

/** Keywords that constrain a value; any other keyword that is not an annotation makes the rule unusable. */
const ANNOTATION_KEYWORDS = new Set(['title', 'description', '$comment', '$schema', 'default', 'examples']);

/** The value a task currently stands at: a correction wins over the AI's value. */
export function effectiveValue(state: Pick<TaskState, 'analyzed_value' | 'corrected_value'> | null | undefined): TaskValue | null {
  if (!state) return null;
  if (state.corrected_value !== null && state.corrected_value !== undefined) return state.corrected_value;
  if (state.analyzed_value !== null && state.analyzed_value !== undefined) return state.analyzed_value;
  return null;
}

function typeMatches(type: unknown, value: unknown): boolean {
  if (Array.isArray(type)) return type.some((t) => typeMatches(t, value));
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'null':
      return value === null;
    default:
      return false; // 'object', 'array' or unknown: task values are never those
  }
}

const patternCache = new Map<string, RegExp | null>();

/** Rule patterns are few and evaluated often: compile each once (null when invalid). */
function compilePattern(pattern: string): RegExp | null {
  let regex = patternCache.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = null;
    }
    if (patternCache.size >= 256) patternCache.clear();
    patternCache.set(pattern, regex);
  }
  return regex;
}

function codePointLength(text: string): number {
  return Array.from(text).length;
}

/**
 * Whether `value` validates against `schema` (JSON Schema subset: type, const, enum,
 * minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern).
 * An unknown keyword or a malformed keyword value makes the schema not match, so a rule
 * we do not understand never validates a task by accident.
 */
export function matchSchema(schema: RuleSchema, value: unknown): boolean {
  if (schema === true) return true;
  if (schema === false || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  for (const [keyword, expected] of Object.entries(schema)) {
    switch (keyword) {
      case 'type':
        if (!typeMatches(expected, value)) return false;
        break;
      case 'const':
        if (!(value === expected)) return false;
        break;
      case 'enum':
        if (!Array.isArray(expected) || !expected.some((candidate) => candidate === value)) return false;
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        if (typeof expected !== 'number' || !Number.isFinite(expected)) return false;
        // Numeric keywords only constrain numbers (JSON Schema semantics).
        if (typeof value !== 'number') break;
        if (keyword === 'minimum' && !(value >= expected)) return false;
        if (keyword === 'maximum' && !(value <= expected)) return false;
        if (keyword === 'exclusiveMinimum' && !(value > expected)) return false;
        if (keyword === 'exclusiveMaximum' && !(value < expected)) return false;
        break;
      }
      case 'minLength':
      case 'maxLength': {
        if (typeof expected !== 'number' || !Number.isInteger(expected) || expected < 0) return false;
        if (typeof value !== 'string') break;
        const length = codePointLength(value);
        if (keyword === 'minLength' && length < expected) return false;
        if (keyword === 'maxLength' && length > expected) return false;
        break;
      }
      case 'pattern': {
        if (typeof expected !== 'string') return false;
        if (typeof value !== 'string') break;
        const regex = compilePattern(expected);
        if (!regex || !regex.test(value)) return false;
        break;
      }
      default:
        if (!ANNOTATION_KEYWORDS.has(keyword)) return false;
    }
  }
  return true;
}

/**
 * The first rule that applies: with a value, the first non-`not_analyzed` rule whose
 * schema validates it; without a value, the first `not_analyzed` rule.
 */
export function matchRule(rules: readonly Rule[] | null | undefined, value: TaskValue | null | undefined): Rule | null {
  if (!rules) return null;
  const hasValue = value !== null && value !== undefined;
  for (const rule of rules) {
    if (!rule || typeof rule !== 'object') continue;
    if (hasValue) {
      if (!rule.not_analyzed && matchSchema(rule.schema, value)) return rule;
    } else if (rule.not_analyzed) {
      return rule;
    }
  }
  return null;
}

/** How a value is written into a rule sentence in place of `{}`. */
export function formatValue(value: TaskValue | null): string {
  if (value === null) return '';
  return String(value);
}

/** A rule sentence with every `{}` placeholder replaced by the value. */
export function renderSentence(sentence: string, value: TaskValue | null): string {
  return sentence.split('{}').join(formatValue(value));
}

/**
 * Message, colour and validation of a task. `value` overrides the task's own effective
 * value (pass the value a correction would set to preview its effect).
 */
export function evaluateTask(
  task: Pick<ScoredTask, 'outcome_validation' | 'state'>,
  value: TaskValue | null = effectiveValue(task.state),
): TaskEvaluation {
  const rule = matchRule(task.outcome_validation, value);
  if (!rule) return { value, rule: null, message: null, color: null, is_conformity_validated: false };
  return {
    value,
    rule,
    message: typeof rule.sentence === 'string' ? renderSentence(rule.sentence, value) : null,
    color: typeof rule.color === 'string' ? rule.color : null,
    is_conformity_validated: rule.is_conformity_validated === true,
  };
}

/** What a state says about its task; `undefined` = the upstream did not say (null = it said "none"). */
export interface StateVerdictFields {
  analyzed_value: TaskValue | null;
  corrected_value: TaskValue | null;
  message?: string | null;
  color?: string | null;
  is_conformity_validated?: boolean | null;
}

/**
 * Message, colour and validation of a state: the upstream's own where it gave them, else what
 * the task's rules say about its effective value — the same evaluation as the score, so a
 * derived verdict never disagrees with the `progress_score` the upstream computes.
 */
export function stateVerdict(
  rules: readonly Rule[] | null | undefined,
  state: StateVerdictFields,
): { message: string | null; color: string | null; is_conformity_validated: boolean } {
  const needed = state.message === undefined || state.color === undefined || typeof state.is_conformity_validated !== 'boolean';
  const derived = needed ? evaluateTask({ outcome_validation: rules as Rule[] | null | undefined, state }) : null;
  return {
    message: state.message !== undefined ? state.message : (derived?.message ?? null),
    color: state.color !== undefined ? state.color : (derived?.color ?? null),
    is_conformity_validated:
      typeof state.is_conformity_validated === 'boolean' ? state.is_conformity_validated : (derived?.is_conformity_validated ?? false),
  };
}

/** Whether the task counts as validated in the conformity score. */
export function isTaskValidated(task: Pick<ScoredTask, 'outcome_validation' | 'state'>): boolean {
  return matchRule(task.outcome_validation, effectiveValue(task.state))?.is_conformity_validated === true;
}

/**
 * `progress_score` = floor(100 × validated / counted) over the tasks with
 * `conformity_status`; 0 when no task counts. A task listed twice (same `id`, as in a
 * work order whose types share a task group) counts once.
 */
export function progressScore(tasks: readonly ScoredTask[]): number {
  const seen = new Set<string>();
  let counted = 0;
  let validated = 0;
  for (const task of tasks) {
    if (!task.conformity_status) continue;
    if (task.id !== undefined) {
      if (seen.has(task.id)) continue;
      seen.add(task.id);
    }
    counted += 1;
    if (isTaskValidated(task)) validated += 1;
  }
  if (counted === 0) return 0;
  return Math.floor((100 * validated) / counted);
}

export type CoercionResult = { ok: true; value: TaskValue } | { ok: false; reason: 'null' | 'invalid_boolean' | 'invalid_number' | 'invalid_text' };

/**
 * A correction value checked against the task's `outcome_type`: booleans also accept
 * "true"/"false", numbers accept numeric strings, text accepts strings and numbers.
 */
export function coerceTaskValue(outcomeType: OutcomeType | string, raw: unknown): CoercionResult {
  if (raw === null || raw === undefined) return { ok: false, reason: 'null' };
  switch (outcomeType) {
    case 'Boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (typeof raw === 'string') {
        const text = raw.trim().toLowerCase();
        if (text === 'true') return { ok: true, value: true };
        if (text === 'false') return { ok: true, value: false };
      }
      return { ok: false, reason: 'invalid_boolean' };
    case 'Number': {
      if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: raw };
      if (typeof raw === 'string' && /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw)) {
        const value = Number(raw);
        if (Number.isFinite(value)) return { ok: true, value };
      }
      return { ok: false, reason: 'invalid_number' };
    }
    default:
      if (typeof raw === 'string') return { ok: true, value: raw };
      if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
      return { ok: false, reason: 'invalid_text' };
  }
}
