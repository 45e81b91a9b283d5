import { z } from 'zod';
import { isTaskGroupName, isUuid } from '@/lib/server/deepomatic/ids';
import { AppError } from '@/lib/server/http/errors';
import { parseWorkOrderQuery, type WorkOrderQuery } from '@/lib/shared/work-order-filters';

/**
 * Input schemas shared by several operations: ids from the URL, text fields, the list query.
 * Messages are keys of `errors.fields` (see `lib/server/http/field-errors.ts`).
 */

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

// ---- ids from the URL: strict patterns, checked before any upstream URL is built ----------

/** A UUID (work order, task, input, analysis, saved view, user), lowercased as the upstream writes it. */
export const uuidParam = z.custom<string>(isUuid, { message: 'invalid_format' }).transform((id) => id.toLowerCase());

/** A task-group name: a case-sensitive slug (`pm-ouvert-avant`, `PM-ferme-apres`). */
export const taskGroupNameParam = z.custom<string>(isTaskGroupName, { message: 'invalid_format' });

/** The work order of `/work-orders/{id}/…`. */
export const workOrderParams = z.object({ id: uuidParam });

// ---- URL search parameters --------------------------------------------------------------

/**
 * A query schema from a parser that names each bad parameter (the list's, the overview's):
 * its `fields` become the issues, so the answer is 400 `invalid_query` with the same fields.
 */
export function searchParamsSchema<T>(parse: (params: URLSearchParams) => { ok: true; value: T } | { ok: false; fields: Record<string, string> }) {
  return z.instanceof(URLSearchParams).transform((params, ctx): T => {
    const result = parse(params);
    if (result.ok) return result.value;
    for (const [field, message] of Object.entries(result.fields)) ctx.addIssue({ code: 'custom', path: [field], message });
    return z.NEVER;
  });
}

function listQuery(params: URLSearchParams | string) {
  const result = parseWorkOrderQuery(params);
  return result.ok ? { ok: true as const, value: result.query } : result;
}

/** The work-order list's query (filters, sort, page, columns), as in the list's URL. */
export const workOrderQuery = searchParamsSchema<WorkOrderQuery>(listQuery);

/** A list query sent inside a body (bulk review, saved views) → 400 `invalid_query` naming each bad parameter. */
export function parseQueryOrThrow(text: string): WorkOrderQuery {
  const result = parseWorkOrderQuery(text);
  if (!result.ok) throw new AppError('invalid_query', { fields: result.fields });
  return result.query;
}
