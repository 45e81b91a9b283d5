import 'server-only';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { getDb, withAdvisoryLock, type Db } from '@/lib/server/db/client';
import { indexSyncState, workOrderIndex } from '@/lib/server/db/schema';
import { deepomatic } from '@/lib/server/deepomatic';
import type { WorkOrder, WorkOrderSummary } from '@/lib/server/deepomatic/types';
import { isAppError } from '@/lib/server/http/errors';
import { invalidateFacets } from './facets';
import { vacuumChangedTables } from './maintenance';
import { upsertIndexRows } from './index';
import { summaryToRow, workOrderToRow } from './row';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';

/**
 * Keeps the index in step with the upstream.
 *
 * - `full`: walks the whole upstream list (oldest first), upserts every summary, fetches the
 *   detail (task counts, conformity errors) of rows that are new or changed, then deletes the
 *   rows the walk did not see (deleted upstream). It is also the periodic reconciliation: on
 *   an up-to-date index it costs list pages only. Checkpointed per page: after an upstream
 *   failure the next run resumes from the page it reached, with the same generation.
 * - `incremental`: lists what changed since the watermark (`updated_after`, inclusive, so a
 *   tie is re-read rather than missed) and refreshes those rows.
 *
 * Everything is an upsert keyed by id: re-running a page never duplicates a row. One
 * instance at a time (advisory lock), so several app instances can share one database.
 */

export type SyncJob = 'full' | 'incremental';

export interface SyncResult {
  job: SyncJob;
  status: 'completed' | 'failed' | 'busy';
  indexed: number;
  removed: number;
  error?: string;
}

export interface SyncOptions {
  /** Upstream page size for the list walk (max 1000). */
  pageSize?: number;
  /** Detail GETs in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
}

const LOCK_KEY = 'field-review:index-sync';
const DEFAULT_PAGE_SIZE = 500;
/** Detail GETs in flight at once by default. */
export const DEFAULT_SYNC_CONCURRENCY = 8;
/** A safety bound on one run's list walk (1000 pages × 1000 = 1M work orders). */
const MAX_PAGES = 10_000;

async function loadState(db: Db, job: SyncJob) {
  const [row] = await db.select().from(indexSyncState).where(eq(indexSyncState.job, job));
  if (row) return row;
  const [created] = await db.insert(indexSyncState).values({ job }).onConflictDoNothing().returning();
  return created ?? (await db.select().from(indexSyncState).where(eq(indexSyncState.job, job)))[0];
}

async function saveState(db: Db, job: SyncJob, values: Partial<typeof indexSyncState.$inferInsert>) {
  await db
    .update(indexSyncState)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(indexSyncState.job, job));
}

function errorCode(error: unknown): string {
  return isAppError(error) ? error.code : 'internal_error';
}

/** Runs `task` over `items`, at most `limit` at once; the first failure rejects. */
async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Detail GETs for the summaries whose row is missing, has no counts yet, or changed upstream.
 * A work order gone between list and detail (404) is dropped from the index.
 */
async function refreshDetails(
  db: Db,
  summaries: WorkOrderSummary[],
  options: SyncOptions,
  generation: number,
): Promise<{ indexed: number; removed: number }> {
  if (summaries.length === 0) return { indexed: 0, removed: 0 };
  const known = await db
    .select({ id: workOrderIndex.id, updateDate: workOrderIndex.updateDate, detailSyncedAt: workOrderIndex.detailSyncedAt })
    .from(workOrderIndex)
    .where(
      inArray(
        workOrderIndex.id,
        summaries.map((summary) => summary.id),
      ),
    );
  const fresh = new Map(known.map((row) => [row.id, row]));
  const stale = summaries.filter((summary) => {
    const row = fresh.get(summary.id);
    return !row || row.detailSyncedAt === null || row.updateDate.getTime() !== new Date(summary.update_date).getTime();
  });
  const details = await mapBounded(stale, options.concurrency ?? DEFAULT_SYNC_CONCURRENCY, async (summary) => {
    try {
      return await deepomatic.getWorkOrder(summary.id, { includeInputs: true }, { signal: options.signal });
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') return summary.id;
      throw error;
    }
  });
  const workOrders = details.filter((detail): detail is WorkOrder => typeof detail !== 'string');
  const gone = details.filter((detail): detail is string => typeof detail === 'string');
  const now = new Date();
  const detailIds = new Set(workOrders.map((workOrder) => workOrder.id));
  const rows = [
    ...workOrders.map((workOrder) => workOrderToRow(workOrder, now)),
    ...summaries.filter((summary) => !detailIds.has(summary.id) && !gone.includes(summary.id)).map((summary) => summaryToRow(summary, now)),
  ].map((row) => ({ ...row, seenGeneration: generation }));
  await upsertIndexRows(db, rows);
  await indexWorkOrderTasks(db, workOrders); // the overview's per-task rows
  if (gone.length > 0) await db.delete(workOrderIndex).where(inArray(workOrderIndex.id, gone));
  return { indexed: rows.length, removed: gone.length };
}

