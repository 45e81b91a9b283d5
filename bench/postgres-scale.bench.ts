/**
 * Search and overview at scale (prints one JSON document): one million work orders on
 * PostgreSQL (BENCH_SCALE_SIZE), next to 100k on PGlite (BENCH_LARGE_SIZE), in the same run.
 *
 * - Search: the index is seeded by a full sync of 10 000 work orders from the (in-process)
 *   simulator into a throwaway PostgreSQL cluster (Debian's package, loopback), copied as is into
 *   an in-memory PGlite, then on each engine grown by set-based copies with new ids and shifted
 *   dates (bench/search-fixture.ts, as bench/search.bench.ts does). The queries are the search
 *   benchmark's, timed through `runSearch` (the search API's function after authorization).
 * - Overview: index rows written directly (bench/overview-fixture.ts, as bench/overview.bench.ts
 *   does) into a second database of the cluster and into an in-memory PGlite; the filters are
 *   the overview benchmark's, timed through `buildOverview`. The rollups are built as the app
 *   builds them: the triggers mark every creation day dirty during the bulk insert, one
 *   `refreshRollups` (what the first overview read does) recomputes them all set-based, then the
 *   end-of-sync maintenance vacuums and analyzes the changed tables.
 *
 * Baseline: the same query at 10 000 work orders on the same engine, measured in this run
 * (`p95_ratio` = p95 at scale / p95 at 10k). A `SELECT 1` round-trip per engine is printed too.
 * A query missing its goal at scale on PostgreSQL carries its `EXPLAIN (ANALYZE, BUFFERS)` plan
 * (the slowest statement's, trimmed) and a one-line `limit`.
 */
import type { WorkOrderScope } from '../lib/shared/work-order-scope';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureLatency, type Latency } from './timing';

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

const SYNC_SIZE = 10_000;
const LARGE_SIZE = Number(process.env.BENCH_LARGE_SIZE || 100_000);
const SCALE_SIZE = Number(process.env.BENCH_SCALE_SIZE || 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS || 20);
const WARMUP = 3;
const GOALS = { search_p95_ms: 50, overview_p95_ms: 150 };
const PLAN_LINES = 40;

/**
 * Why a query misses its goal, from the plans of a full run (2 cores, Debian's PostgreSQL
 * defaults); shown only for a query that misses. A query missing without an entry gets the
 * slowest statement's time and top plan node instead.
 */
const LIMITS: Record<string, string> = {
  // Search: the exact count each search runs first is the cost once hundreds of thousands match.
  default_view:
    'exact count of the ~1M to-review rows: a parallel index-only scan of ~200k buffers (no heap fetch); no index makes an exact count cheaper',
  free_text: 'exact count of ~76k prefix matches: GIN bitmap, then a heap recheck of ~26k pages read from outside shared_buffers, plus ~35 ms of JIT',
  tag_and_type:
    'exact count of ~34k matches: BitmapAnd of two GIN indexes, then ~16k heap pages (arrays are not in any btree, so no index-only count)',
  deep_page: 'exact count of all 1M rows: parallel index-only scan of the primary key (~840k buffer hits)',
  deep_filtered_page: 'exact count of ~780k matches: parallel index-only scan of (progress_score, id, review_status)',
  middle_page: 'exact count of all 1M rows (~125 ms) plus a walk of ~500k entries of the name index to the middle page (~80 ms)',
  middle_filtered_page: 'exact count of ~780k matches (~130 ms) plus a walk to the middle page of the filter (~75 ms)',
  task_state_filter: 'exact count of ~36k matches: the partial task-state index joined to the primary key 36k times (~140k buffer hits)',
  // Overview.
  whole_fleet:
    'rollup reads are ~10 ms; the corrections-today count starts two parallel workers, ~80 ms on a loaded 2-core machine (workers 18 ms each)',
  last_30_days:
    "the stuck card reads the ~170k work orders created in the range from the heap (~16k pages outside shared_buffers' 128 MB) to find the stuck ones",
  one_technician: 'the live statement costs over jit_above_cost: ~1 s of JIT compilation (inlining, optimization, emission) for ~150 ms of execution',
  group_and_type: 'the live statement costs over jit_above_cost: ~1 s of JIT compilation for ~250 ms of execution',
  one_tag:
    'the stuck card reads all 100k tag-3 work orders from the heap (~50k pages) to find none stuck: no index holds (tag, progress, update date)',
};

