import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { auditLog, workOrderIndex, workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import { whereOf, type ScopedQuery } from '@/lib/server/index/search';
import { selectRows } from '@/lib/server/db/sql';
import { DIRECTION_SQL } from '@/lib/server/ai-accuracy/direction';
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
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';

/**
 * The overview's aggregates over the work orders matching a list filter. Every function takes
 * the same typed query as the search and reuses its WHERE builder (`whereOf`), so a number on
 * the overview and the list its chart links to always agree. Days are UTC days.
 *
 * Each aggregate is a SELECT over `m`, the matching work orders (`matchingSet`). Alone (the
 * exported functions), `m` is an ordinary CTE the planner folds into the statement; in
 * `liveOverview` every aggregate reads one materialised `m` in a single statement, so the
 * filter runs once instead of once per chart.
 */

const w = workOrderIndex;
/** The correction audit action (kept in sync with `lib/server/dal/correction-history.ts`). */
const CORRECTION = 'correction';

function matching(query: ScopedQuery): SQL {
  return whereOf(query) ?? sql`true`;
}

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const num = (value: unknown): number => Number(value ?? 0);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const iso = (value: unknown): string => new Date(value as string | Date).toISOString();

/**
 * The matching work orders with every column the aggregates read. First time right: complete,
 * with no correction (upstream count) and no retaken photo; the photo counts are looked up only
 * for complete, uncorrected work orders (AND stops at the first false), by key: a scalar
 * subquery, which the planner cannot turn into a hash of every photo count (NOT EXISTS can).
 */
function matchingSet(query: ScopedQuery): SQL {
  const s = workOrderInputStats;
  return sql`select ${w.id} as id, ${w.name} as name, ${w.progressScore} as progress_score, ${w.reviewStatus} as review_status,
                    ${w.reviewedAt} as reviewed_at, ${w.createDate} as create_date, ${w.updateDate} as update_date,
                    ${w.fieldEngineerEmail} as field_engineer_email, ${w.fieldEngineerName} as field_engineer_name,
                    ${w.userGroupIds} as user_group_ids, ${w.tasksCorrected} as tasks_corrected, ${w.conformityErrors} as conformity_errors,
                    (${w.progressScore} = 100 and coalesce(${w.tasksCorrected}, 0) = 0
                     and coalesce((select ${s.retakes} from ${s} where ${s.workOrderId} = ${w.id}), 0) = 0) as first_time_right
               from ${w}
              where ${matching(query)}`;
}

/** `body` over `m`, the work orders matching `query`. */
function overMatching(query: ScopedQuery, body: SQL): SQL {
  return sql`with m as (${matchingSet(query)}) ${body}`;
}

// ---- the aggregates, each a SELECT over m -------------------------------------------------------

function summarySql(today: Date): SQL {
  return sql`select count(*)::int as total,
                    avg(progress_score)::float8 as average,
                    percentile_cont(0.5) within group (order by progress_score)::float8 as median,
                    count(*) filter (where progress_score = 0)::int as zero,
                    count(*) filter (where progress_score between 1 and 49)::int as low,
                    count(*) filter (where progress_score between 50 and 99)::int as high,
                    count(*) filter (where progress_score = 100)::int as complete,
                    count(*) filter (where review_status = 'to_review')::int as to_review,
                    count(*) filter (where reviewed_at >= ${today.toISOString()}::timestamptz)::int as reviewed_today
               from m`;
}

function correctionsInMatchingSql(since: Date): SQL {
  return sql`select count(*)::int as n
               from ${auditLog} a
              where a.action = ${CORRECTION} and a.outcome = 'applied' and a.at >= ${since.toISOString()}::timestamptz
                and a.work_order_id in (select id from m)`;
}

function stuckSql(cutoff: Date, limit: number): SQL {
  return sql`select id, name, field_engineer_email, progress_score, create_date, update_date, count(*) over ()::int as matched
               from m
              where progress_score < 100 and update_date < ${cutoff.toISOString()}::timestamptz
              order by update_date, id
              limit ${limit}`;
}

/** Created, completed and average score per creation day in [from, to] (YYYY-MM-DD, inclusive). */
function trendSql(from: string, to: string, nextDay: string): SQL {
  return sql`select to_char(create_date at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as created,
                    count(*) filter (where progress_score = 100)::int as completed,
                    avg(progress_score)::float8 as average
               from m
              where create_date >= ${`${from}T00:00:00Z`}::timestamptz and create_date < ${`${nextDay}T00:00:00Z`}::timestamptz
              group by 1`;
}

export type TrendRow = { day: string; created: number; completed: number; average: number | null };

/** The filtered trend's rows (days without work orders are absent). */
export async function trendRows(db: Db, query: ScopedQuery, from: string, to: string, nextDay: string): Promise<TrendRow[]> {
  return selectRows<TrendRow>(db, overMatching(query, trendSql(from, to, nextDay)));
}

/** Up to this many matching work orders, their tasks are read by key (one index scan over their ids); beyond, in one scan of the task index. */
export const TASKS_BY_WORK_ORDER_MAX = 3_000;

/**
 * Per task (and app version): shares not validated / not analysed / corrected from the task
 * index, and the AI overturn rate from the upstream's own values: a task counts as overturned
 * when it was corrected (anywhere: here, on the platform, by another tool) and its validation
 * now differs from the verdict the task's rules give the AI's value (`ai_validated`; see
 * `lib/server/ai-accuracy/direction.ts`). Rates are over the tasks the AI analysed.
 */
function taskRowsSql(byWorkOrderMax = TASKS_BY_WORK_ORDER_MAX): SQL {
  const t = workOrderTaskIndex;
  const columns = sql`t.task_group_name, t.task_name, t.app_version_id, t.conformity, t.analyzed, t.validated, t.corrected,
                      t.ai_validated, t.work_order_id`;
  // Two plans, one answer; which one runs depends on how many work orders match (a one-time
  // filter): the planner cannot know it before reading m, and guesses a scan of every task.
  return sql`select task_group_name, task_name, app_version_id, bool_or(conformity) as conformity,
                    count(*)::int as tasks,
                    count(*) filter (where conformity and analyzed and not validated)::int as not_validated,
                    count(*) filter (where not analyzed)::int as not_analyzed,
                    count(*) filter (where corrected)::int as corrected,
                    count(*) filter (where analyzed)::int as analyzed,
                    count(*) filter (where ${DIRECTION_SQL.okToKo})::int as ok_to_ko,
                    count(*) filter (where ${DIRECTION_SQL.koToOk})::int as ko_to_ok
               from (
                 select task_group_name, task_name, app_version_id, conformity, analyzed, validated, corrected, ai_validated
                   from (
                     select ${columns}
                       from ${t} t
                      where t.work_order_id = any(array(select id from m)) and (select count(*) from m) <= ${byWorkOrderMax}
                     union all
                     select ${columns}
                       from m join ${t} t on t.work_order_id = m.id
                      where (select count(*) from m) > ${byWorkOrderMax}) as task
                 offset 0) as task
              group by 1, 2, 3`;
}

const PEOPLE_LIMIT = 100;

/**
 * Per technician (field engineer e-mail) or per user group (a work order in two groups counts in
 * both), most work orders first. A scoped user's work orders may also carry another team's
 * group: only the user's own groups get a row.
 */
function peopleSql(kind: 'engineer' | 'group', scope: WorkOrderScope): SQL {
  // One array parameter, encoded as the column encodes its arrays.
  const ownGroups = scope.all ? sql`` : sql`where g.id = any(${sql.param([...scope.groups], w.userGroupIds)}::text[])`;
  const [key, label, from, order] =
    kind === 'engineer'
      ? [sql`field_engineer_email`, sql`max(field_engineer_name)`, sql`m`, sql`3 desc, 1 nulls last`]
      : [sql`g.id`, sql`null::text`, sql`m cross join lateral unnest(m.user_group_ids) as g(id) ${ownGroups}`, sql`3 desc, 1`];
  return sql`select ${key} as key, ${label} as label,
                    count(*)::int as work_orders, avg(progress_score)::float8 as average,
                    count(*) filter (where first_time_right)::int as first_time_right,
                    coalesce(sum(conformity_errors), 0)::int as conformity_errors,
                    coalesce(sum(tasks_corrected), 0)::int as corrections
               from ${from}
              group by 1
              order by ${order}
              limit ${PEOPLE_LIMIT}`;
}

// ---- rows to DTOs -------------------------------------------------------------------------------

type Summary = { kpis: OverviewKpis; histogram: ScoreBandCount[] };

function toSummary(row: Record<string, unknown> | undefined, correctionsToday: number): Summary {
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

type StuckRow = {
  id: string;
  name: string;
  field_engineer_email: string | null;
  progress_score: number;
  create_date: Date | string;
  update_date: Date | string;
  matched: number;
};

function toStuck(rows: StuckRow[]): Overview['stuck'] {
  const matched = num(rows[0]?.matched);
  return {
    total: Math.min(matched, STUCK_COUNT_CAP),
    capped: matched > STUCK_COUNT_CAP,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      fieldEngineerEmail: row.field_engineer_email,
      progressScore: num(row.progress_score),
      createDate: iso(row.create_date),
      updateDate: iso(row.update_date),
    })),
  };
}

