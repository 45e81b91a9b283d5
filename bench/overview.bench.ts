/**
 * Overview benchmark (prints one JSON document).
 *
 * Seeds index rows directly (no simulator: the overview reads only our database) in an
 * in-memory PGlite: 10k then 100k work orders, 6 tasks each in the per-task index, photo
 * counts, correction audit rows for the corrected tasks, and the daily snapshots. Then times
 * `buildOverview` (every aggregate of the page after authorization: parse → SQL → DTO) for
 * realistic filters, p50/p95, against the same SQL statements replayed directly on the
 * database client (the "raw SQL" baseline: the ratio is the cost of our code around the SQL).
 * Also times the AI-accuracy section (`aiAccuracy`, a request of its own) per filter.
 */
import type { WorkOrderScope } from '../lib/shared/work-order-scope';
import { spawnSync } from 'node:child_process';
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

const RUNS = Number(process.env.BENCH_RUNS || 20);
const WARMUP = 3;
const SIZES = [10_000, Number(process.env.BENCH_LARGE_SIZE || 100_000)];

const time = (fn: () => Promise<unknown>) => measureLatency(fn, { warmup: WARMUP, runs: RUNS });

async function main() {
  process.env.LOG_LEVEL = 'warn';
  const { openPglite } = await import('../lib/server/db/client');
  const { buildOverview } = await import('../lib/server/overview/overview');
  const { aiAccuracy } = await import('../lib/server/ai-accuracy/ai-accuracy');
  const { scoped } = await import('../lib/server/index/search');
  const { parseOverviewParams } = await import('../lib/shared/overview');
  const { seedOverview, overviewFilters, TASKS_PER_WORK_ORDER } = await import('./overview-fixture');

  const handle = await openPglite();
  const db = handle.db;
  type Client = { query(text: string, params?: unknown[], options?: unknown): Promise<unknown> };
  const client = (db as unknown as { $client: Client }).$client;
  const now = new Date();

  const filters = overviewFilters(now);

  /** The SQL statements one overview runs, captured from the client, to replay as the baseline. */
  async function captureStatements(params: Parameters<typeof buildOverview>[1]) {
    const statements: { text: string; params: unknown[] }[] = [];
    const original = client.query.bind(client);
    client.query = async (text: string, values?: unknown[], options?: unknown) => {
      statements.push({ text, params: values ?? [] });
      return original(text, values, options);
    };
    try {
      await buildOverview(db, params, EVERY, now);
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
      const api = await time(() => buildOverview(db, parsed.params, EVERY, now));
      const { statements } = await captureStatements(parsed.params);
      const rawSql = await time(async () => {
        for (const statement of statements) await client.query(statement.text, statement.params);
      });
      const overview = await buildOverview(db, parsed.params, EVERY, now);
      // The overview's AI-accuracy section is its own request (loaded after the page).
      const accuracy = await time(() => aiAccuracy(db, scoped(parsed.params.query, EVERY), raw));
      results[name] = {
        query: raw,
        work_orders: overview.kpis.workOrders,
        statements: statements.length,
        api_ms: api,
        raw_sql_ms: rawSql,
        p95_ratio: Number((api.p95 / rawSql.p95).toFixed(2)),
        ai_accuracy_ms: accuracy,
      };
    }
    return { indexed: size, tasks_indexed: size * TASKS_PER_WORK_ORDER, filters: results };
  }

  const output: Record<string, unknown> = { database: 'pglite (in memory)', runs_per_filter: RUNS };
  let seeded = 0;
  for (const size of SIZES) {
    const started = performance.now();
    await seedOverview(db, seeded + 1, size, now);
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
