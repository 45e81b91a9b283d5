/**
 * Turns a task rule's JSON Schema into readable conditions ("value is true",
 * "value ≥ 3 and ≤ 10", "text matches ^OK") for the task-group page and the thresholds
 * shown in the correction form.
 *
 * The result is structured (clauses with parameters) so the UI can localise it; the
 * keywords understood are exactly those `matchSchema` in `progress-score.ts` evaluates.
 * Anything else degrades to an `unsupported` clause and `neverMatches: true`, because
 * `matchSchema` treats an unknown keyword as "does not match" — the description must
 * never promise a match the evaluator will not make.
 */
import type { RuleSchema } from '@/lib/shared/progress-score';

export type ScalarValue = boolean | number | string | null;

export type ConditionClause =
  /** No constraint at all (schema `true`, `{}` or only annotations). */
  | { kind: 'any' }
  /** Schema `false`: nothing matches. */
  | { kind: 'nothing' }
  | { kind: 'type'; types: string[] }
  | { kind: 'equals'; value: ScalarValue }
  | { kind: 'oneOf'; values: ScalarValue[] }
  | { kind: 'compare'; op: '>=' | '>' | '<=' | '<'; limit: number }
  | { kind: 'between'; min: number; max: number; minInclusive: boolean; maxInclusive: boolean }
  | { kind: 'length'; min?: number; max?: number }
  | { kind: 'pattern'; pattern: string }
  /** A keyword this app does not evaluate (or a malformed one): the rule never matches. */
  | { kind: 'unsupported'; keyword: string; detail: string };

export interface RuleDescription {
  clauses: ConditionClause[];
  /** True when the evaluator can never match this schema (unknown keyword, `false`, bad value). */
  neverMatches: boolean;
}

const ANNOTATIONS = new Set(['title', 'description', '$comment', '$schema', 'default', 'examples']);
const KNOWN_TYPES = new Set(['boolean', 'number', 'integer', 'string', 'null']);
const MAX_DETAIL = 80;

function isScalar(value: unknown): value is ScalarValue {
  return value === null || ['boolean', 'number', 'string'].includes(typeof value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isLength(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** A short, safe rendering of an unexpected keyword value (shown as text, never as HTML). */
function detailOf(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function typeOfScalar(value: ScalarValue): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether a `type` clause adds nothing to what the other clauses already say. */
function typeIsImplied(types: string[], others: ConditionClause[]): boolean {
  const accepts = (t: string) => types.includes(t) || (t === 'integer' && types.includes('number'));
  for (const clause of others) {
    if (clause.kind === 'equals' && accepts(typeOfScalar(clause.value))) return true;
    if (clause.kind === 'oneOf' && clause.values.length > 0 && clause.values.every((v) => accepts(typeOfScalar(v)))) return true;
    if ((clause.kind === 'compare' || clause.kind === 'between') && types.length === 1 && types[0] === 'number') return true;
    if ((clause.kind === 'length' || clause.kind === 'pattern') && types.length === 1 && types[0] === 'string') return true;
  }
  return false;
}

export function describeRule(schema: RuleSchema | unknown): RuleDescription {
  if (schema === true) return { clauses: [{ kind: 'any' }], neverMatches: false };
  if (schema === false) return { clauses: [{ kind: 'nothing' }], neverMatches: true };
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return { clauses: [{ kind: 'unsupported', keyword: 'schema', detail: detailOf(schema) }], neverMatches: true };
  }

  const entries = schema as Record<string, unknown>;
  const clauses: ConditionClause[] = [];
  const unsupported: ConditionClause[] = [];
  let types: string[] | null = null;
  let lower: { limit: number; inclusive: boolean } | null = null;
  let upper: { limit: number; inclusive: boolean } | null = null;
  let minLength: number | undefined;
  let maxLength: number | undefined;

  const reject = (keyword: string, value: unknown) => unsupported.push({ kind: 'unsupported', keyword, detail: detailOf(value) });
  // Two lower (or upper) bounds: the stricter one decides, as both must hold.
  const tighterLower = (limit: number, inclusive: boolean) => {
    if (!lower || limit > lower.limit || (limit === lower.limit && !inclusive)) lower = { limit, inclusive };
  };
  const tighterUpper = (limit: number, inclusive: boolean) => {
    if (!upper || limit < upper.limit || (limit === upper.limit && !inclusive)) upper = { limit, inclusive };
  };

  for (const [keyword, value] of Object.entries(entries)) {
    switch (keyword) {
      case 'type': {
        const list = Array.isArray(value) ? value : [value];
        if (list.length === 0 || !list.every((t) => typeof t === 'string' && KNOWN_TYPES.has(t))) reject(keyword, value);
        else types = list as string[];
        break;
      }
      case 'const':
        if (isScalar(value)) clauses.push({ kind: 'equals', value });
        else reject(keyword, value);
        break;
      case 'enum':
        if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) {
          clauses.push(value.length === 1 ? { kind: 'equals', value: value[0] } : { kind: 'oneOf', values: value });
        } else reject(keyword, value);
        break;
      case 'minimum':
      case 'exclusiveMinimum':
        if (isFiniteNumber(value)) tighterLower(value, keyword === 'minimum');
        else reject(keyword, value);
        break;
      case 'maximum':
      case 'exclusiveMaximum':
        if (isFiniteNumber(value)) tighterUpper(value, keyword === 'maximum');
        else reject(keyword, value);
        break;
      case 'minLength':
        if (isLength(value)) minLength = value;
        else reject(keyword, value);
        break;
      case 'maxLength':
        if (isLength(value)) maxLength = value;
        else reject(keyword, value);
        break;
      case 'pattern':
        if (typeof value === 'string' && isValidPattern(value)) clauses.push({ kind: 'pattern', pattern: value });
        else reject(keyword, value);
        break;
      default:
        if (!ANNOTATIONS.has(keyword)) reject(keyword, value);
    }
  }

  const low = lower as { limit: number; inclusive: boolean } | null;
  const high = upper as { limit: number; inclusive: boolean } | null;
  if (low && high) {
    clauses.push({ kind: 'between', min: low.limit, max: high.limit, minInclusive: low.inclusive, maxInclusive: high.inclusive });
  } else if (low) {
    clauses.push({ kind: 'compare', op: low.inclusive ? '>=' : '>', limit: low.limit });
  } else if (high) {
    clauses.push({ kind: 'compare', op: high.inclusive ? '<=' : '<', limit: high.limit });
  }
  if (minLength !== undefined || maxLength !== undefined) {
    clauses.push({ kind: 'length', ...(minLength !== undefined && { min: minLength }), ...(maxLength !== undefined && { max: maxLength }) });
  }
  const chosenTypes = types as string[] | null;
  if (chosenTypes && !typeIsImplied(chosenTypes, clauses)) clauses.unshift({ kind: 'type', types: chosenTypes });

  const all = [...clauses, ...unsupported];
  if (all.length === 0) return { clauses: [{ kind: 'any' }], neverMatches: false };
  return { clauses: all, neverMatches: unsupported.length > 0 };
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A plain value as shown inside a condition: strings quoted, the rest as written. */
export function formatConditionValue(value: ScalarValue): string {
  if (typeof value === 'string') return `“${value}”`;
  return String(value);
}

export function symbolOf(op: '>=' | '>' | '<=' | '<'): string {
  return { '>=': '≥', '>': '>', '<=': '≤', '<': '<' }[op];
}