// ---- one aggregate per statement ----------------------------------------------------------------

/** KPI cards and the progress-score histogram: one pass over the matching rows. */
export async function scoreSummary(db: Db, query: ScopedQuery, now: Date): Promise<Summary> {
  const today = startOfUtcDay(now);
  const [row] = await selectRows<Record<string, unknown>>(db, overMatching(query, summarySql(today)));
  return toSummary(row, await correctionsSince(db, query, today));
}

/** Corrections applied through Field Review since `since` on matching work orders (few audit rows, each looked up). */
export async function correctionsSince(db: Db, query: ScopedQuery, since: Date): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n
          from ${auditLog} a
         where a.action = ${CORRECTION} and a.outcome = 'applied' and a.at >= ${since.toISOString()}::timestamptz
           and exists (select 1 from ${w} where ${w.id} = a.work_order_id and ${matching(query)})`,
  );
  return num(row?.n);
}

/** How many incomplete work orders the stuck card reads in update order before it asks the filter instead. */
export const STUCK_WALK = 2_000;

/**
 * Work orders not complete and not updated for `days` days, oldest update first, counted up to
 * STUCK_COUNT_CAP. Two plans with the same answer, because the best one depends on the filter,
 * and the planner cannot choose: it does not know how the filter correlates with the update
 * date (a creation range, a tag of finished work). `walkFirst` (a broad filter): read the
 * oldest STUCK_WALK incomplete work orders in update order (index walk), which answers when
 * they hold more matches than the cap or are all of them (then the page is the same walk,
 * stopped at its last row). When they hold at least a page of matches (a fifth of the fleet,
 * one team's), the page is still the walk's (nothing older was skipped) and only the count is
 * asked of the filter, stopping at the cap. Otherwise read the matching work orders first (the
 * filter's own indexes) and sort them.
 */
export async function stuckWorkOrders(
  db: Db,
  query: ScopedQuery,
  days: number,
  now: Date,
  { limit = STUCK_LIMIT, walkFirst = true, walkLength = STUCK_WALK }: { limit?: number; walkFirst?: boolean; walkLength?: number } = {},
): Promise<Overview['stuck']> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const isStuck = sql`${w.progressScore} < 100 and ${w.updateDate} < ${cutoff.toISOString()}::timestamptz`;
  const columns = sql`${w.id} as id, ${w.name} as name, ${w.fieldEngineerEmail} as field_engineer_email, ${w.progressScore} as progress_score,
                      ${w.createDate} as create_date, ${w.updateDate} as update_date`;
  if (walkFirst) {
    const walk = sql`select ${columns}, (${matching(query)}) as matches
                       from ${w} where ${isStuck} order by ${w.updateDate}, ${w.id} limit ${walkLength}`;
    const [counts] = await selectRows<{ walked: number; matched: number }>(
      db,
      sql`select count(*)::int as walked, (count(*) filter (where matches))::int as matched from (${walk}) as walk`,
    );
    const matched = num(counts?.matched);
    // Past the cap, or fewer stuck work orders than the walk's length (it saw them all): answered.
    const pageFromWalk = (total: number) =>
      selectRows<StuckRow>(
        db,
        sql`select id, name, field_engineer_email, progress_score, create_date, update_date, ${total}::int as matched
              from (${walk}) as walk where matches order by update_date, id limit ${limit}`,
      );
    if (matched > STUCK_COUNT_CAP || num(counts?.walked) < walkLength) return toStuck(await pageFromWalk(matched));
    if (matched >= limit) {
      const [capped] = await selectRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from (select 1 from ${w} where ${matching(query)} and ${isStuck} limit ${STUCK_COUNT_CAP + 1}) as m`,
      );
      return toStuck(await pageFromWalk(num(capped?.n)));
    }
  }
  return toStuck(
    await selectRows<StuckRow>(
      db,
      sql`with found as materialized (select ${columns} from ${w} where ${matching(query)} and ${isStuck})
          select *, count(*) over ()::int as matched from found order by update_date, id limit ${limit}`,
    ),
  );
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

