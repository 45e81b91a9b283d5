import 'server-only';
import { and, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { auditLog, workOrderIndex, workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import { whereOf } from '@/lib/server/index/search';
import { selectRows } from '@/lib/server/index/sql-rows';
import {
  SCORE_BANDS,
  STUCK_COUNT_CAP,
  STUCK_LIMIT,
  type Overview,
  type OverturnByVersion,
  type OverviewKpis,
  type PeopleStats,
  type ScoreBandCount,
  type TaskStats,
} from '@/lib/shared/overview';
import type { WorkOrderQuery } from '@/lib/shared/work-order-filters';

/**
 * The overview's aggregates over the work orders matching a list filter. Every function takes
 * the same typed query as the search and reuses its WHERE builder (`whereOf`), so a number on
 * the overview and the list its chart links to always agree. Days are UTC days.
 */

const w = workOrderIndex;
/** The correction audit action (kept in sync with `lib/server/dal/correction-history.ts`). */
const CORRECTION = 'correction';

function matching(query: WorkOrderQuery): SQL {
  return whereOf(query) ?? sql`true`;
}

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** KPI cards and the progress-score histogram: one pass over the matching rows. */
export async function scoreSummary(db: Db, query: WorkOrderQuery, now: Date): Promise<{ kpis: OverviewKpis; histogram: ScoreBandCount[] }> {
  const today = startOfUtcDay(now);
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`select count(*)::int as total,
               avg(${w.progressScore})::float8 as average,
               percentile_cont(0.5) within group (order by ${w.progressScore})::float8 as median,
               count(*) filter (where ${w.progressScore} = 0)::int as zero,
               count(*) filter (where ${w.progressScore} between 1 and 49)::int as low,
               count(*) filter (where ${w.progressScore} between 50 and 99)::int as high,
               count(*) filter (where ${w.progressScore} = 100)::int as complete,
               count(*) filter (where ${w.reviewStatus} = 'to_review')::int as to_review,
               count(*) filter (where ${w.reviewedAt} >= ${today.toISOString()}::timestamptz)::int as reviewed_today
          from ${w}
         where ${matching(query)}`,
  );
  const correctionsToday = await correctionsSince(db, query, today);
  const kpis: OverviewKpis = {
    workOrders: num(row?.total),
    averageScore: numOrNull(row?.average),
    medianScore: numOrNull(row?.median),
    complete: num(row?.complete),
    notStarted: num(row?.zero),
    toReview: num(row?.to_review),
    reviewedToday: num(row?.reviewed_today),
    correctionsToday,
  };
  const histogram = SCORE_BANDS.map((band) => ({ band: band.id, min: band.min, max: band.max, workOrders: num(row?.[band.id]) }));
  return { kpis, histogram };
}

/** Corrections applied through Field Review since `since` on matching work orders. */
export async function correctionsSince(db: Db, query: WorkOrderQuery, since: Date): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n
          from ${auditLog} a
         where a.action = ${CORRECTION} and a.outcome = 'applied' and a.at >= ${since.toISOString()}::timestamptz
           and exists (select 1 from ${w} where ${w.id} = a.work_order_id and ${matching(query)})`,
  );
  return num(row?.n);
}

/** Work orders not complete and not updated for `days` days, oldest update first. */
export async function stuckWorkOrders(
  db: Db,
  query: WorkOrderQuery,
  days: number,
  now: Date,
  limit = STUCK_LIMIT,
): Promise<Overview['stuck']> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const where = and(matching(query), sql`${w.progressScore} < 100`, sql`${w.updateDate} < ${cutoff.toISOString()}::timestamptz`);
  const items = await db
    .select({
      id: w.id,
      name: w.name,
      fieldEngineerEmail: w.fieldEngineerEmail,
      progressScore: w.progressScore,
      createDate: w.createDate,
      updateDate: w.updateDate,
    })
    .from(w)
    .where(where)
    .orderBy(w.updateDate, w.id)
    .limit(limit);
  // Counting stops past the cap: over a whole fleet an exact count is a full scan, and the list
  // the card links to gives the exact figure.
  const [count] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${w} where ${where} order by ${w.updateDate} limit ${STUCK_COUNT_CAP + 1}) as stuck`,
  );
  return {
    total: Math.min(num(count?.n), STUCK_COUNT_CAP),
    capped: num(count?.n) > STUCK_COUNT_CAP,
    items: items.map((item) => ({ ...item, createDate: item.createDate.toISOString(), updateDate: item.updateDate.toISOString() })),
  };
}

