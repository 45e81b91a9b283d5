/**
 * The search benchmarks' index and queries, shared by bench/search.bench.ts (PGlite) and
 * bench/postgres-scale.bench.ts (PGlite and PostgreSQL). Imports server modules: load it with a
 * dynamic `import()` once the benchmark runs under the `react-server` condition and its
 * database settings are in place.
 */
import type { WorkOrderScope } from '../lib/shared/work-order-scope';
import { sql } from 'drizzle-orm';
import type { Db } from '../lib/server/db/client';
import { computeFacets } from '../lib/server/index/facets';
import { vacuumChangedTables } from '../lib/server/index/maintenance';
import { dropIndexes } from './bulk-load';
import { countWorkOrders } from '../lib/server/index/search';
import { parseWorkOrderQuery } from '../lib/shared/work-order-filters';

/** An admin's scope: every work order (the figures these benchmarks have always measured). */
const EVERY: WorkOrderScope = { all: true };

/** Copies (of the synced rows) written per statement: bounds one statement's memory and WAL. */
const COPIES_PER_STATEMENT = 10;

export async function rowCount(db: Db): Promise<number> {
  const result = (await db.execute(sql`select count(*)::int as n from work_order_index`)) as unknown as { rows: { n: number }[] };
  return result.rows[0].n;
}

/**
 * Grows the index to `target` work orders with copies of the rows it holds (and of their
 * per-task rows, for the task filters): copy `c` of a row has a new id (derived from the source
 * id and `c`) and dates shifted back by `c` × 90 days; the last copy takes the first source rows
 * by id. Set-based: a few INSERT … SELECT over `generate_series` of copy numbers, then what the
 * end of a sync run does (vacuum and analyze the changed tables, lib/server/index/maintenance.ts).
 * `rebuildIndexes`: load with the indexes dropped and rebuild them after (bench/bulk-load.ts).
 */
export async function replicateTo(db: Db, target: number, { rebuildIndexes = false } = {}): Promise<void> {
  const base = await rowCount(db);
  const missing = target - base;
  if (missing <= 0 || base === 0) return;
  const restore = rebuildIndexes ? await dropIndexes(db) : null;
  const copies = Math.ceil(missing / base);
  // A plain table, not a temporary one: a pooled PostgreSQL client may run each statement on
  // another connection, which would not see a temporary table.
  await db.execute(sql`drop table if exists bench_source`);
  await db.execute(sql`create table bench_source as select id, row_number() over (order by id) as n from work_order_index`);
  // The source task rows apart: each statement then reads them, not the grown task table.
  await db.execute(sql`drop table if exists bench_source_tasks`);
  await db.execute(sql`create table bench_source_tasks as select t.* from work_order_task_index t`);
  for (let first = 1; first <= copies; first += COPIES_PER_STATEMENT) {
    const last = Math.min(copies, first + COPIES_PER_STATEMENT - 1);
    const newId = sql.raw(`md5(s.id || ':' || c.copy)::uuid::text`);
    const copiesOf = sql`generate_series(${first}::int, ${last}::int) as c(copy)`;
    const kept = sql`(c.copy - 1) * ${base}::bigint + s.n <= ${missing}::bigint`;
    await db.execute(sql`
      insert into work_order_index (id, name, site_id, app_version_id, metadata, metadata_text, tags, work_order_types,
        field_engineer_email, field_engineer_name, user_group_ids, create_date, update_date, review_date, progress_score,
        tasks_total, tasks_validated, tasks_not_validated, tasks_not_analyzed, tasks_corrected, conformity_errors,
        conformity_warnings, doubt_score, doubt_reasons, doubt_synced_at,
        review_status, reviewed_at, search_text, detail_synced_at, synced_at, seen_generation)
      select ${newId}, name, site_id, app_version_id, metadata, metadata_text, tags, work_order_types,
        field_engineer_email, field_engineer_name, user_group_ids,
        create_date - make_interval(days => 90 * c.copy), update_date - make_interval(days => 90 * c.copy), review_date,
        progress_score, tasks_total, tasks_validated, tasks_not_validated, tasks_not_analyzed, tasks_corrected,
        conformity_errors, conformity_warnings, doubt_score, doubt_reasons,
        -- A copy is scored as its source is (same facts, same rates).
        case when doubt_synced_at is not distinct from synced_at then synced_at end, review_status, reviewed_at, search_text, detail_synced_at, synced_at, seen_generation
      from work_order_index w join bench_source s using (id) cross join ${copiesOf}
      where ${kept}`);
    await db.execute(sql`
      insert into work_order_task_index (work_order_id, task_id, task_name, task_group_name, app_version_id,
        conformity, analyzed, validated, ai_validated, corrected)
      select ${newId}, t.task_id, t.task_name, t.task_group_name, t.app_version_id,
        t.conformity, t.analyzed, t.validated, t.ai_validated, t.corrected
      from bench_source_tasks t join bench_source s on s.id = t.work_order_id cross join ${copiesOf}
      where ${kept}`);
  }
  await db.execute(sql`drop table bench_source`);
  await db.execute(sql`drop table bench_source_tasks`);
  if (restore) await restore();
  await vacuumChangedTables(db);
}

/**
 * Realistic search queries, built from the data so they match something: values are read once
 * (at the synced size), page numbers per call (they follow the index's size).
 */
export async function searchQueries(db: Db): Promise<(total: number) => Promise<Record<string, string>>> {
  const facets = await computeFacets(db, EVERY);
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
    return Math.max(1, Math.floor((await countWorkOrders(db, { ...parsed.query, scope: EVERY })) / 50) - 1);
  }

  return async (total: number) => {
    const deepPage = Math.max(1, Math.floor(total / 50) - 1);
    return {
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
      // The Review queue: to review, most doubtful first (and a page in its middle).
      doubt_queue: 'sort=-doubtScore',
      doubt_middle_page: `sort=-doubtScore&page=${Math.ceil((await lastPageOf('')) / 2)}`,
      task_state_filter: `review=all&taskGroup=${encodeURIComponent(busiestTask.group)}&task=${encodeURIComponent(busiestTask.task)}&taskState=not_validated`,
    };
  };
}
