import 'server-only';
import { eq, lte, sql } from 'drizzle-orm';
import { getDb, withAdvisoryLock, type Db } from '@/lib/server/db/client';
import { indexSyncSeen, indexSyncState, workOrderIndex, workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import { deepomatic, ignoresUpdatedAfter } from '@/lib/server/deepomatic';
import { listedSummary } from '@/lib/server/deepomatic/schemas';
import type { WorkOrder, WorkOrderListRow, WorkOrderPage, WorkOrderSummary } from '@/lib/server/deepomatic/types';
import { isAppError } from '@/lib/server/http/errors';
import { INSTANCE_ID } from '@/lib/server/instance';
import { logger } from '@/lib/server/logger';
import { withLogContext } from '@/lib/server/log-context';
import { recordIndexSyncError } from '@/lib/server/metrics/index-sync';
import { invalidateFacets } from './facets';
import { ListObserver, listsOlderThan, mergeFindings, pageBound, type ListFindings } from './list-findings';
import { vacuumChangedTables } from './maintenance';
import { isDataError, upsertIndexRows, writeOneByOne } from './write';
import { idIn, yieldToEventLoop } from '@/lib/server/db/sql';
import { summaryHash, summaryToRow, workOrderToRow } from './row';
import { indexWorkOrderTasks } from '@/lib/server/overview/task-index';
import { fillDrawKeys } from '@/lib/server/spot-checks/sample';
import { refreshDoubt } from '@/lib/server/doubt/refresh';
import { inputStats, taskIndexRows, type TaskIndexRow } from '@/lib/server/overview/task-rows';

/**
 * Keeps the index in step with the upstream.
 *
 * - `full`: walks the whole upstream list (oldest first). For each page it reads the detail
 *   (task counts, conformity errors) of work orders that are new or changed (`update_date`),
 *   rewrites the rows of the others only if their summary changed (`summary_hash`), and
 *   records the page's ids in `index_sync_seen`; at the end it reads the rows no page saw
 *   again, one detail GET each, and removes those the upstream answers 404 (deleted). It is
 *   also the periodic reconciliation: on an up-to-date index it costs list pages and one
 *   narrow row per page, and writes no index row. Checkpointed per
 *   page: after an upstream failure the next run resumes from the page it reached, with the
 *   same generation (the pages before it are in `index_sync_seen`).
 * - `incremental`: lists what changed since the watermark (`updated_after`, inclusive, so a
 *   tie is re-read rather than missed) and refreshes those rows.
 *
 * The list and its parameters are not documented, so neither job trusts them blindly
 * (`list-findings.ts`): pages are followed by the site's own `next` links, whatever their
 * size; a list row that lacks summary fields makes the sync read its work order in full; a site
 * that ignores `updated_after` gets a full walk instead of an incremental one; a site that
 * ignores `ordering` gets its watermark moved only after a complete walk. What was detected is
 * recorded with the job's state and shown to admins. On a site that honours all of it, none of
 * this costs a request.
 *
 * Page N+1 is read (list + details) while page N is written. Everything is an upsert keyed by
 * id: re-running a page never duplicates a row. One instance at a time (advisory lock), so
 * several app instances can share one database. Upstream calls use the background bulkhead,
 * so a sync never takes every upstream slot from users.
 */

export type SyncJob = 'full' | 'incremental';

export interface SyncResult {
  job: SyncJob;
  status: 'completed' | 'failed' | 'busy';
  indexed: number;
  removed: number;
  /** Work orders left out because the database refused their data (logged one by one). */
  skipped: number;
  error?: string;
  /** What the run saw of the upstream list's behaviour (absent when it did not run). */
  listFindings?: ListFindings;
}

export interface SyncOptions {
  /** Upstream page size for the list walk (max 1000). */
  pageSize?: number;
  /** Detail GETs in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
}

/** The advisory lock every sync job takes: one run at a time across every instance. */
export const SYNC_LOCK_KEY = 'field-review:index-sync';
const DEFAULT_PAGE_SIZE = 500;
/**
 * Detail GETs in flight at once by default. The calls also go through the client's background
 * bulkhead (`DEEPOMATIC_BACKGROUND_CONCURRENCY`, default 4); more in flight measured slower
 * (bench/sync.bench.ts): the bottleneck is this process's CPU, not the upstream's latency.
 */
export const DEFAULT_SYNC_CONCURRENCY = 4;
/**
 * A safety bound on one run's list walk (1000 pages × 1000 = 1M work orders), raised to twice
 * what the site's own count and page size call for when it pages by fewer rows.
 */
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

/** One list page read from the upstream, with the details the index needs for it. */
interface FetchedPage {
  /** The list page as read (null for the rows read again after a walk). */
  list: WorkOrderPage | null;
  summaries: WorkOrderListRow[];
  /** Work orders whose row was missing, had no counts yet, or changed upstream: read in full. */
  workOrders: WorkOrder[];
  /**
   * Summaries whose row is current but whose summary differs (e.g. a score without a new
   * update_date). Only whole rows: a row lacking a field cannot stand for its work order.
   */
  changedSummaries: WorkOrderSummary[];
  /** Listed, then gone (404) by the time we read the detail. */
  gone: string[];
  /** Ids of `workOrders` whose row already had counts (so task rows) before this read. */
  hadDetail: Set<string>;
  /**
   * What the index row held, for work orders read again only because the upstream gives no
   * update date: such a row is rewritten only if what we index of it changed.
   */
  indexed?: Map<string, string>;
}

/** What an index row says about a work order's detail: its summary and counts, as one comparable string. */
function indexedFacts(row: {
  summaryHash?: string | null;
  tasksTotal?: number | null;
  tasksValidated?: number | null;
  tasksNotValidated?: number | null;
  tasksNotAnalyzed?: number | null;
  tasksCorrected?: number | null;
  conformityErrors?: number | null;
}): string {
  return JSON.stringify([
    row.summaryHash ?? null,
    row.tasksTotal ?? null,
    row.tasksValidated ?? null,
    row.tasksNotValidated ?? null,
    row.tasksNotAnalyzed ?? null,
    row.tasksCorrected ?? null,
    row.conformityErrors ?? null,
  ]);
}

/**
 * Reads what a list page needs: the detail (with inputs: the conformity-error and photo
 * counts live on them) of the work orders that are new or changed since their row was
 * written, and which of the others' summaries differ from what the row was written from.
 * A row whose update date cannot tell (none sent) is always read in full; a row lacking other
 * summary fields is read in full when its update date changed. Nothing is written here, so the
 * next page can be read while the previous one is written.
 */
async function fetchDetails(db: Db, list: WorkOrderPage, options: SyncOptions, signal: AbortSignal | undefined): Promise<FetchedPage> {
  const summaries = list.results;
  const page: FetchedPage = { list, summaries, workOrders: [], changedSummaries: [], gone: [], hadDetail: new Set() };
  if (summaries.length === 0) return page;
  const known = await db
    .select({
      id: workOrderIndex.id,
      updateDate: workOrderIndex.updateDate,
      detailSyncedAt: workOrderIndex.detailSyncedAt,
      summaryHash: workOrderIndex.summaryHash,
      tasksTotal: workOrderIndex.tasksTotal,
      tasksValidated: workOrderIndex.tasksValidated,
      tasksNotValidated: workOrderIndex.tasksNotValidated,
      tasksNotAnalyzed: workOrderIndex.tasksNotAnalyzed,
      tasksCorrected: workOrderIndex.tasksCorrected,
      conformityErrors: workOrderIndex.conformityErrors,
    })
    .from(workOrderIndex)
    .where(
      idIn(
        workOrderIndex.id,
        summaries.map((summary) => summary.id),
      ),
    );
  const rows = new Map(known.map((row) => [row.id, row]));
  const stale: WorkOrderListRow[] = [];
  for (const listed of summaries) {
    const row = rows.get(listed.id);
    if (!row || row.detailSyncedAt === null || !sameUpdate(row.updateDate, listed.update_date)) {
      stale.push(listed);
      if (row?.detailSyncedAt) page.hadDetail.add(listed.id);
      if (row?.detailSyncedAt && listed.update_date === null) (page.indexed ??= new Map()).set(listed.id, indexedFacts(row));
      continue;
    }
    const summary = listedSummary(listed);
    if (summary !== null && row.summaryHash !== summaryHash(summary)) page.changedSummaries.push(summary);
  }
  const details = await readDetails(
    stale.map((summary) => summary.id),
    options,
    signal,
  );
  page.workOrders = details.workOrders;
  page.gone = details.gone;
  return page;
}

/**
 * Whether a list row's `update_date` says the work order is as the index row has it. A site
 * that sends no update date (the API does not document one) gives us no way to tell: the
 * detail is read again on every walk — slower, never stale.
 */
function sameUpdate(indexed: Date, listed: string | null): boolean {
  return listed !== null && indexed.getTime() === new Date(listed).getTime();
}

/** The latest `update_date` of a page, or null when the upstream sends none. */
function newestUpdate(summaries: readonly WorkOrderListRow[]): number | null {
  let newest: number | null = null;
  for (const summary of summaries) {
    if (summary.update_date === null) continue;
    const time = new Date(summary.update_date).getTime();
    if (newest === null || time > newest) newest = time;
  }
  return newest;
}

/**
 * How far behind our clock a watermark taken from it is set when the upstream sends no update
 * dates: a change stamped on the upstream's clock within that margin of ours is re-read rather
 * than missed (the filter is inclusive, re-reading is harmless).
 */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Detail GETs (with inputs) of `ids`; a work order gone upstream (404) lands in `gone`, and so
 * does an index row whose id no upstream work order could have (one bad row must not stop
 * every sync from then on). A work order whose answer cannot be read at all (the client already
 * logged why) is left as the index has it: one unreadable answer never stops the sync.
 */
async function readDetails(
  ids: readonly string[],
  options: SyncOptions,
  signal: AbortSignal | undefined,
): Promise<{ workOrders: WorkOrder[]; gone: string[] }> {
  const details = await mapBounded(ids, options.concurrency ?? DEFAULT_SYNC_CONCURRENCY, async (id) => {
    try {
      return await deepomatic.getWorkOrder(id, { includeInputs: true }, { signal, priority: 'background' });
    } catch (error) {
      if (isAppError(error) && (error.code === 'not_found' || error.code === 'invalid_id')) return id;
      if (isAppError(error) && error.code === 'upstream_invalid_response') return null;
      throw error;
    }
  });
  const workOrders: WorkOrder[] = [];
  const gone: string[] = [];
  for (const detail of details) {
    if (typeof detail === 'string') gone.push(detail);
    else if (detail !== null) workOrders.push(detail);
  }
  return { workOrders, gone };
}

/** One task row's facts as a comparable string (same fields as `work_order_task_index`). */
function taskKey(row: Omit<TaskIndexRow, 'workOrderId'>): string {
  return JSON.stringify([
    row.taskId,
    row.taskName,
    row.taskGroupName,
    row.appVersionId,
    row.conformity,
    row.analyzed,
    row.validated,
    row.aiValidated,
    row.corrected,
  ]);
}

/**
 * The work orders whose per-task rows or photo counts would change: a change upstream that
 * leaves the tasks as they were (metadata, name, engineer) then rewrites no task row.
 */
async function withChangedTasks(db: Db, workOrders: WorkOrder[], hadDetail: Set<string>): Promise<WorkOrder[]> {
  const known = workOrders.filter((workOrder) => hadDetail.has(workOrder.id)).map((workOrder) => workOrder.id);
  if (known.length === 0) return workOrders;
  const [taskRows, statRows] = await Promise.all([
    db.select().from(workOrderTaskIndex).where(idIn(workOrderTaskIndex.workOrderId, known)),
    db.select().from(workOrderInputStats).where(idIn(workOrderInputStats.workOrderId, known)),
  ]);
  const storedTasks = new Map<string, string[]>();
  for (const row of taskRows) {
    const keys = storedTasks.get(row.workOrderId) ?? [];
    keys.push(taskKey(row));
    storedTasks.set(row.workOrderId, keys);
  }
  const storedStats = new Map(statRows.map((row) => [row.workOrderId, `${row.inputs}/${row.retakes}`]));
  return workOrders.filter((workOrder) => {
    if (!hadDetail.has(workOrder.id)) return true;
    const stored = (storedTasks.get(workOrder.id) ?? []).sort().join('\n');
    const read = taskIndexRows(workOrder).map(taskKey).sort().join('\n');
    if (stored !== read) return true;
    const stats = inputStats(workOrder);
    return stats !== null && storedStats.get(workOrder.id) !== `${stats.inputs}/${stats.retakes}`;
  });
}

/**
 * Writes what `fetchDetails` read: only rows that are new or changed. A work order whose data
 * the database refuses is left out and counted in `skipped` (see `upsertIndexRows`).
 */
async function writePage(db: Db, page: FetchedPage, generation: number): Promise<{ indexed: number; removed: number; skipped: number }> {
  const now = new Date();
  const changedTasks = await withChangedTasks(db, page.workOrders, page.hadDetail);
  const tasksChanged = new Set(changedTasks.map((workOrder) => workOrder.id));
  const rows = [
    ...page.workOrders
      .map((workOrder) => workOrderToRow(workOrder, now))
      // Read again for want of an update date, and found as indexed: nothing to write.
      .filter((row) => tasksChanged.has(row.id) || page.indexed?.get(row.id) !== indexedFacts(row)),
    ...page.changedSummaries.map((summary) => summaryToRow(summary, now)),
  ].map((row) => ({ ...row, seenGeneration: generation }));
  await yieldToEventLoop();
  const { skipped } = await upsertIndexRows(db, rows);
  const left = new Set(skipped);
  // The per-task rows hang off the index row: none for a work order left out.
  const tasks = changedTasks.filter((workOrder) => !left.has(workOrder.id));
  try {
    await indexWorkOrderTasks(db, tasks); // the overview's per-task rows
  } catch (error) {
    if (!isDataError(error)) throw error;
    for (const id of await writeOneByOne(db, tasks, error, (workOrder) => indexWorkOrderTasks(db, [workOrder]))) left.add(id);
  }
  await yieldToEventLoop();
  if (page.gone.length > 0) await db.delete(workOrderIndex).where(idIn(workOrderIndex.id, page.gone));
  return { indexed: rows.length - skipped.length, removed: page.gone.length, skipped: left.size };
}

/** Where a walk starts: a page number, or a first page already read (its details are not). */
type WalkStart = { page: number } | { list: WorkOrderPage };

/**
 * Walks list pages from `start`, following the site's `next` links (whatever its page size or
 * pagination), reading page N+1 (list and details) while page N is written: the upstream works
 * while we write. `observer` sees each page before it is written; `onPage` runs after each page
 * is written, in order, with the page's ordinal in the walk (its page number when the walk
 * started from one: pages are consecutive). The walk stops after the last page or the bound.
 */
async function walkPages(
  db: Db,
  start: WalkStart,
  params: { ordering: 'create_date' | 'update_date'; updatedAfter?: Date },
  options: SyncOptions,
  observer: ListObserver,
  onPage: (ordinal: number, fetched: FetchedPage) => Promise<void>,
): Promise<void> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const prefetch = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, prefetch.signal]) : prefetch.signal;
  const background = { signal, priority: 'background' } as const;
  const read = (from: { page: number } | { cursor: string } | { list: WorkOrderPage }) => {
    const listing =
      'list' in from
        ? Promise.resolve(from.list)
        : deepomatic.listWorkOrders('cursor' in from ? { cursor: from.cursor } : { page: from.page, pageSize, ...params }, background);
    const reading = listing.then((list) => fetchDetails(db, list, options, signal));
    reading.catch(() => undefined); // awaited below; never an unhandled rejection if we stop first
    return reading;
  };
  try {
    const firstOrdinal = 'page' in start ? start.page : 1;
    let reading = read(start);
    let bound = MAX_PAGES;
    for (let walked = 0; walked < bound; walked += 1) {
      options.signal?.throwIfAborted();
      const fetched = await reading;
      const list = fetched.list!;
      if (walked === 0) bound = pageBound(list.count, list.results.length, MAX_PAGES);
      observer.page(list);
      const last = list.nextCursor === null || list.results.length === 0 || walked + 1 >= bound;
      if (!last) reading = read({ cursor: list.nextCursor! });
      await onPage(firstOrdinal + walked, fetched);
      if (last) return;
    }
  } finally {
    prefetch.abort(); // a page read ahead of a failure is not needed any more
  }
}

