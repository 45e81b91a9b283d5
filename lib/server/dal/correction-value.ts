import { z } from 'zod';
import { AppError } from '@/lib/server/http/errors';
import type { OutcomeType, TaskValue } from '@/lib/shared/progress-score';
import { behaviourType } from '@/lib/shared/task-value';
import { multiLine, singleLine } from './validation';

/** The longest Text correction we send upstream; longer input is refused. */
export const MAX_TEXT_LENGTH = 256;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The correction body: strict, so `analyzedValue`, `state`, `__proto__`… are refused. */
export const correctionBodySchema = z.strictObject({
  correctedValue: z.union([z.boolean(), z.number(), z.string()]),
  reason: singleLine(64).pipe(z.string().min(1)),
  comment: multiLine(2000).optional(),
});

export type CorrectionBody = z.output<typeof correctionBodySchema>;

/**
 * The value checked against the task's `outcome_type`, without coercion: Boolean → a JSON
 * boolean, Number → a finite number, Text (and a type we do not know, corrected as text) → at
 * most 256 characters without control characters. Anything else → 400 `validation_failed` on
 * `correctedValue`.
 */
export function checkCorrectionValue(outcomeType: OutcomeType | string | null | undefined, value: unknown): TaskValue {
  const invalid = (key: string) => new AppError('validation_failed', { fields: { correctedValue: key } });
  switch (behaviourType(outcomeType)) {
    case 'Boolean':
      if (typeof value !== 'boolean') throw invalid('invalid_type');
      return value;
    case 'Number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid('invalid_type');
      return value;
    case 'Text':
      if (typeof value !== 'string') throw invalid('invalid_type');
      if (value.trim().length === 0) throw invalid('required');
      if (value.length > MAX_TEXT_LENGTH) throw invalid('too_long');
      if (CONTROL.test(value)) throw invalid('invalid_format');
      return value;
  }
}

/** Whether a stored task value equals the requested one (numbers compared as numbers). */
export function sameTaskValue(a: TaskValue | null | undefined, b: TaskValue): boolean {
  if (a === null || a === undefined) return false;
  if (typeof b === 'number' && typeof a === 'string' && a.trim() !== '') return Number(a) === b;
  if (typeof b === 'boolean' && typeof a === 'string') return a.toLowerCase() === String(b);
  return a === b;
}
