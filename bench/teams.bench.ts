/**
 * Teams benchmark (prints one JSON document).
 *
 * Seeds the overview benchmark's index (100k work orders by default, 6 tasks each) in an
 * in-memory PGlite and puts each work order in one of five user groups. Then times, in the same
 * run, the search (`runSearch`, `getFacets`' statements) and the overview (`buildOverview`) for
 * an admin (every work order: the rollups answer the overview) and for a supervisor scoped to
 * one group of five (a fifth of the index: the overview is computed live over their work
 * orders), p50/p95, and reports the scoped p95 as a ratio to the admin's.
 */
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import type { WorkOrderScope } from '../lib/shared/work-order-scope';
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
const SIZE = Number(process.env.BENCH_LARGE_SIZE || 100_000);
const GROUPS = 5;

const ADMIN: WorkOrderScope = { all: true };
const ONE_TEAM: WorkOrderScope = { all: false, groups: ['team-0'], unassigned: false };

const time = (fn: () => Promise<unknown>) => measureLatency(fn, { warmup: WARMUP, runs: RUNS });

async function main() {
  process.env.LOG_LEVEL = 'warn';
  const { openPglite } = await import('../lib/server/db/client');
  const { buildOverview } = await import('../lib/server/overview/overview');
  const { runSearch } = await import('../lib/server/dal/work-order-search');
  const { computeFacets } = await import('../lib/server/index/facets');
  const { scoped } = await import('../lib/server/index/search');
  const { parseOverviewParams } = await import('../lib/shared/overview');
  const { parseWorkOrderQuery } = await import('../lib/shared/work-order-filters');
  const { seedOverview } = await import('./overview-fixture');

  const handle = await openPglite();
  const db = handle.db;
  const now = new Date();
  const started = performance.now();
  await seedOverview(db, 1, SIZE, now);
  await db.execute(sql.raw(`update work_order_index set user_group_ids = array['team-' || (substring(id from 4)::int % ${GROUPS})]`));
  await db.execute(sql`vacuum analyze work_order_index`);
  const seedMs = Math.round(performance.now() - started);

  const searches: Record<string, string> = {
    default_list: '',
    all_by_name: 'review=all&sort=name',
    text_search: 'review=all&q=order 12',
    one_type_to_review: 'type=type-1',
    deep_page: 'review=all&page=100&pageSize=50',
  };
  const overviews: Record<string, string> = {
    whole_fleet: '',
    to_review_stuck_7d: 'review=to_review&stuckDays=7',
    one_technician: 'engineer=tech7@example.com',
  };

  const compare = async (run: (scope: WorkOrderScope) => Promise<unknown>, count: (scope: WorkOrderScope) => Promise<number>) => {
    const admin = await time(() => run(ADMIN));
    const team = await time(() => run(ONE_TEAM));
    return {
      admin_ms: admin,
      scoped_ms: team,
      matches: { admin: await count(ADMIN), scoped: await count(ONE_TEAM) },
      scoped_to_admin_p95: Number((team.p95 / admin.p95).toFixed(2)),
    };
  };

  const search: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(searches)) {
    const parsed = parseWorkOrderQuery(raw);
    if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.fields)}`);
    search[name] = await compare(
      (scope) => runSearch(db, scoped(parsed.query, scope)),
      async (scope) => (await runSearch(db, scoped(parsed.query, scope))).total,
    );
  }
  // Facets are cached a minute per scope; their computation is what a cold cache pays.
  search.facets_cold = await compare(
    (scope) => computeFacets(db, scope),
    async (scope) => (await computeFacets(db, scope)).groups.length,
  );

  const overview: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(overviews)) {
    const parsed = parseOverviewParams(raw);
    if (!parsed.ok) throw new Error(`${name}: ${JSON.stringify(parsed.fields)}`);
    overview[name] = await compare(
      (scope) => buildOverview(db, parsed.params, scope, now),
      async (scope) => (await buildOverview(db, parsed.params, scope, now)).kpis.workOrders,
    );
  }

  await handle.close();
  console.log(
    JSON.stringify({
      database: 'pglite (in memory)',
      indexed: SIZE,
      user_groups: GROUPS,
      scoped_user: 'one group of five (a fifth of the index)',
      runs: RUNS,
      seed_ms: seedMs,
      search,
      overview,
      target: { p95_ms_at_100k: 100 },
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