/** The list observers of one run: what the run saw of the list, whichever walks it made. */
class SyncRun {
  private readonly observers: ListObserver[] = [];

  observe(asked: ConstructorParameters<typeof ListObserver>[0]): ListObserver {
    const observer = new ListObserver(asked);
    this.observers.push(observer);
    return observer;
  }

  findings(): ListFindings {
    return mergeFindings(...this.observers.map((observer) => observer.findings));
  }
}

type SyncCounts = { indexed: number; removed: number; skipped: number };

async function runFull(db: Db, options: SyncOptions, run: SyncRun): Promise<SyncCounts> {
  const state = await loadState(db, 'full');
  const resuming = state.checkpointPage !== null && state.startedAt !== null;
  const generation = resuming ? state.generation : state.generation + 1;
  const startedAt = resuming ? state.startedAt! : new Date();
  const firstPage = resuming ? state.checkpointPage! : 1;
  if (!resuming) {
    await db.delete(indexSyncSeen); // what an abandoned walk saw
    await saveState(db, 'full', { generation, startedAt, checkpointPage: 1 });
  }

  let indexed = 0;
  let removed = 0;
  let skipped = 0;
  let newest = state.watermark?.getTime() ?? 0;
  let datesSeen = false;
  const observer = run.observe({ pageSize: options.pageSize ?? DEFAULT_PAGE_SIZE, sortedBy: 'create_date' });
  await walkPages(db, { page: firstPage }, { ordering: 'create_date' }, options, observer, async (page, fetched) => {
    const counts = await writePage(db, fetched, generation);
    indexed += counts.indexed;
    removed += counts.removed;
    skipped += counts.skipped;
    const pageNewest = newestUpdate(fetched.summaries);
    if (pageNewest !== null) datesSeen = true;
    newest = Math.max(newest, pageNewest ?? 0);
    // What this page saw, then the checkpoint: a resumed walk knows both (re-walking a page
    // replaces its row, so a failure between the two statements duplicates nothing).
    const ids = fetched.summaries.map((summary) => summary.id);
    await db
      .insert(indexSyncSeen)
      .values({ generation, page, ids })
      .onConflictDoUpdate({ target: [indexSyncSeen.generation, indexSyncSeen.page], set: { ids: sql`excluded.ids` } });
    // A site that pages otherwise than by number gives no page to resume from: a failed walk
    // then starts again from the first page.
    const next = fetched.list?.nextPage ?? null;
    if (next !== null && fetched.summaries.length > 0) await saveState(db, 'full', { checkpointPage: next });
  });

  // Rows no page of this walk saw, and not written since it started: deleted upstream, or
  // skipped by the walk (page numbers shift when the upstream deletes a work order during the
  // walk). The upstream settles each one: 404 → removed, else written again.
  const unseen = (
    (await db.execute(sql`
      with seen as materialized (
        select unnest(ids) as id from ${indexSyncSeen} where generation = ${generation}
      )
      select w.id from ${workOrderIndex} w
       where w.synced_at < ${startedAt.toISOString()}::timestamptz
         and not exists (select 1 from seen where seen.id = w.id)`)) as unknown as { rows: { id: string }[] }
  ).rows.map((row) => row.id);
  const chunk = options.pageSize ?? DEFAULT_PAGE_SIZE;
  for (let start = 0; start < unseen.length; start += chunk) {
    options.signal?.throwIfAborted();
    const ids = unseen.slice(start, start + chunk);
    const { workOrders, gone } = await readDetails(ids, options, options.signal);
    const counts = await writePage(db, { list: null, summaries: [], workOrders, changedSummaries: [], gone, hadDetail: new Set(ids) }, generation);
    indexed += counts.indexed;
    removed += counts.removed;
    skipped += counts.skipped;
  }
  await db.delete(indexSyncSeen).where(lte(indexSyncSeen.generation, generation));

  // The walk saw every change up to its start: incremental syncs continue from there (from our
  // own clock, less a margin, when the upstream sends no update dates).
  const watermark = datesSeen
    ? new Date(Math.min(newest || startedAt.getTime(), startedAt.getTime()))
    : new Date(startedAt.getTime() - CLOCK_MARGIN_MS);
  const incremental = await loadState(db, 'incremental');
  if (!incremental.watermark || incremental.watermark < watermark) {
    await saveState(db, 'incremental', { watermark });
  }
  await saveState(db, 'full', { checkpointPage: null, startedAt: null, watermark: new Date(newest || Date.now()) });
  return { indexed, removed, skipped };
}

