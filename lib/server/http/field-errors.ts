import type { z } from 'zod';
import { AppError, type ErrorCode } from './errors';

/**
 * The one way a zod failure becomes our error shape: `fields` maps each top-level field of the
 * input (what a form shows) to a message key, `_` for the input as a whole. An unknown key is a
 * field of its own. The key is the message the schema gives (`refine(…, { message:
 * 'invalid_format' })`, `z.string({ error: 'emailInvalid' })`); when it gives none, it is
 * derived from the kind of problem (`required`, `too_long`, `invalid_option`…), all keys of the
 * `errors.fields` catalogue, which the error response translates. A schema that names its own
 * keys from another catalogue (the admin forms') leaves the translation to that form.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const key of issue.keys) fields[key] ??= issue.message;
      continue;
    }
    fields[issue.path.length > 0 ? String(issue.path[0]) : '_'] ??= issue.message;
  }
  return fields;
}

/** The message key of a problem the schema gave no message for. */
export function defaultMessageKey(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_type';
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big';
    case 'invalid_format':
      if (issue.format === 'email') return 'invalid_email';
      return issue.format === 'datetime' || issue.format === 'date' ? 'invalid_date' : 'invalid_format';
    case 'invalid_value':
      return 'invalid_option';
    case 'not_multiple_of':
      return 'not_integer';
    case 'unrecognized_keys':
      return 'unknown_field';
    default:
      return 'invalid';
  }
}

/** Parses `value`, or throws `code` (400 `validation_failed` unless told otherwise) with `fields`. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, code: ErrorCode = 'validation_failed'): z.output<S> {
  const result = schema.safeParse(value, { error: defaultMessageKey });
  if (!result.success) throw new AppError(code, { fields: fieldErrors(result.error.issues) });
  return result.data;
}
