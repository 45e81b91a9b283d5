/**
 * The overview benchmarks' index and filters, shared by bench/overview.bench.ts (PGlite) and
 * bench/postgres-scale.bench.ts (PGlite and PostgreSQL). Imports server modules: load it with a
 * dynamic `import()` once the benchmark runs under the `react-server` condition and its
 * database settings are in place.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../lib/server/db/client';
import { takeDailySnapshot } from '../lib/server/overview/snapshots';

export const TASKS_PER_WORK_ORDER = 6;

/**
 * Work orders `from`..`to` (1-based) written directly in the index (no simulator: the overview
 * reads only our database), their tasks, photo counts and correction audit rows, then the
 * statistics and the daily snapshots. The rollups are left to the triggers (they mark the
 * creation days dirty) and to the next overview read, which refreshes them.
 */
export async function seedOverview(db: Db, from: number, to: number, now: Date): Promise<void> {
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

/** Realistic overview filters (query strings of the overview page) for the seeded index. */
export function overviewFilters(now: Date): Record<string, string> {
  const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
  return {
    whole_fleet: '',
    last_30_days: `createdFrom=${day(30)}&createdTo=${day(0)}`,
    one_technician: 'engineer=tech7@example.com',
    group_and_type: 'group=group-3&type=type-1',
    to_review_stuck_7d: 'review=to_review&stuckDays=7',
    // A tenth of the fleet, none of it stuck (every tag-3 work order is complete here): the
    // stuck card's update-order walk finds nothing and falls back to the tag's index.
    one_tag: 'tag=tag-3',
  };
}