async function runIncremental(db: Db, options: SyncOptions, run: SyncRun): Promise<SyncCounts> {
  const state = await loadState(db, 'incremental');
  if (!state.watermark) return runFull(db, options, run);
  const full = await loadState(db, 'full');
  const startedAt = Date.now();
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const params = { ordering: 'update_date', updatedAfter: state.watermark } as const;
  const observer = run.observe({ pageSize, sortedBy: 'update_date', updatedAfter: state.watermark });
  const first = await deepomatic.listWorkOrders({ page: 1, pageSize, ...params }, { signal: options.signal, priority: 'background' });
  if (await listsEverything(first, state.watermark, options)) {
    observer.noteUpdatedAfterIgnored();
    // The "changes" are the whole list: walk it as the full sync does, deletions included.
    return runFull(db, options, run);
  }
  // Pages oldest change first: after each page everything up to its newest row is in the
  // index, so the watermark can move page by page. Not on a site either job saw ignoring
  // `ordering`, nor once this walk sees a page out of order: a later page may then hold older
  // changes.
  const orderTrusted = !mergeFindings(state.listFindings, full.listFindings).orderingIgnored;
  let newest = state.watermark.getTime();
  let datesSeen = false;
  let indexed = 0;
  let removed = 0;
  let skipped = 0;
  await walkPages(db, { list: first }, params, options, observer, async (_ordinal, fetched) => {
    const counts = await writePage(db, fetched, full.generation);
    indexed += counts.indexed;
    removed += counts.removed;
    skipped += counts.skipped;
    const pageNewest = newestUpdate(fetched.summaries);
    if (pageNewest === null) return;
    datesSeen = true;
    if (pageNewest <= newest) return;
    newest = pageNewest;
    if (orderTrusted && observer.inOrder) await saveState(db, 'incremental', { watermark: new Date(newest) });
  });
  // The walk is complete: every change up to the newest it saw is in (up to our clock, less a
  // margin, when the rows carry no update dates).
  const watermark = datesSeen ? new Date(newest) : new Date(startedAt - CLOCK_MARGIN_MS);
  if (watermark > state.watermark) await saveState(db, 'incremental', { watermark });
  return { indexed, removed, skipped };
}