async function runFull(db: Db, options: SyncOptions): Promise<{ indexed: number; removed: number }> {
  const state = await loadState(db, 'full');
  const resuming = state.checkpointPage !== null && state.startedAt !== null;
  const generation = resuming ? state.generation : state.generation + 1;
  const startedAt = resuming ? state.startedAt! : new Date();
  let page = resuming ? state.checkpointPage! : 1;
  if (!resuming) await saveState(db, 'full', { generation, startedAt, checkpointPage: 1 });

  let indexed = 0;
  let removed = 0;
  let newest = state.watermark?.getTime() ?? 0;
  for (let walked = 0; walked < MAX_PAGES; walked += 1) {
    options.signal?.throwIfAborted();
    const list = await deepomatic.listWorkOrders(
      { page, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, ordering: 'create_date' },
      { signal: options.signal },
    );
    const counts = await refreshDetails(db, list.results, options, generation);
    indexed += counts.indexed;
    removed += counts.removed;
    for (const summary of list.results) newest = Math.max(newest, new Date(summary.update_date).getTime());
    if (list.nextPage === null || list.results.length === 0) break;
    page = list.nextPage;
    await saveState(db, 'full', { checkpointPage: page });
  }

  // Rows not seen by this walk and not refreshed since it started were deleted upstream.
  const deleted = await db
    .delete(workOrderIndex)
    .where(and(lt(workOrderIndex.seenGeneration, generation), lt(workOrderIndex.syncedAt, startedAt)))
    .returning({ id: workOrderIndex.id });
  removed += deleted.length;

  // The walk saw every change up to its start: incremental syncs continue from there.
  const watermark = new Date(Math.min(newest || startedAt.getTime(), startedAt.getTime()));
  const incremental = await loadState(db, 'incremental');
  if (!incremental.watermark || incremental.watermark < watermark) {
    await saveState(db, 'incremental', { watermark });
  }
  await saveState(db, 'full', { checkpointPage: null, startedAt: null, watermark: new Date(newest || Date.now()) });
  return { indexed, removed };
}

async function runIncremental(db: Db, options: SyncOptions): Promise<{ indexed: number; removed: number }> {
  const state = await loadState(db, 'incremental');
  if (!state.watermark) return runFull(db, options);
  let watermark = state.watermark;
  let indexed = 0;
  let removed = 0;
  let page = 1;
  for (let walked = 0; walked < MAX_PAGES; walked += 1) {
    options.signal?.throwIfAborted();
    const list = await deepomatic.listWorkOrders(
      { page, pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, ordering: 'update_date', updatedAfter: state.watermark },
      { signal: options.signal },
    );
    const counts = await refreshDetails(db, list.results, options, (await loadState(db, 'full')).generation);
    indexed += counts.indexed;
    removed += counts.removed;
    // Oldest change first: after each page everything up to its newest row is in the index.
    for (const summary of list.results) {
      const updated = new Date(summary.update_date);
      if (updated > watermark) watermark = updated;
    }
    await saveState(db, 'incremental', { watermark });
    if (list.nextPage === null || list.results.length === 0) break;
    page = list.nextPage;
  }
  return { indexed, removed };
}