/** Per task and app version over the matching work orders (see `taskRowsSql`). */
export async function taskStatsByVersion(db: Db, query: ScopedQuery): Promise<TaskVersionRow[]> {
  return selectRows<TaskVersionRow>(db, overMatching(query, sql`${taskRowsSql()} order by 1, 2, 3`));
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
export async function taskStats(db: Db, query: ScopedQuery): Promise<TaskStatsResult> {
  return taskStatsFromRows(await taskStatsByVersion(db, query));
}

export type TaskStatsResult = { taskGroups: TaskStats[]; tasks: TaskStats[]; overturnByVersion: OverturnByVersion[] };

/** Per task, per task group and by version from per (task, version) rows (live or rolled up). */
export function taskStatsFromRows(rows: TaskVersionRow[]): TaskStatsResult {
  const perTask = [...groupBy(rows, (row) => JSON.stringify([row.task_group_name, row.task_name])).values()];
  const tasks = perTask.map((group) => toTaskStats(sumRows(group), group[0].task_name));
  const taskGroups = [...groupBy(rows, (row) => row.task_group_name).values()].map((group) => toTaskStats(sumRows(group), null));
  // By version: only where it tells something (an overturn, or a task seen in several versions).
  const multiVersion = new Set(
    perTask.filter((group) => group.length > 1).map((group) => JSON.stringify([group[0].task_group_name, group[0].task_name])),
  );
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

/** Per technician (field engineer e-mail), most work orders first. */
export async function technicianStats(db: Db, query: ScopedQuery): Promise<PeopleStats[]> {
  return (await selectRows<Record<string, unknown>>(db, overMatching(query, peopleSql('engineer', query.scope)))).map(toPeople);
}

/** Per user group (a work order in two groups counts in both), most work orders first. */
export async function userGroupStats(db: Db, query: ScopedQuery): Promise<PeopleStats[]> {
  return (await selectRows<Record<string, unknown>>(db, overMatching(query, peopleSql('group', query.scope)))).map(toPeople);
}

// ---- every live aggregate in one statement ------------------------------------------------------

/** A json column of the combined statement (parsed by both drivers; a string if a driver did not). */
function jsonRows<T>(value: unknown): T[] {
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

export interface LiveOverview extends Summary, TaskStatsResult {
  trendRows: TrendRow[];
  stuck: Overview['stuck'];
  technicians: PeopleStats[];
  userGroups: PeopleStats[];
}

/**
 * The figures `scoreSummary`, `correctionsSince`, the filtered trend, `stuckWorkOrders`,
 * `taskStats`, `technicianStats` and `userGroupStats` give, from ONE statement that reads the
 * matching work orders once (materialised `m`): for a filter the rollups cannot answer, the
 * filter's cost (bitmap ANDs over GIN indexes, joins) is paid once rather than per chart.
 */
export async function liveOverview(
  db: Db,
  query: ScopedQuery,
  options: { now: Date; stuckDays: number; trendFrom: string; trendTo: string; trendNextDay: string; tasksByWorkOrderMax?: number },
): Promise<LiveOverview> {
  const { now, stuckDays, trendFrom, trendTo, trendNextDay, tasksByWorkOrderMax } = options;
  const today = startOfUtcDay(now);
  const cutoff = new Date(now.getTime() - stuckDays * 86_400_000);
  const list = (body: SQL, order: SQL) => sql`(select coalesce(json_agg(x order by ${order}), '[]'::json) from (${body}) as x)`;
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`with m as materialized (${matchingSet(query)})
        select (select row_to_json(x) from (${summarySql(today)}) as x) as summary,
               (${correctionsInMatchingSql(today)}) as corrections_today,
               ${list(trendSql(trendFrom, trendTo, trendNextDay), sql`x.day`)} as trend,
               ${list(stuckSql(cutoff, STUCK_LIMIT), sql`x.update_date, x.id`)} as stuck,
               ${list(taskRowsSql(tasksByWorkOrderMax), sql`x.task_group_name, x.task_name, x.app_version_id`)} as tasks,
               ${list(peopleSql('engineer', query.scope), sql`x.work_orders desc, x.key nulls last`)} as technicians,
               ${list(peopleSql('group', query.scope), sql`x.work_orders desc, x.key`)} as user_groups`,
  );
  const summaryValue =
    typeof row?.summary === 'string' ? (JSON.parse(row.summary) as Record<string, unknown>) : (row?.summary as Record<string, unknown> | undefined);
  return {
    ...toSummary(summaryValue, num(row?.corrections_today)),
    trendRows: jsonRows(row?.trend),
    stuck: toStuck(jsonRows<StuckRow>(row?.stuck)),
    ...taskStatsFromRows(jsonRows<TaskVersionRow>(row?.tasks)),
    technicians: jsonRows<Record<string, unknown>>(row?.technicians).map(toPeople),
    userGroups: jsonRows<Record<string, unknown>>(row?.user_groups).map(toPeople),
  };
}
