import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { recordAudit } from '@/lib/server/audit';
import { getDb, type Db } from '@/lib/server/db/client';
import { getFacets, metadataValues } from '@/lib/server/index/facets';
import {
  countWorkOrders,
  nextWorkOrderId,
  searchPage,
  streamWorkOrders,
  type IndexListRow,
} from '@/lib/server/index/search';
import { indexStatus } from '@/lib/server/index/sync';
import { toQueryString, MAX_TEXT, type Column, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import type { IndexSyncSummary, WorkOrderFacetsDto, WorkOrderListItem, WorkOrderSearchResult } from '@/lib/shared/work-order-list';
import { operation } from './operation';
import { searchParamsSchema, workOrderParams, workOrderQuery } from './validation';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toListItem(row: IndexListRow): WorkOrderListItem {
  return {
    id: row.id,
    name: row.name,
    site_id: row.siteId,
    app_version_id: row.appVersionId,
    metadata: row.metadata,
    tags: row.tags,
    work_order_types: row.workOrderTypes,
    field_engineer_email: row.fieldEngineerEmail,
    field_engineer_name: row.fieldEngineerName,
    user_group_ids: row.userGroupIds,
    // Field Review's stand-ins (first seen, last change seen) sort the list, but are not shown as the upstream's dates.
    create_date: row.createDateKnown ? row.createDate.toISOString() : null,
    update_date: row.updateDateKnown ? row.updateDate.toISOString() : null,
    review_date: iso(row.reviewDate),
    reviewed_at: iso(row.reviewedAt),
    review_status: row.reviewStatus === 'reviewed' ? 'reviewed' : 'to_review',
    progress_score: row.progressScore,
    tasks_total: row.tasksTotal,
    tasks_validated: row.tasksValidated,
    tasks_not_validated: row.tasksNotValidated,
    tasks_not_analyzed: row.tasksNotAnalyzed,
    tasks_corrected: row.tasksCorrected,
    conformity_errors: row.conformityErrors,
    synced_at: row.syncedAt.toISOString(),
  };
}

// "Last synced" does not need to be read on every keystroke: it counts the whole index.
const SYNC_SUMMARY_TTL_MS = 10_000;
let syncSummaryCache: { at: number; value: IndexSyncSummary } | null = null;

export async function syncSummary(): Promise<IndexSyncSummary> {
  if (syncSummaryCache && Date.now() - syncSummaryCache.at < SYNC_SUMMARY_TTL_MS) return syncSummaryCache.value;
  const value = await readSyncSummary();
  syncSummaryCache = { at: Date.now(), value };
  return value;
}

async function readSyncSummary(): Promise<IndexSyncSummary> {
  const status = await indexStatus(await getDb());
  const failures = status.jobs.filter((job) => job.lastError && (!job.lastSuccessAt || job.lastErrorAt! > job.lastSuccessAt));
  const latestFailure = failures.sort((a, b) => (a.lastErrorAt! < b.lastErrorAt! ? 1 : -1))[0];
  return {
    lastSyncedAt: status.lastSyncedAt,
    lastError: latestFailure?.lastError ?? null,
    lastErrorAt: latestFailure?.lastErrorAt ?? null,
    running: status.jobs.some((job) => job.running),
    total: status.total,
  };
}

/** GET /api/work-orders — one page of the index matching the URL query, its total and facets. */
export const searchWorkOrders = operation({
  role: 'viewer',
  input: { query: workOrderQuery },
  async run({ input }): Promise<WorkOrderSearchResult> {
    const db = await getDb();
    const [page, facets, sync] = [await runSearch(db, input.query), await getFacets(db), await syncSummary()];
    return { ...page, facets, sync };
  },
});

/** The search itself, after authorization (the benchmark times this against raw SQL). */
export async function runSearch(db: Db, query: WorkOrderQuery): Promise<Pick<WorkOrderSearchResult, 'rows' | 'total' | 'page' | 'pageSize' | 'query'>> {
  const { rows, total } = await searchPage(db, query);
  return { rows: rows.map(toListItem), total, page: query.page, pageSize: query.pageSize, query: toQueryString(query) };
}

/** GET /api/work-orders/count — how many match (shown before an export or a bulk action). */
export const countMatchingWorkOrders = operation({
  role: 'viewer',
  input: { query: workOrderQuery },
  async run({ input }): Promise<{ total: number }> {
    return { total: await countWorkOrders(await getDb(), input.query) };
  },
});

/** Values already used in the index (metadata keys, tags, types, groups, engineers). */
export const getWorkOrderFacets = operation({
  role: 'viewer',
  async run(): Promise<WorkOrderFacetsDto> {
    return getFacets(await getDb());
  },
});

const metadataKeyQuery = searchParamsSchema((params) => {
  const key = params.get('key')?.trim() ?? '';
  if (!key || key.length > MAX_TEXT || [...params.keys()].some((name) => name !== 'key')) {
    return { ok: false, fields: { key: key ? 'too_long' : 'required' } };
  }
  return { ok: true, value: key };
});

/** GET /api/work-orders/metadata-values?key= — suggestions once a metadata key is chosen. */
export const suggestMetadataValues = operation({
  role: 'viewer',
  input: { query: metadataKeyQuery },
  async run({ input }): Promise<{ values: string[] }> {
    return { values: await metadataValues(await getDb(), input.query) };
  },
});

/** The next work order after `id` in the list of the query (review flow), or null. */
export const nextInSearch = operation({
  role: 'viewer',
  input: { params: workOrderParams, query: workOrderQuery },
  async run({ input }): Promise<{ nextId: string | null }> {
    return { nextId: await nextWorkOrderId(await getDb(), input.query, input.params.id) };
  },
});

// ---- CSV export -----------------------------------------------------------------------------

const LIST_COLUMNS: Record<Exclude<Column, 'metadata'>, (item: WorkOrderListItem) => unknown> = {
  name: (item) => item.name,
  id: (item) => item.id,
  site_id: (item) => item.site_id,
  app_version_id: (item) => item.app_version_id,
  field_engineer_email: (item) => item.field_engineer_email,
  field_engineer_name: (item) => item.field_engineer_name,
  user_group_ids: (item) => item.user_group_ids.join('|'),
  work_order_types: (item) => item.work_order_types.join('|'),
  tags: (item) => item.tags.join('|'),
  create_date: (item) => item.create_date,
  update_date: (item) => item.update_date,
  review_date: (item) => item.review_date,
  reviewed_at: (item) => item.reviewed_at,
  progress_score: (item) => item.progress_score,
  tasks_validated: (item) => item.tasks_validated,
  tasks_not_validated: (item) => item.tasks_not_validated,
  tasks_not_analyzed: (item) => item.tasks_not_analyzed,
  tasks_corrected: (item) => item.tasks_corrected,
  conformity_errors: (item) => item.conformity_errors,
  review_status: (item) => item.review_status,
};

/**
 * A spreadsheet executes a cell starting with = + - @ (or tab / CR) as a formula (CSV
 * injection): such text cells get a leading apostrophe. Numbers are left alone.
 */
export function csvSafe(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Names (and any text) are exported exactly as they are: a value with leading or trailing
 * spaces is quoted, so no spreadsheet program trims it on the way in.
 */
const CSV_OPTIONS = { quoted_match: /^\s|\s$/ };

/**
 * GET /api/work-orders/export — every work order matching the filter (no cap), in the list's
 * sort order, as CSV streamed in batches: the visible columns, plus one column per metadata
 * key when the metadata column is shown. Audited (who exported what filter, how many rows).
 */
export const exportWorkOrdersCsv = operation({
  role: 'viewer',
  input: { query: workOrderQuery },
  async run({ user, input, ctx }): Promise<{ stream: ReadableStream<Uint8Array>; filename: string; total: number }> {
    const query = input.query;
    const db = await getDb();
    const total = await countWorkOrders(db, query);
    const columns = query.columns.includes('id') ? query.columns : (['id', ...query.columns] as Column[]);
    const metadataKeys = columns.includes('metadata') ? (await getFacets(db)).metadataKeys : [];
    const header = [
      ...columns.filter((column) => column !== 'metadata'),
      ...metadataKeys.map((key) => `metadata.${key}`),
    ];
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'work_orders_exported',
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { query: toQueryString(query, ['page', 'pageSize']), total },
    });

    const encoder = new TextEncoder();
    const batches = streamWorkOrders(db, query);
    const fields = columns.filter((column): column is Exclude<Column, 'metadata'> => column !== 'metadata');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        // A BOM so spreadsheet programs read UTF-8; the header even when nothing matches.
        controller.enqueue(encoder.encode(`\uFEFF${stringify([header], CSV_OPTIONS)}`));
      },
      async pull(controller) {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        const lines = next.value.map((row) => {
          const item = toListItem(row);
          return [...fields.map((column) => csvSafe(LIST_COLUMNS[column](item))), ...metadataKeys.map((key) => csvSafe(item.metadata[key]))];
        });
        controller.enqueue(encoder.encode(stringify(lines, CSV_OPTIONS)));
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    return { stream, filename: `work-orders-${stamp}.csv`, total };
  },
});