const time = (fn: () => Promise<unknown>) => measureLatency(fn, { warmup: WARMUP, runs: RUNS });
const log = (message: string) => process.stderr.write(`postgres-scale: ${message}\n`);
const kilo = (n: number) => `${Math.round(n / 1000)}k`;

type Queryable = { query(text: unknown, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

interface Statement {
  text: string;
  params: unknown[];
}

async function main() {
  const { findPostgresBin, startPostgres } = await import('../scripts/lib/postgres.mjs');
  const binDir = findPostgresBin();
  if (!binDir) {
    console.log(JSON.stringify({ skipped: 'no PostgreSQL server under /usr/lib/postgresql (Debian package postgresql)' }));
    return;
  }
  const workDir = mkdtempSync(path.join(tmpdir(), 'field-review-bench-'));
  const cluster = await startPostgres({ binDir, logFile: path.join(workDir, 'postgres.log') });
  try {
    await run(cluster.databaseUrl, workDir);
  } finally {
    await cluster.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function run(databaseUrl: string, workDir: string) {
  // Before any server module loads: the process-wide database is PostgreSQL.
  process.env.DATABASE_URL = databaseUrl;
  process.env.DATA_DIR = workDir;
  process.env.LOG_LEVEL = 'warn';
  process.env.INDEX_SYNC = 'off';

  const { startSimulator } = await import('../simulator/server');
  const { getDb, closeDb, openPglite } = await import('../lib/server/db/client');
  const { runSync } = await import('../lib/server/index/sync');
  const { runSearch } = await import('../lib/server/dal/work-order-search');
  const { vacuumChangedTables } = await import('../lib/server/index/maintenance');
  const { buildOverview } = await import('../lib/server/overview/overview');
  const { refreshRollups } = await import('../lib/server/overview/rollups');
  const { parseWorkOrderQuery } = await import('../lib/shared/work-order-filters');
  const { parseOverviewParams } = await import('../lib/shared/overview');
  const { replicateTo, rowCount, searchQueries } = await import('./search-fixture');
  const { seedOverview, overviewFilters } = await import('./overview-fixture');
  const { withIndexesRebuilt } = await import('./bulk-load');
  const { sql } = await import('drizzle-orm');
  type Db = Awaited<ReturnType<typeof getDb>>;

  const clientOf = (db: Db) => (db as unknown as { $client: Queryable }).$client;
  const seconds = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return Number(((performance.now() - started) / 1000).toFixed(1));
  };
  const selectOne = (db: Db) => time(() => db.execute(sql`select 1`));

  /** The statements `fn` sends through `db`'s client (pool or PGlite), captured as it runs. */
  async function captureStatements(db: Db, fn: () => Promise<unknown>): Promise<Statement[]> {
    const client = clientOf(db);
    const statements: Statement[] = [];
    const original = client.query;
    client.query = async function (this: unknown, text: unknown, params?: unknown[], ...rest: unknown[]) {
      statements.push({ text: typeof text === 'string' ? text : (text as { text: string }).text, params: params ?? [] });
      return (original as (...args: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>).call(client, text, params, ...rest);
    };
    try {
      await fn();
    } finally {
      client.query = original;
    }
    return statements;
  }

  /** `EXPLAIN (ANALYZE, BUFFERS)` of each statement of `fn`: the slowest one's plan (trimmed), every one's time. */
  async function explain(db: Db, fn: () => Promise<unknown>) {
    const statements = await captureStatements(db, fn);
    const client = clientOf(db);
    const plans: { ms: number; lines: string[] }[] = [];
    for (const statement of statements) {
      const result = await client.query(`explain (analyze, buffers) ${statement.text}`, statement.params);
      const lines = result.rows.map((row) => String(row['QUERY PLAN']));
      const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
      plans.push({ ms, lines });
    }
    const slowest = plans.reduce((a, b) => (b.ms > a.ms ? b : a), plans[0]);
    const index = plans.indexOf(slowest);
    return {
      statement_ms: plans.map((plan) => plan.ms),
      slowest: {
        index,
        sql: statements[index].text.replace(/\s+/g, ' ').slice(0, 300),
        plan: slowest.lines.length > PLAN_LINES ? [...slowest.lines.slice(0, PLAN_LINES - 2), '…', ...slowest.lines.slice(-2)] : slowest.lines,
      },
    };
  }

  async function withJitOff<T>(db: Db, fn: () => Promise<T>): Promise<T> {
    const reload = async (statement: string) => {
      await clientOf(db).query(statement);
      await clientOf(db).query('select pg_reload_conf()');
      // Every pooled connection reads the new setting before its next statement.
      await new Promise((resolve) => setTimeout(resolve, 200));
    };
    await reload('alter system set jit = off');
    try {
      return await fn();
    } finally {
      await reload('alter system reset jit');
    }
  }

  /** p50/p95 of each query, with its ratio to the same query at 10k (the baseline) and, at scale, its goal. */
  async function measureAll(
    db: Db,
    queries: Record<string, { raw: string; call: () => Promise<unknown>; matches: () => Promise<number> }>,
    baseline: Record<string, Latency> | null,
    goal: number | null,
  ) {
    const results: Record<string, Record<string, unknown>> = {};
    for (const [name, query] of Object.entries(queries)) {
      const latency = await time(query.call);
      const result: Record<string, unknown> = { query: query.raw, matches: await query.matches(), p50_ms: latency.p50, p95_ms: latency.p95 };
      const base = baseline?.[name];
      if (base) {
        result.p50_ratio = Number((latency.p50 / base.p50).toFixed(2));
        result.p95_ratio = Number((latency.p95 / base.p95).toFixed(2));
      }
      if (goal !== null) {
        result.goal_met = latency.p95 <= goal;
        if (!result.goal_met) {
          try {
            const plan = await explain(db, query.call);
            result.explain = plan;
            result.limit =
              LIMITS[name] ??
              `slowest statement (#${plan.slowest.index}) ${plan.statement_ms[plan.slowest.index]} ms: ${plan.slowest.plan[0]?.trim()}`;
          } catch (error) {
            result.explain = { error: String(error) };
          }
          // The same query with JIT off server-wide too: the app's connections already turn it
          // off for themselves, so the two figures now agree unless a statement escapes the pool.
          result.jit_off = await withJitOff(db, () => time(query.call));
        }
      }
      results[name] = result;
      log(`${name}: p50 ${latency.p50} ms, p95 ${latency.p95} ms`);
    }
    return results;
  }
  const latencies = (results: Record<string, Record<string, unknown>>) =>
    Object.fromEntries(Object.entries(results).map(([name, r]) => [name, { p50: r.p50_ms as number, p95: r.p95_ms as number, mean: 0 }]));

  // ---- search --------------------------------------------------------------------------------
  const simulator = await startSimulator({ port: 0, workOrders: SYNC_SIZE, seed: 'bench', apiKeys: ['bench-key-0001'], log: false });
  process.env.DEEPOMATIC_API_URL = simulator.apiUrl;
  process.env.DEEPOMATIC_API_KEY = 'bench-key-0001';
  const pg = await getDb();
  const postgresVersion = String((await clientOf(pg).query('show server_version')).rows[0].server_version);
  const settings = Object.fromEntries(
    (
      await clientOf(pg).query(
        `select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'jit', 'max_parallel_workers_per_gather')`,
      )
    ).rows.map((row) => [row.name, row.unit ? `${row.setting} × ${row.unit}` : row.setting]),
  );
  log(`PostgreSQL ${postgresVersion}: syncing ${SYNC_SIZE} work orders`);
  const seed: Record<string, number> = {};
  seed.sync_10k_s = await seconds(async () => {
    const sync = await runSync('full', { pageSize: 1000 });
    if (sync.status !== 'completed') throw new Error(`sync ${sync.status}: ${sync.error}`);
  });
  await simulator.close();

  const searchCalls = (db: Db, raws: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(raws).map(([name, raw]) => {
        const parsed = parseWorkOrderQuery(raw);
        if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.fields)}`);
        return [
          name,
          {
            raw,
            call: () => runSearch(db, { ...parsed.query, scope: EVERY }),
            matches: async () => (await runSearch(db, { ...parsed.query, scope: EVERY })).total,
          },
        ];
      }),
    );

  async function searchAt(db: Db, target: number, goal: number | null) {
    const queriesAt = await searchQueries(db);
    const at10k = await measureAll(db, searchCalls(db, await queriesAt(await rowCount(db))), null, null);
    const grow = await seconds(() => replicateTo(db, target, { rebuildIndexes: true }));
    const indexed = await rowCount(db);
    log(`search at ${indexed} work orders (grown in ${grow} s)`);
    const atScale = await measureAll(db, searchCalls(db, await queriesAt(indexed)), latencies(at10k), goal);
    return { grow_s: grow, result: { indexed, select_1_ms: await selectOne(db), queries: atScale, baseline_10k: at10k } };
  }

  // The synced rows, copied as they are into PGlite (the same rows on both engines).
  const lite = await openPglite();
  seed.copy_to_pglite_s = await seconds(async () => {
    for (const table of ['work_order_index', 'work_order_task_index']) {
      const columns = (
        await clientOf(pg).query(
          `select column_name from information_schema.columns
            where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
          [table],
        )
      ).rows.map((row) => `"${String(row.column_name)}"`);
      const list = columns.join(', ');
      const rows = (await clientOf(pg).query(`select coalesce(json_agg(t), '[]'::json) as rows from (select ${list} from ${table}) t`)).rows[0].rows;
      await clientOf(lite.db).query(`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)`, [
        JSON.stringify(rows),
      ]);
      log(`copied ${table} to PGlite`);
    }
    await vacuumChangedTables(lite.db);
  });
  log(`search on PGlite up to ${LARGE_SIZE}`);
  const searchLite = await searchAt(lite.db, LARGE_SIZE, null);
  seed.pglite_search_grow_s = searchLite.grow_s;
  await lite.close();
  log(`search on PostgreSQL up to ${SCALE_SIZE}`);
  const searchPg = await searchAt(pg, SCALE_SIZE, GOALS.search_p95_ms);
  seed.postgres_search_grow_s = searchPg.grow_s;

  // ---- overview ------------------------------------------------------------------------------
  // A database of its own: the overview's seeded index is not the synced one.
  await pg.execute(sql`create database overview_bench`);
  await closeDb();
  process.env.DATABASE_URL = databaseUrl.replace(/\/[^/]*$/, '/overview_bench');
  const now = new Date();
  const filters = overviewFilters(now);
  const overviewCalls = (db: Db) =>
    Object.fromEntries(
      Object.entries(filters).map(([name, raw]) => {
        const parsed = parseOverviewParams(raw);
        if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.fields)}`);
        return [
          name,
          {
            raw,
            call: () => buildOverview(db, parsed.params, EVERY, now),
            matches: async () => (await buildOverview(db, parsed.params, EVERY, now)).kpis.workOrders,
          },
        ];
      }),
    );

  async function overviewAt(db: Db, target: number, goal: number | null, prefix: string) {
    await seedOverview(db, 1, SYNC_SIZE, now);
    await refreshRollups(db);
    const at10k = await measureAll(db, overviewCalls(db), null, null);
    seed[`${prefix}_overview_insert_s`] = await seconds(() => withIndexesRebuilt(db, () => seedOverview(db, SYNC_SIZE + 1, target, now)));
    // What the first overview read after a sync does: recompute every dirty day, in one go.
    seed[`${prefix}_overview_refresh_rollups_s`] = await seconds(() => refreshRollups(db));
    // What the end of the next sync does: vacuum (visibility map) and analyze the changed tables.
    seed[`${prefix}_overview_vacuum_s`] = await seconds(() => vacuumChangedTables(db));
    log(`overview at ${target} work orders`);
    const atScale = await measureAll(db, overviewCalls(db), latencies(at10k), goal);
    return { indexed: target, select_1_ms: await selectOne(db), filters: atScale, baseline_10k: at10k };
  }

  log(`overview on PGlite up to ${LARGE_SIZE}`);
  const overviewLite = await openPglite();
  const overviewLiteResult = await overviewAt(overviewLite.db, LARGE_SIZE, null, 'pglite');
  await overviewLite.close();
  log(`overview on PostgreSQL up to ${SCALE_SIZE}`);
  const overviewPgResult = await overviewAt(await getDb(), SCALE_SIZE, GOALS.overview_p95_ms, 'postgres');
  await closeDb();

  const missed = (results: Record<string, Record<string, unknown>>) =>
    Object.entries(results)
      .filter(([, r]) => r.goal_met === false)
      .map(([name]) => name);
  const output = {
    baseline:
      'the same query at 10k work orders on the same engine in this run (p50_ratio, p95_ratio = at scale / at 10k); select_1_ms: one SELECT 1 round-trip, for reference',
    runs_per_query: RUNS,
    goals: { ...GOALS, applies_to: `PostgreSQL at ${kilo(SCALE_SIZE)} work orders` },
    postgres: { version: postgresVersion, settings, cluster: 'throwaway, loopback, Debian defaults except fsync=off' },
    seed_s: seed,
    search: { pglite: searchLite.result, postgres: searchPg.result },
    overview: { pglite: overviewLiteResult, postgres: overviewPgResult },
    missed: { search: missed(searchPg.result.queries), overview: missed(overviewPgResult.filters) },
  };
  console.log(JSON.stringify(output));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
