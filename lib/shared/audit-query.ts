import { z } from 'zod';

/**
 * The audit page's filters as ONE typed object, and their URL form: the page, its JSON API and
 * its CSV export all parse the same query string with `parseAuditQuery`, so the export holds
 * exactly the rows the page lists. Empty filters are left out of the URL.
 *
 * URL keys: `actor` (e-mail, any case), `action` (an action code), `outcome`, `workOrder`
 * (its id), `from` / `to` (YYYY-MM-DD, inclusive, days of the display time zone). The API
 * also reads `cursor` (where the previous page ended) and `limit` (rows per page); those are
 * not filters, so the page's own URL never carries them.
 */

/** Every outcome an audit row can have (the database's check constraint lists the same). */
export const AUDIT_OUTCOMES = ['pending', 'applied', 'rejected', 'unknown', 'conflict', 'denied', 'succeeded', 'failed'] as const;
export type AuditOutcomeFilter = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_MAX_PAGE_SIZE = 200;

export interface AuditFilters {
  actor: string | null;
  action: string | null;
  outcome: AuditOutcomeFilter | null;
  workOrder: string | null;
  from: string | null;
  to: string | null;
}

export interface AuditQuery extends AuditFilters {
  /** The `seq` of the last row of the previous page: this page lists rows after it. */
  cursor: number | null;
  limit: number;
}

export const NO_AUDIT_FILTERS: AuditFilters = Object.freeze({
  actor: null,
  action: null,
  outcome: null,
  workOrder: null,
  from: null,
  to: null,
}) as AuditFilters;

const CONTROL = /[\u0000-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const day = z
  .string()
  .regex(DAY, 'invalid_date')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'invalid_date');

const SINGLE = {
  actor: z
    .string()
    .trim()
    .min(1, 'too_short')
    .max(254, 'too_long')
    .refine((value) => !CONTROL.test(value), 'invalid')
    .transform((value) => value.toLowerCase()),
  // Codes are written by the app (`authz_denied`, `work_order.update`): anything else matches nothing.
  action: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, 'invalid_option'),
  outcome: z.enum(AUDIT_OUTCOMES, { error: 'invalid_option' }),
  workOrder: z
    .string()
    .regex(UUID, 'invalid_format')
    .transform((id) => id.toLowerCase()),
  from: day,
  to: day,
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'invalid_format')
    .transform(Number),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'not_integer')
    .transform(Number)
    .refine((value) => value >= 1 && value <= AUDIT_MAX_PAGE_SIZE, 'too_big'),
} as const;

type Key = keyof typeof SINGLE;
const isKey = (key: string): key is Key => Object.hasOwn(SINGLE, key);

export type AuditParseResult = { ok: true; query: AuditQuery } | { ok: false; fields: Record<string, string> };

/**
 * Parses the audit page's or API's search params. Unknown keys, repeated keys and malformed
 * values are errors, one message key (`errors.fields.*`) per field, never ignored: a filter
 * that silently does nothing would export more than the page shows.
 */
export function parseAuditQuery(input: URLSearchParams | string): AuditParseResult {
  const params = typeof input === 'string' ? new URLSearchParams(input.replace(/^\?/, '')) : input;
  if (params.toString().length > 4_096) return { ok: false, fields: { query: 'too_long' } };
  const fields: Record<string, string> = {};
  const values: Partial<Record<Key, unknown>> = {};
  for (const key of new Set(params.keys())) {
    if (!isKey(key)) {
      fields[key.replace(/[^\w.-]/g, '_').slice(0, 40) || 'query'] = 'unknown_field';
      continue;
    }
    const all = params.getAll(key);
    if (all.length > 1) {
      fields[key] = 'duplicate';
      continue;
    }
    // An empty field of a submitted form means "no filter".
    if (all[0] === '' && key !== 'cursor' && key !== 'limit') continue;
    const result = SINGLE[key].safeParse(all[0]);
    if (result.success) values[key] = result.data;
    else fields[key] = result.error.issues[0]?.message ?? 'invalid';
  }
  const query: AuditQuery = {
    actor: (values.actor as string | undefined) ?? null,
    action: (values.action as string | undefined) ?? null,
    outcome: (values.outcome as AuditOutcomeFilter | undefined) ?? null,
    workOrder: (values.workOrder as string | undefined) ?? null,
    from: (values.from as string | undefined) ?? null,
    to: (values.to as string | undefined) ?? null,
    cursor: (values.cursor as number | undefined) ?? null,
    limit: (values.limit as number | undefined) ?? AUDIT_PAGE_SIZE,
  };
  if (query.from && query.to && query.from > query.to) fields.from = 'too_big';
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, query };
}

const FILTER_KEYS = ['actor', 'action', 'outcome', 'workOrder', 'from', 'to'] as const satisfies readonly (keyof AuditFilters)[];

/** The URL form of the filters (and, for the API, of `cursor` and `limit`), in a stable key order. */
export function toAuditSearchParams(query: AuditFilters & Partial<Pick<AuditQuery, 'cursor' | 'limit'>>): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (query.cursor !== undefined && query.cursor !== null) params.set('cursor', String(query.cursor));
  if (query.limit !== undefined && query.limit !== AUDIT_PAGE_SIZE) params.set('limit', String(query.limit));
  return params;
}

/** The filters alone (no cursor, no page size): what defines the set of rows. */
export function auditFilters(query: AuditFilters): AuditFilters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, query[key]])) as unknown as AuditFilters;
}

/** How many filters are set (the filter bar's badge and "clear" button). */
export function countAuditFilters(filters: AuditFilters): number {
  return FILTER_KEYS.filter((key) => filters[key]).length;
}
