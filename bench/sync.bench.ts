/**
 * Index sync benchmark (prints one JSON document), from the simulator at BENCH_SYNC_SIZE
 * work orders (default 100 000), the simulator in its own process (as in production, where
 * the upstream is another machine):
 *
 * 1. First full sync into an empty index: work orders/s, against a baseline measured in the
 *    same run — the raw walk of the same upstream calls (list pages of 1000 + one detail GET
 *    per work order, same concurrency) with plain HTTP and `JSON.parse`, no validation, no
 *    database, over the first 20 pages. The ratio (baseline rate / sync rate) is our overhead
 *    over what the upstream costs anyway.
 * 2. Reconcile of the unchanged index (the periodic full walk that detects deletions): ms
 *    and rows written, against the raw walk of the list pages alone.
 * 3. Incremental sync after 1000 (at most 5 %) upstream changes (metadata
 *    PATCH): ms and rows written, against the raw `updated_after` walk + detail GETs.
 * 4. Reconcile after 100 (at most 0.5 %) upstream deletions: rows removed.
 *
 * "Rows written" = inserts + updates + deletes on the index tables (pg_stat_user_tables).
 * Runs on PGlite (the default database) in a throwaway data directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSimulatorProcess } from './simulator-process';

// Server modules start with `import 'server-only'`, which only resolves under the
// `react-server` condition (as inside Next.js): re-run this file with it.
if (!process.execArgv.some((arg) => arg.includes('react-server'))) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: process.env,
  });
  process.exit(result.status ?? 1);
}

const SIZE = Number(process.env.BENCH_SYNC_SIZE || 100_000);
/** Upstream changes before the incremental sync, and deletions before the last reconcile. */
const CHANGES = Math.min(1000, Math.ceil(SIZE / 20));
const DELETES = Math.min(100, Math.ceil(SIZE / 200));
const PAGE_SIZE = 1000;
/**
 * Pages of the first sync's baseline (raw list + detail walk): a rate, measured on the first
 * 20 000 work orders, so the benchmark fits `npm run bench`'s time limit at 100k.
 */
const BASELINE_PAGES = 20;
const API_KEY = 'bench-key-0001';
const ADMIN_TOKEN = 'bench-admin';
const INDEX_TABLES = ['work_order_index', 'work_order_task_index', 'work_order_input_stats'];

let concurrency = 8;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { Authorization: `Token ${API_KEY}` };
    if (payload !== undefined) headers['Content-Type'] = 'application/json';
    const req = request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

async function getJson<T>(url: string): Promise<T> {
  const { status, body } = await call('GET', url);
  if (status !== 200) throw new Error(`GET ${url}: ${status}`);
  return JSON.parse(body.toString('utf8')) as T;
}

async function mapBounded<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

interface Summary {
  id: string;
  update_date: string;
}

/**
 * The raw upstream walk: list pages (and optionally one detail GET per row), no validation, no
 * database; at most `maxPages` pages.
 */
