/**
 * Overview benchmark (prints one JSON document).
 *
 * Seeds index rows directly (no simulator: the overview reads only our database) in an
 * in-memory PGlite: 10k then 100k work orders, 6 tasks each in the per-task index, photo
 * counts, correction audit rows for the corrected tasks, and the daily snapshots. Then times
 * `buildOverview` (every aggregate of the page after authorization: parse → SQL → DTO) for
 * realistic filters, p50/p95, against the same SQL statements replayed directly on the
 * database client (the "raw SQL" baseline: the ratio is the cost of our code around the SQL).
 */
import { spawnSync } from 'node:child_process';
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

const RUNS = Number(process.env.BENCH_RUNS || 20);
const WARMUP = 3;
const SIZES = [10_000, Number(process.env.BENCH_LARGE_SIZE || 100_000)];
const TASKS_PER_WORK_ORDER = 6;

const time = (fn: () => Promise<unknown>) => measureLatency(fn, { warmup: WARMUP, runs: RUNS });

async function main() {
  process.env.LOG_LEVEL = 'warn';
  const { openPglite } = await import('../lib/server/db/client');
  const { buildOverview } = await import('../lib/server/overview/overview');
  const { takeDailySnapshot } = await import('../lib/server/overview/snapshots');
  const { parseOverviewParams } = await import('../lib/shared/overview');
  const { sql } = await import('drizzle-orm');

  const handle = await openPglite();
  const db = handle.db;
  type Client = { query(text: string, params?: unknown[], options?: unknown): Promise<unknown> };
  const client = (db as unknown as { $client: Client }).$client;
  const now = new Date();

  /** Work orders `from`..`to` (1-based), their tasks, photo counts and correction audit rows. */
  async function seed(from: number, to: number) {
    await db.execute(sql`
      insert into work_order_index (id, name, site_id, app_version_id, metadata, metadata_text, tags, work_order_types,
        field_engineer_email, field_engineer_name, user_group_ids, create_date, update_date, progress_score,
        tasks_total, tasks_validated, tasks_not_validated, tasks_not_analyzed, tasks_corrected, conformity_errors,
        review_status, reviewed_at, search_text, detail_synced_at)
      select 'wo-' || lpad(i::text, 8, '0'), 'Work order ' || i, 'site-' || (i % 50), 'v' || (i % 3),
        jsonb_build_object('region', 'r' || (i % 20)), jsonb_build_object('region', 'r' || (i % 20)),
        array['tag-' || (i % 10)], array['type-' || (i % 4)],
        'tech' || (i % 200) || '@example.com', 'Tech ' || (i % 200), array['group-' || (i % 25)],
        ${now.toISOString()}::timestamptz - make_interval(days => i % 180, mins => i % 1440),
        ${now.toISOString()}::timestamptz - make_interval(days => greatest(0, i % 180 - i % 7), mins => i % 1440),
        case when i % 10 = 0 then 0 when i % 10 < 4 then 100 else (i * 37) % 100 end,
        6, 4, 1, 1, case when i % 23 = 0 then 1 else 0 end, case when i % 3 = 0 then 1 else 0 end,
        case when i % 4 = 0 then 'reviewed' else 'to_review' end,
        case when i % 4 = 0 then ${now.toISOString()}::timestamptz - make_interval(days => i % 30) end,
        'Work order ' || i, ${now.toISOString()}::timestamptz
      from generate_series(${from}::int, ${to}::int) as i`);
    await db.execute(sql`
      insert into work_order_task_index (work_order_id, task_id, task_name, task_group_name, app_version_id,
        conformity, analyzed, validated, ai_validated, corrected)
      select 'wo-' || lpad(i::text, 8, '0'), 'task-' || i || '-' || k, 'task_' || k, 'group_' || (k / 3), 'v' || (i % 3),
        true, (i + k) % 7 <> 0, (i * k) % 5 <> 0, (i * k) % 5 <> 0, (i + k) % 23 = 0
      from generate_series(${from}::int, ${to}::int) as i, generate_series(1, ${TASKS_PER_WORK_ORDER}::int) as k
      -- A work order's tasks side by side, as the sync writes them (one work order after the other).
      order by i, k`);
    await db.execute(sql`
      insert into work_order_input_stats (work_order_id, inputs, retakes)
      select 'wo-' || lpad(i::text, 8, '0'), 3, case when i % 9 = 0 then 1 else 0 end
      from generate_series(${from}::int, ${to}::int) as i`);
    await db.execute(sql`
      insert into audit_log (action, at, work_order_id, task_id, task_group_name, task_name, before, after, outcome)
      select 'correction', ${now.toISOString()}::timestamptz - make_interval(days => i % 60, mins => k),
        'wo-' || lpad(i::text, 8, '0'), 'task-' || i || '-' || k, 'group_' || (k / 3), 'task_' || k,
        jsonb_build_object('validated', (i * k) % 2 = 0), jsonb_build_object('correctedValue', true), 'applied'
      from generate_series(${from}::int, ${to}::int) as i, generate_series(1, ${TASKS_PER_WORK_ORDER}::int) as k
      where (i + k) % 23 = 0`);
    await db.execute(sql`analyze`);
    await db.execute(sql`delete from overview_daily_snapshots`);
    await takeDailySnapshot(db, now);
  }

  const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  const filters: Record<string, string> = {
    whole_fleet: '',
    last_30_days: `createdFrom=${day(30)}&createdTo=${day(0)}`,
    one_technician: 'engineer=tech7@example.com',
    group_and_type: 'group=group-3&type=type-1',
    to_review_stuck_7d: 'review=to_review&stuckDays=7',
    // A tenth of the fleet, none of it stuck (every tag-3 work order is complete here): the
    // stuck card's update-order walk finds nothing and falls back to the tag's index.
    one_tag: 'tag=tag-3',
  };

  /** The SQL statements one overview runs, captured from the client, to replay as the baseline. */
  async function captureStatements(params: Parameters<typeof buildOverview>[1]) {
    const statements: { text: string; params: unknown[] }[] = [];
    const original = client.query.bind(client);
    client.query = async (text: string, values?: unknown[], options?: unknown) => {
      statements.push({ text, params: values ?? [] });
      return original(text, values, options);
    };
    try {
      await buildOverview(db, params, now);
    } finally {
      client.query = original;
    }
    return { statements, original };
  }

  async function measure(size: number) {
    const results: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(filters)) {
      const parsed = parseOverviewParams(raw);
      if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.fields)}`);
      const api = await time(() => buildOverview(db, parsed.params, now));
      const { statements } = await captureStatements(parsed.params);
      const rawSql = await time(async () => {
        for (const statement of statements) await client.query(statement.text, statement.params);
      });
      const overview = await buildOverview(db, parsed.params, now);
      results[name] = {
        query: raw,
        work_orders: overview.kpis.workOrders,
        statements: statements.length,
        api_ms: api,
        raw_sql_ms: rawSql,
        p95_ratio: Number((api.p95 / rawSql.p95).toFixed(2)),
      };
    }
    return { indexed: size, tasks_indexed: size * TASKS_PER_WORK_ORDER, filters: results };
  }

  const output: Record<string, unknown> = { database: 'pglite (in memory)', runs_per_filter: RUNS };
  let seeded = 0;
  for (const size of SIZES) {
    const started = performance.now();
    await seed(seeded + 1, size);
    seeded = size;
    output[`seed_${size / 1000}k_ms`] = Math.round(performance.now() - started);
    output[`overview_${size / 1000}k`] = await measure(size);
  }
  output.target = { p95_ms_at_100k: 100 };
  await handle.close();
  console.log(JSON.stringify(output));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
