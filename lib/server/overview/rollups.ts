import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { auditLog, overviewRollupDirty, workOrderIndex, workOrderInputStats, workOrderTaskIndex } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/index/sql-rows';
import { DEFAULT_QUERY, toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';

/**
 * The overview's materialised daily aggregates (`overview_rollup_*`, see the schema): the
 * refresh recomputes the days the triggers marked dirty, with the same definitions as the live
 * aggregates in `aggregates.ts` (a test checks both agree). Only for queries that filter on
 * nothing but the creation range and the review state (`rollupApplies`).
 */

const w = workOrderIndex;
const t = workOrderTaskIndex;
const CORRECTION = 'correction';
const creationDay = sql`(${w.createDate} at time zone 'UTC')::date`;

/** Recomputes every dirty day (claimed atomically, so two callers never redo the same day). */
export async function refreshRollups(db: Db): Promise<number> {
  const claimed = await selectRows<{ day: string }>(db, sql`delete from ${overviewRollupDirty} returning to_char(day, 'YYYY-MM-DD') as day`);
  if (claimed.length === 0) return 0;
  const days = claimed.map((row) => row.day).sort();
  const list = sql`${`{${days.join(',')}}`}::date[]`;
  // A range the creation-date index can use, then the exact days.
  const inDays = sql`${w.createDate} >= ${`${days[0]}T00:00:00Z`}::timestamptz
    and ${w.createDate} < (${days.at(-1)}::date + 1)::timestamp at time zone 'UTC'
    and ${creationDay} = any(${list})`;
  await db.transaction(async (tx) => {
    for (const table of ['overview_rollup_scores', 'overview_rollup_tasks', 'overview_rollup_people']) {
      await tx.execute(sql`delete from ${sql.identifier(table)} where day = any(${list})`);
    }
    await tx.execute(sql`
      insert into overview_rollup_scores (day, progress_score, review_status, work_orders)
      select ${creationDay}, ${w.progressScore}, ${w.reviewStatus}, count(*)::int
        from ${w} where ${inDays} group by 1, 2, 3`);
    await tx.execute(sql`
      insert into overview_rollup_tasks (day, task_group_name, task_name, app_version_id, review_status, conformity, tasks, not_validated,
                                         not_analyzed, corrected, analyzed, ok_to_ko, ko_to_ok)
      select day, task_group_name, task_name, coalesce(app_version_id, ''), review_status, bool_or(conformity), count(*)::int,
             count(*) filter (where conformity and analyzed and not validated)::int,
             count(*) filter (where not analyzed)::int,
             count(*) filter (where corrected)::int,
             count(*) filter (where analyzed)::int,
             count(*) filter (where ai_said is true and not validated)::int,
             count(*) filter (where ai_said is false and validated)::int
        from (
          select ${creationDay} as day, ${t.taskGroupName} as task_group_name, ${t.taskName} as task_name,
                 ${t.appVersionId} as app_version_id, ${w.reviewStatus} as review_status, ${t.conformity} as conformity, ${t.analyzed} as analyzed,
                 ${t.validated} as validated, ${t.corrected} as corrected,
                 case when ${t.corrected} then (
                   select coalesce(${t.aiValidated}, (a.before ->> 'validated')::boolean)
                     from ${auditLog} a
                    where a.work_order_id = ${t.workOrderId} and a.task_id = ${t.taskId}
                      and a.action = ${CORRECTION} and a.outcome = 'applied'
                    order by a.at limit 1) end as ai_said
            from ${t} join ${w} on ${w.id} = ${t.workOrderId}
           where ${inDays}) as task
       group by 1, 2, 3, 4, 5`);
    const people = (kind: 'engineer' | 'group', key: SQL, label: SQL, from: SQL) =>
      tx.execute(sql`
        insert into overview_rollup_people (day, kind, key, review_status, label, work_orders, score_sum, first_time_right, conformity_errors, corrections)
        select ${creationDay}, ${kind}, ${key}, ${w.reviewStatus}, ${label}, count(*)::int, coalesce(sum(${w.progressScore}), 0)::float8,
               count(*) filter (where ${w.progressScore} = 100 and coalesce(${w.tasksCorrected}, 0) = 0
                 and coalesce(${workOrderInputStats.retakes}, 0) = 0)::int,
               coalesce(sum(${w.conformityErrors}), 0)::int, coalesce(sum(${w.tasksCorrected}), 0)::int
          from ${from}
          left join ${workOrderInputStats} on ${workOrderInputStats.workOrderId} = ${w.id}
         where ${inDays}
         group by 1, 3, 4`);
    await people('engineer', sql`coalesce(${w.fieldEngineerEmail}, '')`, sql`max(${w.fieldEngineerName})`, sql`${w}`);
    await people('group', sql`g.id`, sql`null::text`, sql`${w} cross join lateral unnest(${w.userGroupIds}) as g(id)`);
  });
  return days.length;
}

/** Whether the rollups answer this query: no filter but the creation range and the review state. */
export function rollupApplies(query: WorkOrderQuery): boolean {
  const rest = { ...query, createdFrom: null, createdTo: null, review: DEFAULT_QUERY.review };
  return toQueryString(rest, ['page', 'pageSize', 'cols', 'sort']) === '';
}

/** The creation-range and review condition of a rollup read. */
export function rollupWhere(query: WorkOrderQuery): SQL {
  const from = query.createdFrom ? sql`day >= ${query.createdFrom}::date` : sql`true`;
  const to = query.createdTo ? sql`day <= ${query.createdTo}::date` : sql`true`;
  const review = query.review === 'all' ? sql`true` : sql`review_status = ${query.review}`;
  return sql`${from} and ${to} and ${review}`;
}
