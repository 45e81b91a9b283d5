/**
 * Work-order search benchmark (prints one JSON document).
 *
 * 1. The index is seeded by a full sync of 10 000 work orders from the (in-process) simulator,
 *    for realistic rows; sync throughput is measured by bench/sync.bench.ts.
 * 2. Search latency at 10k and 100k indexed work orders: p50/p95 of `runSearch` (the search
 *    API's function after authorization: parse → rows + total → DTOs) against the same two
 *    SQL statements run directly on the database client, for realistic queries.
 *    The 100k index is the synced 10k rows replicated with new ids and shifted dates.
 * 3. The review queue: its sort ("most doubtful first") next to the default sort, and what
 *    keeping the doubt scores current costs at 100k — the refresh after a sync pass that
 *    changed nothing, and rescoring every row after a weight change.
 *
 * Runs on PGlite (the default database) in a throwaway data directory.
 */
import type { WorkOrderScope } from '../lib/shared/work-order-scope';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureLatency } from './timing';

/** An admin's scope: every work order (the figures these benchmarks have always measured). */
const EVERY: WorkOrderScope = { all: true };

// Server modules start with `import 'server-only'`, which only resolves under the
// `react-server` condition (as inside Next.js): re-run this file with it.
if (!process.execArgv.some((arg) => arg.includes('react-server'))) {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: process.env,
  });
  process.exit(result.status ?? 1);
}

/** Work orders synced to seed the index (BENCH_SYNC_SIZE is the sync benchmark's size). */
const SYNC_SIZE = 10_000;
const RUNS = Number(process.env.BENCH_RUNS || 40);
const WARMUP = 5;

