/**
 * Work-order search benchmark (prints one JSON document).
 *
 * 1. The index is seeded by a full sync of 10 000 work orders from the (in-process) simulator,
 *    for realistic rows; sync throughput is measured by bench/sync.bench.ts.
 * 2. Search latency at 10k and 100k indexed work orders: p50/p95 of `runSearch` (the search
 *    API's function after authorization: parse → rows + total → DTOs) against the same two
 *    SQL statements run directly on the database client, for realistic queries.
 *    The 100k index is the synced 10k rows replicated with new ids and shifted dates.
 *
 * Runs on PGlite (the default database) in a throwaway data directory.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureLatency } from './timing';

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
  const { vacuumChangedTables } = await import('../lib/server/index/maintenance');
  const { workOrderIndex } = await import('../lib/server/db/schema');
  const { getFacets } = await import('../lib/server/index/facets');
  const { parseWorkOrderQuery } = await import('../lib/shared/work-order-filters');
  const { sql } = await import('drizzle-orm');

  const db = await getDb();
  const client = (db as unknown as { $client: { query(text: string, params: unknown[], options?: unknown): Promise<unknown> } }).$client;

  // ---- 1. seed the index ----
  const sync = await runSync('full', { pageSize: 1000 });
  if (sync.status !== 'completed') throw new Error(`sync ${sync.status}: ${sync.error}`);
  await simulator.close();

  async function rowCount(): Promise<number> {
    const result = (await db.execute(sql`select count(*)::int as n from work_order_index`)) as unknown as { rows: { n: number }[] };
    return result.rows[0].n;
  }

  /**
   * Copies of the synced rows (and of their per-task rows, for the task filters) with new ids
   * (derived from the source id and the copy number) and dates shifted back by `copy` × 90 days.
   */
  async function replicateTo(target: number) {
    const base = await rowCount();
    for (let copy = 1; (await rowCount()) < target; copy += 1) {
      const missing = target - (await rowCount());
      await db.execute(sql`drop table if exists bench_source`);
      await db.execute(sql`create temp table bench_source as select id from work_order_index order by id limit ${Math.min(missing, base)}`);
      const newId = sql.raw(`md5(w.id || ':${copy}')::uuid::text`);
      await db.execute(sql`
        insert into work_order_index (id, name, site_id, app_version_id, metadata, metadata_text, tags, work_order_types,
          field_engineer_email, field_engineer_name, user_group_ids, create_date, update_date, review_date, progress_score,
          tasks_total, tasks_validated, tasks_not_validated, tasks_not_analyzed, tasks_corrected, conformity_errors,
          review_status, reviewed_at, search_text, detail_synced_at, synced_at, seen_generation)
        select ${newId}, name, site_id, app_version_id, metadata, metadata_text, tags, work_order_types,
          field_engineer_email, field_engineer_name, user_group_ids,
          create_date - make_interval(days => 90 * ${copy}), update_date - make_interval(days => 90 * ${copy}), review_date,
          progress_score, tasks_total, tasks_validated, tasks_not_validated, tasks_not_analyzed, tasks_corrected,
          conformity_errors, review_status, reviewed_at, search_text, detail_synced_at, synced_at, seen_generation
        from work_order_index w join bench_source using (id)`);
      await db.execute(sql`
        insert into work_order_task_index (work_order_id, task_id, task_name, task_group_name, app_version_id,
          conformity, analyzed, validated, ai_validated, corrected)
        select ${newId}, t.task_id, t.task_name, t.task_group_name, t.app_version_id,
          t.conformity, t.analyzed, t.validated, t.ai_validated, t.corrected
        from work_order_task_index t join bench_source w on w.id = t.work_order_id`);
    }
    // What the end of a sync run does (lib/server/index/maintenance.ts).
    await vacuumChangedTables(db);
  }

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
  const facets = await getFacets(db);
  const sample = (await db.execute(
    sql`select field_engineer_name, metadata_text from work_order_index where field_engineer_name is not null limit 1`,
  )) as unknown as { rows: { field_engineer_name: string; metadata_text: Record<string, string> }[] };
  const engineerWord = sample.rows[0]?.field_engineer_name.split(' ')[0] ?? 'a';
  const [metaKey, metaValue] = Object.entries(sample.rows[0]?.metadata_text ?? {})[0] ?? ['none', 'none'];

  // The task with the most "not validated" rows (what an overview per-task row opens).
  const busiestTaskRows = (await db.execute(sql`
    select task_group_name as "group", task_name as task from work_order_task_index
     where conformity and analyzed and not validated group by 1, 2 order by count(*) desc limit 1`)) as unknown as {
    rows: { group: string; task: string }[];
  };
  const busiestTask = busiestTaskRows.rows[0] ?? { group: 'none', task: 'none' };

  /** The last full page of a filter (50 per page). */
  async function lastPageOf(raw: string): Promise<number> {
    const parsed = parseWorkOrderQuery(raw);
    if (!parsed.ok) throw new Error(raw);
    return Math.max(1, Math.floor((await countWorkOrders(db, parsed.query)) / 50) - 1);
  }

  async function measure(size: number) {
    const total = await rowCount();
    const deepPage = Math.max(1, Math.floor(total / 50) - 1);
    const queries: Record<string, string> = {
      default_view: '',
      free_text: `review=all&q=${encodeURIComponent(engineerWord)}`,
      metadata_filter: `review=all&meta=${encodeURIComponent(`${metaKey}=${metaValue}`)}`,
      tag_and_type: `review=all&tag=${encodeURIComponent(facets.tags[0] ?? 'x')}&type=${encodeURIComponent(facets.types[0] ?? 'x')}`,
      range_and_sort: 'review=all&progressMin=50&progressMax=99&sort=-updateDate',
      deep_page: `review=all&sort=name&page=${deepPage}`,
      // Least frequent tag and engineer together: few or no matches, the planner's weak spot.
      rare_filters: `review=all&tag=${encodeURIComponent(facets.tags.at(-1) ?? 'x')}&engineer=${encodeURIComponent(facets.engineers.at(-1)?.email ?? 'x')}&sort=-createDate`,
      deep_filtered_page: `progressMin=50&sort=-progressScore&page=${await lastPageOf('progressMin=50')}`,
      // The worst page: the middle (pages in the back half are read from the other end).
      middle_page: `review=all&sort=name&page=${Math.ceil(deepPage / 2)}`,
      middle_filtered_page: `progressMin=50&sort=-progressScore&page=${Math.ceil((await lastPageOf('progressMin=50')) / 2)}`,
      // An overview click-through: the work orders where one task is not validated.
      task_state_filter: `review=all&taskGroup=${encodeURIComponent(busiestTask.group)}&task=${encodeURIComponent(busiestTask.task)}&taskState=not_validated`,
    };
    const results: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(queries)) {
      const parsed = parseWorkOrderQuery(raw);
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.fields)}`);
      const query = parsed.query;
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
    if (defaultQuery.ok) results.count_only = { api_ms: await time(() => countWorkOrders(db, defaultQuery.query)) };
    // The CSV export's read: every row of the whole index in list order, in batches, against
    // one plain ordered select of the same columns.
    const everything = parseWorkOrderQuery('review=all&sort=-updateDate');
    if (everything.ok) {
      const started = performance.now();
      let exported = 0;
      for await (const batch of streamWorkOrders(db, everything.query)) exported += batch.length;
      const streamMs = performance.now() - started;
      const plain = db
        .select(listColumns)
        .from(workOrderIndex)
        .where(whereOf(everything.query))
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
    return { indexed: total, target: size, queries: results };
  }

  const at10k = await measure(SYNC_SIZE);
  const replicateStarted = performance.now();
  await replicateTo(Number(process.env.BENCH_LARGE_SIZE || 100_000));
  const replicateMs = performance.now() - replicateStarted;
  const at100k = await measure(Number(process.env.BENCH_LARGE_SIZE || 100_000));

  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });

  const output = {
    database: 'pglite',
    runs_per_query: RUNS,
    seed_sync: { work_orders: SYNC_SIZE, simulator_start_ms: Math.round(simulatorMs), note: 'throughput: bench/sync.bench.ts' },
    seed_100k: { method: 'synced rows replicated with new ids and shifted dates', ms: Math.round(replicateMs) },
    search_10k: at10k,
    search_100k: at100k,
    target: { p95_ms: 30, max_ratio_to_raw_sql: 1.5 },
  };
  console.log(JSON.stringify(output));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
