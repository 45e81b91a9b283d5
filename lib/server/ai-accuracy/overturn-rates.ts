import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { workOrderIndex, workOrderTaskIndex } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/db/sql';
import { scoped, whereOf, type ScopedQuery } from '@/lib/server/index/search';
import { TASKS_BY_WORK_ORDER_MAX } from '@/lib/server/overview/aggregates';
import { refreshRollups, rollupApplies, rollupWhere } from '@/lib/server/overview/rollups';
import { addCounts, EMPTY_COUNTS, type OverturnCounts, type TaskOverturn } from '@/lib/shared/ai-accuracy';
import { DEFAULT_QUERY, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { EVERY_WORK_ORDER as EVERY_TEAM } from '@/lib/shared/work-order-scope';
import { countersSql } from './direction';

/**
 * The AI's overturn counts over the work orders matching a list filter, per task (by names:
 * ids change with the application version), application version and week. A task is dated by
 * its work order's creation date (the site's own, else the day Field Review first saw it):
 * photos are taken and analysed when the work is done, which the creation starts, while the
 * update date moves with every later correction or review.
 *
 * Summed in SQL: the whole fleet and the broad slices the overview's rollups answer read the
 * rollups (a few thousand rows at 100 000 work orders); any other filter, the task index of
 * the matching work orders.
 */
export interface OverturnRow extends OverturnCounts {
  taskGroupName: string;
  taskName: string;
  appVersionId: string | null;
  /** Monday (UTC) of the creation week, YYYY-MM-DD. */
  week: string;
}

/** No filter at all and no team scope (the list's default shows only the work orders to review). */
export const EVERY_WORK_ORDER: ScopedQuery = Object.freeze(scoped({ ...DEFAULT_QUERY, review: 'all' } as WorkOrderQuery, EVERY_TEAM));

type RawRow = {
  task_group_name: string;
  task_name: string;
  app_version_id: string | null;
  week: string;
  judged: number;
  ok_to_ko: number;
  ko_to_ok: number;
  corrected_kept: number;
  corrected: number;
};

function rolledUpSql(query: ScopedQuery): SQL {
  return sql`select task_group_name, task_name, nullif(app_version_id, '') as app_version_id,
                    to_char(date_trunc('week', day::timestamp), 'YYYY-MM-DD') as week,
                    sum(ai_judged)::int as judged, sum(ok_to_ko)::int as ok_to_ko, sum(ko_to_ok)::int as ko_to_ok,
                    sum(corrected_kept)::int as corrected_kept, sum(corrected)::int as corrected
               from overview_rollup_tasks
              where ${rollupWhere(query)}
              group by 1, 2, app_version_id, 4`;
}

/**
 * Over the task index of the matching work orders. Two plans, one answer, as in the overview's
 * live task statistics: up to TASKS_BY_WORK_ORDER_MAX matching work orders, their tasks are
 * read by key; beyond, in one scan (the planner cannot know how many match before reading m).
 */
function liveSql(query: ScopedQuery): SQL {
  const w = workOrderIndex;
  const t = workOrderTaskIndex;
  const columns = sql`t.work_order_id, t.task_group_name, t.task_name, t.app_version_id, t.ai_validated, t.validated, t.corrected`;
  return sql`with m as materialized (select ${w.id} as id, ${w.createDate} as create_date from ${w} where ${whereOf(query) ?? sql`true`})
             select task.task_group_name, task.task_name, task.app_version_id,
                    to_char(date_trunc('week', m.create_date at time zone 'UTC'), 'YYYY-MM-DD') as week, ${countersSql}
               from (select ${columns} from ${t} t
                      where t.work_order_id = any(array(select id from m)) and (select count(*) from m) <= ${TASKS_BY_WORK_ORDER_MAX}
                     union all
                     select ${columns} from m join ${t} t on t.work_order_id = m.id
                      where (select count(*) from m) > ${TASKS_BY_WORK_ORDER_MAX}) as task
               join m on m.id = task.work_order_id
              group by 1, 2, 3, 4`;
}

/** Per task, application version and creation week (rows with no judged task and no correction left out). */
export async function overturnRows(db: Db, query: ScopedQuery = EVERY_WORK_ORDER): Promise<OverturnRow[]> {
  let statement: SQL;
  if (rollupApplies(query)) {
    await refreshRollups(db);
    statement = rolledUpSql(query);
  } else {
    statement = liveSql(query);
  }
  const rows = await selectRows<RawRow>(db, sql`select * from (${statement}) as r where judged > 0 or corrected > 0`);
  return rows.map((row) => ({
    taskGroupName: row.task_group_name,
    taskName: row.task_name,
    appVersionId: row.app_version_id,
    week: row.week,
    judged: Number(row.judged),
    okToKo: Number(row.ok_to_ko),
    koToOk: Number(row.ko_to_ok),
    correctedKept: Number(row.corrected_kept),
    corrected: Number(row.corrected),
  }));
}

/** Sums rows by a key, keeping the first row's identifying fields from `pick`. */
export function sumBy<T extends OverturnCounts, K>(rows: readonly T[], key: (row: T) => string, pick: (row: T) => K): (K & OverturnCounts)[] {
  const groups = new Map<string, K & OverturnCounts>();
  for (const row of rows) {
    const k = key(row);
    const current = groups.get(k);
    const counts: OverturnCounts = {
      judged: row.judged,
      okToKo: row.okToKo,
      koToOk: row.koToOk,
      correctedKept: row.correctedKept,
      corrected: row.corrected,
    };
    groups.set(k, current ? { ...current, ...addCounts(current, counts) } : { ...pick(row), ...addCounts(EMPTY_COUNTS, counts) });
  }
  return [...groups.values()];
}

export const taskKeyOf = (row: { taskGroupName: string; taskName: string }) => JSON.stringify([row.taskGroupName, row.taskName]);

/**
 * Per task (by task-group and task name), the AI's overturn counts over the matching work
 * orders (every work order without `scope`), most overturned share first. The rate is
 * `overturnRate(row)` (null below one judged task).
 */
export async function overturnRatesByTask(db: Db, scope: ScopedQuery = EVERY_WORK_ORDER): Promise<TaskOverturn[]> {
  return tasksFromRows(await overturnRows(db, scope));
}

export function tasksFromRows(rows: readonly OverturnRow[]): TaskOverturn[] {
  const share = (row: OverturnCounts) => (row.judged > 0 ? (row.okToKo + row.koToOk) / row.judged : -1);
  return sumBy(rows, taskKeyOf, (row) => ({ taskGroupName: row.taskGroupName, taskName: row.taskName })).sort(
    (a, b) => share(b) - share(a) || a.taskGroupName.localeCompare(b.taskGroupName) || a.taskName.localeCompare(b.taskName),
  );
}

/**
 * Every application version with the creation date of its first work order, oldest first: the
 * order versions succeed each other in (ids are opaque; the public API names no version
 * number). The first day comes from the whole fleet's rollups (a few thousand rows, where the
 * index would be a scan of every work order), the time within it from that day's work orders
 * (the creation-date index), so two versions first seen on the day of an upgrade still come
 * in order.
 */
export async function versionsFirstSeen(db: Db): Promise<{ appVersionId: string; firstSeen: string }[]> {
  await refreshRollups(db);
  const w = workOrderIndex;
  const rows = await selectRows<{ app_version_id: string; first_seen: Date | string }>(
    db,
    sql`with v as (select app_version_id, min(day) as day
                     from overview_rollup_tasks where facet = '' and facet_value = '' and app_version_id <> ''
                    group by 1)
        select v.app_version_id,
               coalesce((select min(${w.createDate}) from ${w}
                          where ${w.createDate} >= v.day::timestamp at time zone 'UTC'
                            and ${w.createDate} < (v.day + 1)::timestamp at time zone 'UTC'
                            and ${w.appVersionId} = v.app_version_id),
                        v.day::timestamp at time zone 'UTC') as first_seen
          from v order by 2, 1`,
  );
  return rows.map((row) => ({ appVersionId: row.app_version_id, firstSeen: new Date(row.first_seen).toISOString() }));
}
