import 'server-only';
import { recordAudit } from '@/lib/server/audit';
import { csvFilename, csvSafe, csvStream } from '@/lib/server/csv';
import { getDb, type Db } from '@/lib/server/db/client';
import { getFacets, metadataValues } from '@/lib/server/index/facets';
import { countWorkOrders, scoped, searchPage, streamWorkOrders, type IndexListRow, type ScopedQuery } from '@/lib/server/index/search';
import { indexStatus } from '@/lib/server/index/sync-status';
import { DEFAULT_QUERY, toQueryString, MAX_TEXT, type Column } from '@/lib/shared/work-order-filters';
import type { IndexSyncSummary, WorkOrderFacetsDto, WorkOrderListItem, WorkOrderSearchResult } from '@/lib/shared/work-order-list';
import { operation } from './operation';
import { searchParamsSchema, workOrderQuery } from './validation';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toListItem(row: IndexListRow): WorkOrderListItem {
  return {
    id: row.id,
    name: row.name,
    siteId: row.siteId,
    appVersionId: row.appVersionId,
    metadata: row.metadata,
    tags: row.tags,
    workOrderTypes: row.workOrderTypes,
    fieldEngineerEmail: row.fieldEngineerEmail,
    fieldEngineerName: row.fieldEngineerName,
    userGroupIds: row.userGroupIds,
    // Field Review's stand-ins (first seen, last change seen) sort the list, but are not shown as the upstream's dates.
    createDate: row.createDateKnown ? row.createDate.toISOString() : null,
    updateDate: row.updateDateKnown ? row.updateDate.toISOString() : null,
    reviewDate: iso(row.reviewDate),
    reviewedAt: iso(row.reviewedAt),
    reviewStatus: row.reviewStatus === 'reviewed' ? 'reviewed' : 'to_review',
    progressScore: row.progressScore,
    tasksTotal: row.tasksTotal,
    tasksValidated: row.tasksValidated,
    tasksNotValidated: row.tasksNotValidated,
    tasksNotAnalyzed: row.tasksNotAnalyzed,
    tasksCorrected: row.tasksCorrected,
    conformityErrors: row.conformityErrors,
    doubtScore: row.doubtScore,
    doubtReasons: row.doubtReasons,
    syncedAt: row.syncedAt.toISOString(),
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
  scope: 'list',
  input: { query: workOrderQuery },
  async run({ scope, input }): Promise<WorkOrderSearchResult> {
    const db = await getDb();
    const [page, facets, sync] = [await runSearch(db, scoped(input.query, scope)), await getFacets(db, scope), await syncSummary()];
    // "N work orders indexed" counts the user's own teams' only: the site's total is not theirs to know.
    const total = scope.all ? sync.total : await countWorkOrders(db, scoped({ ...DEFAULT_QUERY, review: 'all' }, scope));
    return { ...page, facets, sync: { ...sync, total } };
  },
});

/** The search itself, after authorization (the benchmark times this against raw SQL). */
export async function runSearch(db: Db, query: ScopedQuery): Promise<Pick<WorkOrderSearchResult, 'rows' | 'total' | 'page' | 'pageSize' | 'query'>> {
  const { rows, total } = await searchPage(db, query);
  return { rows: rows.map(toListItem), total, page: query.page, pageSize: query.pageSize, query: toQueryString(query) };
}

/** Values already used in the index (metadata keys, tags, types, groups, engineers). */
export const getWorkOrderFacets = operation({
  role: 'viewer',
  scope: 'list',
  async run({ scope }): Promise<WorkOrderFacetsDto> {
    return getFacets(await getDb(), scope);
  },
});

const metadataKeyQuery = searchParamsSchema((params) => {
  const key = params.get('key')?.trim() ?? '';
  const fields: Record<string, string> = {};
  for (const name of params.keys()) if (name !== 'key') fields[name] = 'unknown_field';
  if (!key) fields.key = 'required';
  else if (key.length > MAX_TEXT) fields.key = 'too_long';
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value: key };
});

/** GET /api/work-orders/metadata-values?key= — suggestions once a metadata key is chosen. */
export const suggestMetadataValues = operation({
  role: 'viewer',
  scope: 'list',
  input: { query: metadataKeyQuery },
  async run({ scope, input }): Promise<{ values: string[] }> {
    return { values: await metadataValues(await getDb(), input.query, scope) };
  },
});

export { csvSafe };

// ---- CSV export -----------------------------------------------------------------------------

/**
 * The export's header names the columns as the API names the fields (`progress_score`,
 * `field_engineer_email`, then `metadata.<key>`): a CSV is a file people keep and feed to their
 * own spreadsheets and scripts, so its header stays what it has always been, whatever our own
 * JSON calls the field.
 */
const CSV_HEADERS: Record<Exclude<Column, 'metadata'>, string> = {
  name: 'name',
  id: 'id',
  siteId: 'site_id',
  appVersionId: 'app_version_id',
  fieldEngineerEmail: 'field_engineer_email',
  fieldEngineerName: 'field_engineer_name',
  userGroupIds: 'user_group_ids',
  workOrderTypes: 'work_order_types',
  tags: 'tags',
  createDate: 'create_date',
  updateDate: 'update_date',
  reviewDate: 'review_date',
  reviewedAt: 'reviewed_at',
  progressScore: 'progress_score',
  tasksValidated: 'tasks_validated',
  tasksNotValidated: 'tasks_not_validated',
  tasksNotAnalyzed: 'tasks_not_analyzed',
  tasksCorrected: 'tasks_corrected',
  conformityErrors: 'conformity_errors',
  reviewStatus: 'review_status',
  doubtScore: 'doubt_score',
};

/** A list cell as CSV: list values joined with `|`. */
function csvValue(item: WorkOrderListItem, column: Exclude<Column, 'metadata'>): unknown {
  const value = item[column];
  return Array.isArray(value) ? value.join('|') : value;
}

/**
 * GET /api/work-orders/export — every work order matching the filter (no cap), in the list's
 * sort order, as CSV streamed in batches: the visible columns, plus one column per metadata
 * key when the metadata column is shown. Audited (who exported what filter, how many rows).
 */
export const exportWorkOrdersCsv = operation({
  role: 'viewer',
  scope: 'list',
  input: { query: workOrderQuery },
  async run({ user, scope, input, ctx }): Promise<{ stream: ReadableStream<Uint8Array>; filename: string; total: number }> {
    const query = scoped(input.query, scope);
    const db = await getDb();
    const total = await countWorkOrders(db, query);
    const columns = query.columns.includes('id') ? query.columns : (['id', ...query.columns] as Column[]);
    const metadataKeys = columns.includes('metadata') ? (await getFacets(db, scope)).metadataKeys : [];
    const fields = columns.filter((column): column is Exclude<Column, 'metadata'> => column !== 'metadata');
    const header = [...fields.map((column) => CSV_HEADERS[column]), ...metadataKeys.map((key) => `metadata.${key}`)];
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'work_orders_exported',
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { query: toQueryString(query, ['page', 'pageSize']), total },
    });

    const stream = csvStream(header, streamWorkOrders(db, query), (row) => {
      const item = toListItem(row);
      return [...fields.map((column) => csvSafe(csvValue(item, column))), ...metadataKeys.map((key) => csvSafe(item.metadata[key]))];
    });
    return { stream, filename: csvFilename('work-orders'), total };
  },
});