async function rawWalk(api: string, query: string, details: boolean, maxPages = 10_000): Promise<{ ms: number; workOrders: number; ids: string[] }> {
  const started = performance.now();
  const ids: string[] = [];
  for (let page = 1; page <= maxPages; page += 1) {
    const list = await getJson<{ next: string | null; results: Summary[] }>(`${api}work-orders/?page=${page}&page_size=${PAGE_SIZE}&${query}`);
    ids.push(...list.results.map((summary) => summary.id));
    if (details) await mapBounded(list.results, concurrency, (summary) => getJson(`${api}work-orders/${summary.id}/`));
    if (list.next === null || list.results.length === 0) break;
  }
  return { ms: Math.round(performance.now() - started), workOrders: ids.length, ids };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-sync-bench-'));
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'warn';
  process.env.INDEX_SYNC = 'off';

  const simulatorStarted = performance.now();
  const simulator = await startSimulatorProcess({
    SIMULATOR_WORK_ORDERS: String(SIZE),
    SIMULATOR_API_KEYS: API_KEY,
    SIMULATOR_ADMIN_TOKEN: ADMIN_TOKEN,
  });
  const simulatorMs = Math.round(performance.now() - simulatorStarted);
  const api = `${simulator.url}/v0.2/`;
  process.env.DEEPOMATIC_API_URL = api;
  process.env.DEEPOMATIC_API_KEY = API_KEY;

  try {
    const { getDb, closeDb } = await import('../lib/server/db/client');
    const { runSync, DEFAULT_SYNC_CONCURRENCY } = await import('../lib/server/index/sync');
    const { sql } = await import('drizzle-orm');
    concurrency = DEFAULT_SYNC_CONCURRENCY;
    const db = await getDb();

    /** Inserts + updates + deletes on the index tables so far. */
    async function rowsWritten(): Promise<number> {
      // This session's counts reach pg_stat_* at the end of the statement that forces a flush.
      await db.execute(sql`select pg_stat_force_next_flush()`);
      const result = (await db.execute(
        sql`select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint as n from pg_stat_user_tables
             where relname in (${sql.join(
               INDEX_TABLES.map((t) => sql`${t}`),
               sql`, `,
             )})`,
      )) as unknown as { rows: { n: string | number }[] };
      return Number(result.rows[0].n);
    }
    async function indexed(): Promise<number> {
      const result = (await db.execute(sql`select count(*)::int as n from work_order_index`)) as unknown as { rows: { n: number }[] };
      return result.rows[0].n;
    }
    async function timed(job: 'full' | 'incremental') {
      const before = await rowsWritten();
      const started = performance.now();
      const result = await runSync(job, { pageSize: PAGE_SIZE });
      const ms = Math.round(performance.now() - started);
      if (result.status !== 'completed') throw new Error(`${job} sync ${result.status}: ${result.error}`);
      return { ms, rowsWritten: (await rowsWritten()) - before, indexed: result.indexed, removed: result.removed };
    }

    // ---- 1. first full sync ----
    const rawFull = await rawWalk(api, 'ordering=create_date', true, BASELINE_PAGES);
    const full = await timed('full');
    const fullRate = Math.round((SIZE / full.ms) * 1000);

    // ---- 2. reconcile of the unchanged index ----
    const rawList = await rawWalk(api, 'ordering=create_date', false);
    const reconcile = await timed('full');

    // ---- 3. incremental after CHANGES upstream changes ----
    const [{ watermark }] = (
      (await db.execute(sql`select watermark from index_sync_state where job = 'incremental'`)) as unknown as { rows: { watermark: Date | string }[] }
    ).rows;
    const changed = rawList.ids.filter((_, i) => i % Math.max(1, Math.floor(SIZE / CHANGES)) === 0).slice(0, CHANGES);
    await mapBounded(changed, 8, async (id) => {
      const { status } = await call('PATCH', `${api}work-orders/${id}/metadata/`, { bench_revision: 1 });
      if (status !== 200) throw new Error(`PATCH metadata ${id}: ${status}`);
    });
    const rawIncremental = await rawWalk(api, `ordering=update_date&updated_after=${encodeURIComponent(new Date(watermark).toISOString())}`, true);
    const incremental = await timed('incremental');

    // ---- 4. reconcile after DELETES deletions upstream ----
    const doomed = rawList.ids.filter((id) => !changed.includes(id)).slice(0, DELETES);
    await mapBounded(doomed, 8, async (id) => {
      const { status } = await call('DELETE', `${api}work-orders/${id}/`);
      if (status !== 204) throw new Error(`DELETE ${id}: ${status}`);
    });
    const afterDeletes = await timed('full');
    const remaining = await indexed();

    await closeDb();
    const ratio = (ms: number, baseline: number) => Number((ms / Math.max(1, baseline)).toFixed(2));
    console.log(
      JSON.stringify({
        database: 'pglite',
        work_orders: SIZE,
        page_size: PAGE_SIZE,
        detail_concurrency: concurrency,
        simulator: { process: 'separate', start_ms: simulatorMs },
        full_sync: {
          ms: full.ms,
          work_orders_per_second: fullRate,
          rows_written: full.rowsWritten,
          baseline_raw_walk: {
            ms: rawFull.ms,
            work_orders: rawFull.workOrders,
            work_orders_per_second: Math.round((rawFull.workOrders / rawFull.ms) * 1000),
          },
          ratio_to_baseline: Number((rawFull.workOrders / rawFull.ms / (SIZE / full.ms)).toFixed(2)),
        },
        reconcile_unchanged: {
          ms: reconcile.ms,
          rows_written: reconcile.rowsWritten,
          rows_indexed: reconcile.indexed,
          baseline_raw_list_walk_ms: rawList.ms,
          ratio_to_baseline: ratio(reconcile.ms, rawList.ms),
        },
        incremental: {
          upstream_changes: CHANGES,
          ms: incremental.ms,
          indexed: incremental.indexed,
          rows_written: incremental.rowsWritten,
          baseline_raw_walk: { ms: rawIncremental.ms, work_orders: rawIncremental.workOrders },
          ratio_to_baseline: ratio(incremental.ms, rawIncremental.ms),
        },
        reconcile_after_deletes: {
          upstream_deletes: DELETES,
          ms: afterDeletes.ms,
          removed: afterDeletes.removed,
          rows_written: afterDeletes.rowsWritten,
          indexed_after: remaining,
          ratio_to_list_walk: ratio(afterDeletes.ms, rawList.ms),
        },
      }),
    );
  } finally {
    simulator.stop();
    agent.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
