/**
 * Task values as the upstream may write them, and as we send them back.
 *
 * The API documents `outcome_type` as "(Number, Boolean...)" and types `corrected_value` as a
 * string that "must be compatible with the task type". A site may therefore echo a value as
 * text ("true", "12.5"), and may only accept text for a correction. Everything that compares
 * values (conflict checks, settling an unknown outcome, previews, history) goes through
 * `normaliseTaskValue` first, so "true" and true are the same value of a Boolean task.
 *
 * Pure code, shared by the server, the browser and the simulator.
 */
import type { OutcomeType, TaskValue } from './progress-score';

export const KNOWN_OUTCOME_TYPES: readonly OutcomeType[] = ['Boolean', 'Number', 'Text'];

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/** The declared type when we know how to handle it, else null (absent or a type we never saw). */
export function knownOutcomeType(declared: unknown): OutcomeType | null {
  return typeof declared === 'string' && (KNOWN_OUTCOME_TYPES as readonly string[]).includes(declared) ? (declared as OutcomeType) : null;
}

/**
 * How a task behaves in forms and comparisons: its declared type when known, else Text (a value
 * of a type we do not know is shown as text and corrected as text).
 */
export function behaviourType(declared: unknown): OutcomeType {
  return knownOutcomeType(declared) ?? 'Text';
}

/**
 * A value as its task's type says it is: "true"/"false" (any case) become booleans for a
 * Boolean task, numeric text becomes a number for a Number task, a number becomes text for a
 * Text task. Anything that does not fit is kept as it came (and simply matches no rule).
 * `declared` is the task's raw `outcome_type`; an unknown type keeps values untouched.
 */
export function normaliseTaskValue(declared: unknown, value: TaskValue | null | undefined): TaskValue | null {
  if (value === null || value === undefined) return null;
  switch (knownOutcomeType(declared)) {
    case 'Boolean': {
      if (typeof value !== 'string') return value;
      const text = value.trim().toLowerCase();
      return text === 'true' ? true : text === 'false' ? false : value;
    }
    case 'Number': {
      if (typeof value !== 'string' || !NUMERIC.test(value)) return value;
      const number = Number(value);
      return Number.isFinite(number) ? number : value;
    }
    case 'Text':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    default:
      return value;
  }
}

/** Whether two values of one task are the same value once normalised by its type. */
export function sameValue(declared: unknown, a: TaskValue | null | undefined, b: TaskValue | null | undefined): boolean {
  return normaliseTaskValue(declared, a) === normaliseTaskValue(declared, b);
}

/** A finite number as plain decimal text, never in exponent form ("0.0000001", not "1e-7"). */
export function decimalString(value: number): string {
  const plain = String(value);
  if (!/e/i.test(plain)) return plain;
  return value.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 21, maximumFractionDigits: 100 });
}

/**
 * `corrected_value` as the API documents it: a string compatible with the task type —
 * "true"/"false" for a Boolean, the number as decimal text, the text as it is.
 */
export function correctionWireValue(value: TaskValue): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return decimalString(value);
  return value;
}
