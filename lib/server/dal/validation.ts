import { z } from 'zod';
import { AppError } from '@/lib/server/http/errors';

/**
 * zod issues → our `fields` map (field path → message key in `errors.fields`), so the UI
 * can highlight each field in the user's language.
 */
export function fieldsFromZod(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'unknown_field';
      continue;
    }
    const path = issue.path.length ? issue.path.map(String).join('.') : '_';
    fields[path] ??= messageKey(issue);
  }
  return fields;
}

function messageKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_type';
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_short' : 'too_small';
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : 'invalid_format';
    case 'invalid_value':
      return 'invalid_option';
    default:
      return 'invalid';
  }
}

/** Parses `input` or throws 400 `validation_failed` with per-field keys. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  // A body that is not even an object is a malformed request, not a field problem.
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation_failed', { fields: fieldsFromZod(result.error) });
  return result.data;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Single-line text: trimmed, no control characters. */
export function singleLine(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((value) => !CONTROL.test(value), { message: 'invalid_format' });
}

/** Multi-line text (comments): tabs and newlines allowed, other control characters not. */
export function multiLine(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value), { message: 'invalid_format' });
}