/** Runs one sync job now if no one else is syncing. Never throws for an upstream failure. */
export async function runSync(job: SyncJob, options: SyncOptions = {}): Promise<SyncResult> {
  const db = await getDb();
  const started = Date.now();
  const outcome = await withAdvisoryLock(LOCK_KEY, async (): Promise<SyncResult> => {
    await loadState(db, job);
    await saveState(db, job, { lastError: null });
    try {
      const full = await loadState(db, 'full');
      // A full walk interrupted earlier takes precedence: finish it first.
      const counts = job === 'full' || full.checkpointPage !== null ? await runFull(db, options) : await runIncremental(db, options);
      await saveState(db, job, {
        lastSuccessAt: new Date(),
        lastIndexed: counts.indexed,
        lastRemoved: counts.removed,
        lastDurationMs: Date.now() - started,
      });
      return { job, status: 'completed', ...counts };
    } catch (error) {
      const code = errorCode(error);
      console.error(`[index] ${job} sync failed:`, code, isAppError(error) ? '' : error);
      await saveState(db, job, { lastError: code, lastErrorAt: new Date(), lastDurationMs: Date.now() - started });
      return { job, status: 'failed', indexed: 0, removed: 0, error: code };
    } finally {
      invalidateFacets();
      // Also after a failure: a half-done full walk has written rows too.
      await vacuumChangedTables(db).catch((error: unknown) => console.error('[index] vacuum failed:', error));
    }
  });
  return outcome.acquired ? outcome.value : { job, status: 'busy', indexed: 0, removed: 0 };
}

export interface IndexStatus {
  total: number;
  jobs: {
    job: SyncJob;
    running: boolean;
    lastSuccessAt: string | null;
    lastErrorAt: string | null;
    lastError: string | null;
    lastIndexed: number;
    lastRemoved: number;
    lastDurationMs: number | null;
    resumeFromPage: number | null;
  }[];
  /** The later of the two jobs' last success: what "last synced" shows. */
  lastSyncedAt: string | null;
}

export async function indexStatus(db: Db): Promise<IndexStatus> {
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(workOrderIndex);
  const rows = await db.select().from(indexSyncState);
  const jobs = (['full', 'incremental'] as const).map((job) => {
    const row = rows.find((candidate) => candidate.job === job);
    return {
      job,
      running: running.has(job),
      lastSuccessAt: row?.lastSuccessAt?.toISOString() ?? null,
      lastErrorAt: row?.lastErrorAt?.toISOString() ?? null,
      lastError: row?.lastError ?? null,
      lastIndexed: row?.lastIndexed ?? 0,
      lastRemoved: row?.lastRemoved ?? 0,
      lastDurationMs: row?.lastDurationMs ?? null,
      resumeFromPage: job === 'full' ? (row?.checkpointPage ?? null) : null,
    };
  });
  const successes = jobs.map((job) => job.lastSuccessAt).filter((at): at is string => at !== null);
  return { total, jobs, lastSyncedAt: successes.sort().at(-1) ?? null };
}

// ---- the background loop -------------------------------------------------------------------

const running = new Set<SyncJob>();

/** Starts `job` in the background unless this process already runs it; true if started. */
export function startSync(job: SyncJob, options: SyncOptions = {}): boolean {
  if (running.has(job)) return false;
  running.add(job);
  void runSync(job, options)
    .catch((error: unknown) => console.error('[index] sync crashed:', error))
    .finally(() => running.delete(job));
  return true;
}

const LOOP_KEY = Symbol.for('field-review.index-sync-loop');
type GlobalWithLoop = typeof globalThis & { [LOOP_KEY]?: { stop(): void } };

function intervalFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 1_000 ? value : fallback;
}

/**
 * The periodic sync, once per process (dev reloads reuse it): a full walk at start (resuming
 * if interrupted) and every `INDEX_RECONCILE_INTERVAL_MS` (default 15 min, deletion
 * detection), incremental every `INDEX_SYNC_INTERVAL_MS` (default 60 s). Off with
 * `INDEX_SYNC=off`. Timers are unref'd so they never keep the process alive.
 */
export function startIndexSyncLoop(): { stop(): void } {
  const store = globalThis as GlobalWithLoop;
  if (store[LOOP_KEY]) return store[LOOP_KEY];
  if (process.env.INDEX_SYNC === 'off' || !process.env.DEEPOMATIC_API_URL) {
    const noop = { stop() {} };
    store[LOOP_KEY] = noop;
    return noop;
  }
  const incrementalMs = intervalFromEnv('INDEX_SYNC_INTERVAL_MS', 60_000);
  const reconcileMs = intervalFromEnv('INDEX_RECONCILE_INTERVAL_MS', 15 * 60_000);
  startSync('full');
  const incremental = setInterval(() => {
    if (!running.has('full')) startSync('incremental');
  }, incrementalMs);
  const reconcile = setInterval(() => startSync('full'), reconcileMs);
  incremental.unref();
  reconcile.unref();
  const loop = {
    stop() {
      clearInterval(incremental);
      clearInterval(reconcile);
      delete store[LOOP_KEY];
    },
  };
  store[LOOP_KEY] = loop;
  return loop;
}