const time = (fn: () => Promise<unknown>) => measureLatency(fn, { warmup: WARMUP, runs: RUNS });

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'field-review-bench-'));
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL = 'warn';
  process.env.INDEX_SYNC = 'off';

  const { startSimulator } = await import('../simulator/server');
  const simulatorStarted = performance.now();
  const simulator = await startSimulator({ port: 0, workOrders: SYNC_SIZE, seed: 'bench', apiKeys: ['bench-key-0001'], log: false });
  const simulatorMs = performance.now() - simulatorStarted;
  process.env.DEEPOMATIC_API_URL = simulator.apiUrl;
  process.env.DEEPOMATIC_API_KEY = 'bench-key-0001';

  const { getDb, closeDb } = await import('../lib/server/db/client');
  const { runSync } = await import('../lib/server/index/sync');
  const { runSearch } = await import('../lib/server/dal/work-order-search');
  const { countWorkOrders, streamWorkOrders, listColumns, whereOf, orderOf } = await import('../lib/server/index/search');
  const { workOrderIndex } = await import('../lib/server/db/schema');
  const { parseWorkOrderQuery } = await import('../lib/shared/work-order-filters');
  const { replicateTo, rowCount, searchQueries } = await import('./search-fixture');

  const db = await getDb();
  const client = (db as unknown as { $client: { query(text: string, params: unknown[], options?: unknown): Promise<unknown> } }).$client;

  // ---- 1. seed the index ----
  const sync = await runSync('full', { pageSize: 1000 });
  if (sync.status !== 'completed') throw new Error(`sync ${sync.status}: ${sync.error}`);
  await simulator.close();

  /** The SQL statements `fn` runs, captured from the client, to replay as the raw baseline. */
  async function captureStatements(fn: () => Promise<unknown>) {
    const statements: { text: string; params: unknown[] }[] = [];
    const original = client.query.bind(client);
    client.query = async (text: string, params: unknown[], options?: unknown) => {
      statements.push({ text, params: params ?? [] });
      return original(text, params, options);
    };
    try {
      await fn();
    } finally {
      client.query = original;
    }
    return statements;
  }

  // Realistic queries, built from the data so they match something.
  const queriesAt = await searchQueries(db);

  async function measure(size: number) {
    const total = await rowCount(db);
    const queries = await queriesAt(total);
    const results: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(queries)) {
      const parsed = parseWorkOrderQuery(raw);
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.fields)}`);
      const query = { ...parsed.query, scope: EVERY };
      const api = await time(() => runSearch(db, query));
      // The same statements runSearch sends (count, then the page with the plan it chose).
      const statements = await captureStatements(() => runSearch(db, query));
      const rawSql = await time(async () => {
        for (const statement of statements) await client.query(statement.text, statement.params);
      });
      const { total: matches } = await runSearch(db, query);
      results[name] = { query: raw, matches, api_ms: api, raw_sql_ms: rawSql, p95_ratio: Number((api.p95 / rawSql.p95).toFixed(2)) };
    }
    // Count alone (the export/bulk "N matching" call) at the default view.
    const defaultQuery = parseWorkOrderQuery('');
    if (defaultQuery.ok) results.count_only = { api_ms: await time(() => countWorkOrders(db, { ...defaultQuery.query, scope: EVERY })) };
    // The CSV export's read: every row of the whole index in list order, in batches, against
    // one plain ordered select of the same columns.
    const everything = parseWorkOrderQuery('review=all&sort=-updateDate');
    if (everything.ok) {
      const scopedEverything = { ...everything.query, scope: EVERY };
      const started = performance.now();
      let exported = 0;
      for await (const batch of streamWorkOrders(db, scopedEverything)) exported += batch.length;
      const streamMs = performance.now() - started;
      const plain = db
        .select(listColumns)
        .from(workOrderIndex)
        .where(whereOf(scopedEverything))
        .orderBy(...orderOf(everything.query))
        .toSQL();
      const rawStarted = performance.now();
      await client.query(plain.sql, plain.params);
      const rawMs = performance.now() - rawStarted;
      results.export_all = {
        rows: exported,
        stream_ms: Math.round(streamMs),
        raw_sql_ms: Math.round(rawMs),
        ratio: Number((streamMs / rawMs).toFixed(2)),
      };
    }
    const p95 = (name: string) => (results[name] as { api_ms: { p95: number } }).api_ms.p95;
    const doubtSort = {
      default_view_p95_ms: p95('default_view'),
      doubt_queue_p95_ms: p95('doubt_queue'),
      doubt_middle_page_p95_ms: p95('doubt_middle_page'),
    };
    return { indexed: total, target: size, doubt_sort_vs_default: doubtSort, queries: results };
  }

  /** The doubt refresh at the index's size: an idle pass (rates recomputed, nothing moved), then every row rescored. */
  async function measureDoubtRefresh() {
    const { refreshDoubt } = await import('../lib/server/doubt/refresh');
    const { loadWeights, storeWeights } = await import('../lib/server/doubt/weights');
    await refreshDoubt(db); // settles the rates the copies changed
    const idleStarted = performance.now();
    const idle = await refreshDoubt(db);
    const idleMs = performance.now() - idleStarted;
    // What the admin's save does before answering: store the weights, restart the walk.
    const markStarted = performance.now();
    await storeWeights(db, { ...(await loadWeights(db)).weights, engineer: 3 }, 'bench@example.com');
    const markMs = performance.now() - markStarted;
    const allStarted = performance.now();
    const all = await refreshDoubt(db, { rates: false });
    const allMs = performance.now() - allStarted;
    return {
      after_idle_pass: { ms: Math.round(idleMs), scored: idle.scored },
      after_weight_change: { save_ms: Math.round(markMs), rescore_ms: Math.round(allMs), scored: all.scored },
    };
  }

  const at10k = await measure(SYNC_SIZE);
  const replicateStarted = performance.now();
  await replicateTo(db, Number(process.env.BENCH_LARGE_SIZE || 100_000));
  const replicateMs = performance.now() - replicateStarted;
  const at100k = await measure(Number(process.env.BENCH_LARGE_SIZE || 100_000));
  const doubtRefresh100k = await measureDoubtRefresh();

  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });

  const output = {
    database: 'pglite',
    runs_per_query: RUNS,
    seed_sync: { work_orders: SYNC_SIZE, simulator_start_ms: Math.round(simulatorMs), note: 'throughput: bench/sync.bench.ts' },
    seed_100k: { method: 'synced rows replicated with new ids and shifted dates', ms: Math.round(replicateMs) },
    search_10k: at10k,
    search_100k: at100k,
    doubt_refresh_100k: doubtRefresh100k,
    target: { p95_ms: 30, max_ratio_to_raw_sql: 1.5 },
  };
  console.log(JSON.stringify(output));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