export interface TaskVersionRow {
  task_group_name: string;
  task_name: string;
  app_version_id: string | null;
  conformity: boolean;
  tasks: number;
  not_validated: number;
  not_analyzed: number;
  corrected: number;
  analyzed: number;
  ok_to_ko: number;
  ko_to_ok: number;
}

/**
 * Per task (and app version): shares not validated / not analysed / corrected from the task
 * index, and the AI overturn rate from our audit log. A task counts as overturned when a
 * correction made here was applied and its validation now differs from the AI's: the verdict
 * the task's rules give the AI value (`ai_validated`), else the validation recorded before
 * our first correction. Rates are over the tasks the AI analysed.
 */
export async function taskStatsByVersion(db: Db, query: WorkOrderQuery): Promise<TaskVersionRow[]> {
  const t = workOrderTaskIndex;
  // Every work order (no filter): the task index alone answers, no join.
  const where = whereOf(query);
  return selectRows<TaskVersionRow>(
    db,
    sql`select task_group_name, task_name, app_version_id, bool_or(conformity) as conformity,
               count(*)::int as tasks,
               count(*) filter (where conformity and analyzed and not validated)::int as not_validated,
               count(*) filter (where not analyzed)::int as not_analyzed,
               count(*) filter (where corrected)::int as corrected,
               count(*) filter (where analyzed)::int as analyzed,
               count(*) filter (where ai_said is true and not validated)::int as ok_to_ko,
               count(*) filter (where ai_said is false and validated)::int as ko_to_ok
          from (
            select ${t.taskGroupName} as task_group_name, ${t.taskName} as task_name, ${t.appVersionId} as app_version_id,
                   ${t.conformity} as conformity, ${t.analyzed} as analyzed, ${t.validated} as validated, ${t.corrected} as corrected,
                   -- Only corrected tasks can be overturned: look their first applied correction up (few rows).
                   case when ${t.corrected} then (
                     select coalesce(${t.aiValidated}, (a.before ->> 'validated')::boolean)
                       from ${auditLog} a
                      where a.work_order_id = ${t.workOrderId} and a.task_id = ${t.taskId}
                        and a.action = ${CORRECTION} and a.outcome = 'applied'
                      order by a.at limit 1) end as ai_said
              from ${t}
             ${where ? sql`join ${w} on ${w.id} = ${t.workOrderId} where ${where}` : sql``}) as task
         group by 1, 2, 3
         order by 1, 2, 3`,
  );
}

function toTaskStats(row: Omit<TaskVersionRow, 'app_version_id'>, taskName: string | null): TaskStats {
  return {
    taskGroupName: row.task_group_name,
    taskName,
    conformity: row.conformity,
    tasks: num(row.tasks),
    notValidated: num(row.not_validated),
    notAnalyzed: num(row.not_analyzed),
    corrected: num(row.corrected),
    analyzed: num(row.analyzed),
    overturnedOkToKo: num(row.ok_to_ko),
    overturnedKoToOk: num(row.ko_to_ok),
  };
}

const COUNTERS = ['tasks', 'not_validated', 'not_analyzed', 'corrected', 'analyzed', 'ok_to_ko', 'ko_to_ok'] as const;