/**
 * Whether the first page of an incremental list shows that the site ignored `updated_after`:
 * rows updated before it, or — when rows carry no update date — a list of tomorrow's changes
 * that is not empty (one small request, only then).
 */
async function listsEverything(first: WorkOrderPage, watermark: Date, options: SyncOptions): Promise<boolean> {
  if (listsOlderThan(first.results, watermark)) return true;
  if (first.results.length === 0 || first.results.some((row) => row.update_date !== null)) return false;
  return ignoresUpdatedAfter({ signal: options.signal, priority: 'background' });
}

/**
 * Runs one sync job now if no one else is syncing. Never throws for an upstream failure. Its
 * log lines name the job (`index-sync-full`), as no request id can.
 */
export function runSync(job: SyncJob, options: SyncOptions = {}): Promise<SyncResult> {
  return withLogContext({ job: `index-sync-${job}` }, () => runSyncNow(job, options));
}

async function runSyncNow(job: SyncJob, options: SyncOptions): Promise<SyncResult> {
  const db = await getDb();
  const started = Date.now();
  const outcome = await withAdvisoryLock(SYNC_LOCK_KEY, async (): Promise<SyncResult> => {
    const previous = await loadState(db, job);
    // Holding the lock, no other run is under way: a name left by an instance stopped mid-run goes.
    await db.update(indexSyncState).set({ runningOn: null });
    await saveState(db, job, { lastError: null, runningOn: INSTANCE_ID });
    const run = new SyncRun();
    // Whether the site-wide rates the doubt score reads may have moved (a full walk: also time).
    let indexChanged = true;
    try {
      const full = await loadState(db, 'full');
      // A full walk interrupted earlier takes precedence: finish it first.
      const counts = job === 'full' || full.checkpointPage !== null ? await runFull(db, options, run) : await runIncremental(db, options, run);
      indexChanged = job === 'full' || counts.indexed + counts.removed > 0;
      const listFindings = run.findings();
      await saveState(db, job, {
        lastSuccessAt: new Date(),
        lastIndexed: counts.indexed,
        lastRemoved: counts.removed,
        lastSkipped: counts.skipped,
        lastDurationMs: Date.now() - started,
        listFindings,
        lastRunOn: INSTANCE_ID,
      });
      return { job, status: 'completed', ...counts, listFindings };
    } catch (error) {
      const code = errorCode(error);
      logger.error({ job, code, ...(isAppError(error) ? {} : { err: error }) }, 'index sync failed');
      recordIndexSyncError(job);
      // A run cut short saw only part of the list: add what it saw to what was known.
      const listFindings = mergeFindings(previous.listFindings, run.findings());
      await saveState(db, job, {
        lastError: code,
        lastErrorAt: new Date(),
        lastDurationMs: Date.now() - started,
        listFindings,
        lastRunOn: INSTANCE_ID,
      });
      return { job, status: 'failed', indexed: 0, removed: 0, skipped: 0, error: code, listFindings };
    } finally {
      invalidateFacets();
      // Rows this pass wrote, and rows whose rates moved, get their doubt score (still under the lock).
      await refreshDoubt(db, { rates: indexChanged }).catch((error: unknown) => logger.error({ err: error }, 'doubt refresh failed'));
      await saveState(db, job, { runningOn: null }).catch((error: unknown) => logger.error({ err: error }, 'index sync state not saved'));
      // Also after a failure: a half-done full walk has written rows too.
      await vacuumChangedTables(db).catch((error: unknown) => logger.error({ err: error }, 'index vacuum failed'));
      await fillDrawKeys(db).catch((error: unknown) => logger.error({ err: error }, 'spot-check draw keys not written'));
    }
  });
  return outcome.acquired ? outcome.value : { job, status: 'busy', indexed: 0, removed: 0, skipped: 0 };
}