function sumRows(rows: TaskVersionRow[]): Omit<TaskVersionRow, 'app_version_id'> {
  const total = { ...rows[0], conformity: rows.some((row) => row.conformity) };
  for (const key of COUNTERS) total[key] = rows.reduce((sum, row) => sum + num(row[key]), 0);
  return total;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Per task group, per task and per task × app version, from one pass over the task index. */
export async function taskStats(db: Db, query: WorkOrderQuery): Promise<TaskStatsResult> {
  return taskStatsFromRows(await taskStatsByVersion(db, query));
}

export type TaskStatsResult = { taskGroups: TaskStats[]; tasks: TaskStats[]; overturnByVersion: OverturnByVersion[] };

/** Per task, per task group and by version from per (task, version) rows (live or rolled up). */
export function taskStatsFromRows(rows: TaskVersionRow[]): TaskStatsResult {
  const perTask = [...groupBy(rows, (row) => JSON.stringify([row.task_group_name, row.task_name])).values()];
  const tasks = perTask.map((group) => toTaskStats(sumRows(group), group[0].task_name));
  const taskGroups = [...groupBy(rows, (row) => row.task_group_name).values()].map((group) => toTaskStats(sumRows(group), null));
  // By version: only where it tells something (an overturn, or a task seen in several versions).
  const multiVersion = new Set(perTask.filter((group) => group.length > 1).map((group) => JSON.stringify([group[0].task_group_name, group[0].task_name])));
  const overturnByVersion = rows
    .filter((row) => num(row.ok_to_ko) + num(row.ko_to_ok) > 0 || multiVersion.has(JSON.stringify([row.task_group_name, row.task_name])))
    .map((row) => ({
      taskGroupName: row.task_group_name,
      taskName: row.task_name,
      appVersionId: row.app_version_id,
      analyzed: num(row.analyzed),
      overturnedOkToKo: num(row.ok_to_ko),
      overturnedKoToOk: num(row.ko_to_ok),
    }));
  return { taskGroups, tasks, overturnByVersion };
}

/** First time right: complete, with no correction (upstream count) and no retaken photo. */
const firstTimeRight = sql`count(*) filter (where ${w.progressScore} = 100 and coalesce(${w.tasksCorrected}, 0) = 0
  and coalesce(${workOrderInputStats.retakes}, 0) = 0)::int`;

export function toPeople(row: Record<string, unknown>): PeopleStats {
  return {
    key: (row.key as string | null) ?? null,
    label: (row.label as string | null) ?? null,
    workOrders: num(row.work_orders),
    averageScore: numOrNull(row.average),
    firstTimeRight: num(row.first_time_right),
    conformityErrors: num(row.conformity_errors),
    corrections: num(row.corrections),
  };
}

const PEOPLE_LIMIT = 100;

/** Per technician (field engineer e-mail), most work orders first. */
export async function technicianStats(db: Db, query: WorkOrderQuery): Promise<PeopleStats[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`select ${w.fieldEngineerEmail} as key, max(${w.fieldEngineerName}) as label,
               count(*)::int as work_orders, avg(${w.progressScore})::float8 as average,
               ${firstTimeRight} as first_time_right,
               coalesce(sum(${w.conformityErrors}), 0)::int as conformity_errors,
               coalesce(sum(${w.tasksCorrected}), 0)::int as corrections
          from ${w}
          left join ${workOrderInputStats} on ${workOrderInputStats.workOrderId} = ${w.id}
         where ${matching(query)}
         group by 1
         order by 3 desc, 1 nulls last
         limit ${PEOPLE_LIMIT}`,
  );
  return rows.map(toPeople);
}

/** Per user group (a work order in two groups counts in both), most work orders first. */
export async function userGroupStats(db: Db, query: WorkOrderQuery): Promise<PeopleStats[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`select g.id as key, null as label,
               count(*)::int as work_orders, avg(${w.progressScore})::float8 as average,
               ${firstTimeRight} as first_time_right,
               coalesce(sum(${w.conformityErrors}), 0)::int as conformity_errors,
               coalesce(sum(${w.tasksCorrected}), 0)::int as corrections
          from ${w}
          cross join lateral unnest(${w.userGroupIds}) as g(id)
          left join ${workOrderInputStats} on ${workOrderInputStats.workOrderId} = ${w.id}
         where ${matching(query)}
         group by 1
         order by 3 desc, 1
         limit ${PEOPLE_LIMIT}`,
  );
  return rows.map(toPeople);
}
