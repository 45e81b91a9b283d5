import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { workOrderIndex } from '@/lib/server/db/schema';
import { whereOf, type ScopedQuery } from '@/lib/server/index/search';
import { selectRows } from '@/lib/server/db/sql';
import { SCORE_BANDS, type OverviewKpis, type PeopleStats, type ScoreBandCount } from '@/lib/shared/overview';
import { correctionsSince, startOfUtcDay, taskStatsFromRows, toPeople, type TaskStatsResult, type TaskVersionRow } from './aggregates';
import { rollupWhere } from './rollups';

/**
 * The overview's aggregates read from the daily rollups (same results as the live ones in
 * `aggregates.ts` for a query that filters on the creation range and review state only; call `refreshRollups`
 * first). What changes by the hour (reviewed today, corrections today) stays live: both are
 * narrow indexed lookups.
 */

const w = workOrderIndex;

/** The median as `percentile_cont(0.5)`: mean of the two middle values for an even count. */
export function medianOfCounts(counts: ReadonlyArray<{ score: number; n: number }>): number | null {
  const sorted = [...counts].filter((c) => c.n > 0).sort((a, b) => a.score - b.score);
  const total = sorted.reduce((sum, c) => sum + c.n, 0);
  if (total === 0) return null;
  const valueAt = (position: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.n;
      if (position < seen) return c.score;
    }
    return sorted.at(-1)!.score;
  };
  const middle = (total - 1) / 2;
  return (valueAt(Math.floor(middle)) + valueAt(Math.ceil(middle))) / 2;
}

export async function rollupScoreSummary(db: Db, query: ScopedQuery, now: Date): Promise<{ kpis: OverviewKpis; histogram: ScoreBandCount[] }> {
  const rows = await selectRows<{ score: number; n: number; to_review: number }>(
    db,
    sql`select progress_score as score, sum(work_orders)::int as n,
               coalesce(sum(work_orders) filter (where review_status = 'to_review'), 0)::int as to_review
          from overview_rollup_scores where ${rollupWhere(query)} group by 1`,
  );
  const counts = rows.map((row) => ({ score: Number(row.score), n: Number(row.n) }));
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const inBand = (min: number, max: number) => counts.filter((c) => c.score >= min && c.score <= max).reduce((sum, c) => sum + c.n, 0);
  const today = startOfUtcDay(now);
  const [reviewed] = await selectRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${w} where ${whereOf(query) ?? sql`true`} and ${w.reviewedAt} >= ${today.toISOString()}::timestamptz`,
  );
  const kpis: OverviewKpis = {
    workOrders: total,
    averageScore: total > 0 ? counts.reduce((sum, c) => sum + c.score * c.n, 0) / total : null,
    medianScore: medianOfCounts(counts),
    complete: inBand(100, 100),
    notStarted: inBand(0, 0),
    toReview: rows.reduce((sum, row) => sum + Number(row.to_review), 0),
    reviewedToday: Number(reviewed?.n ?? 0),
    correctionsToday: await correctionsSince(db, query, today),
  };
  const histogram = SCORE_BANDS.map((band) => ({ band: band.id, min: band.min, max: band.max, workOrders: inBand(band.min, band.max) }));
  return { kpis, histogram };
}

/** Work orders in the whole index (what a filter's share is measured against). */
export async function rollupFleetSize(db: Db): Promise<number> {
  const [row] = await selectRows<{ n: number }>(db, sql`select coalesce(sum(work_orders), 0)::int as n from overview_rollup_scores where facet = ''`);
  return Number(row?.n ?? 0);
}

export async function rollupTaskStats(db: Db, query: ScopedQuery): Promise<TaskStatsResult> {
  const rows = await selectRows<TaskVersionRow>(
    db,
    sql`select task_group_name, task_name, nullif(app_version_id, '') as app_version_id, bool_or(conformity) as conformity,
               sum(tasks)::int as tasks, sum(not_validated)::int as not_validated, sum(not_analyzed)::int as not_analyzed,
               sum(corrected)::int as corrected, sum(analyzed)::int as analyzed, sum(ok_to_ko)::int as ok_to_ko, sum(ko_to_ok)::int as ko_to_ok
          from overview_rollup_tasks where ${rollupWhere(query)}
         group by 1, 2, app_version_id
         order by 1, 2, app_version_id = '', app_version_id`,
  );
  return taskStatsFromRows(rows);
}

/**
 * Per technician or user group, most work orders first. A scoped user's work orders may also
 * carry another team's group: only the user's own groups get a row.
 */
export async function rollupPeople(db: Db, query: ScopedQuery, kind: 'engineer' | 'group'): Promise<PeopleStats[]> {
  const ownGroups = kind === 'group' && !query.scope.all ? sql`and key = any(${sql.param([...query.scope.groups], w.userGroupIds)}::text[])` : sql``;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`select nullif(key, '') as key, max(label) as label, sum(work_orders)::int as work_orders,
               (sum(score_sum) / nullif(sum(work_orders), 0))::float8 as average,
               sum(first_time_right)::int as first_time_right, sum(conformity_errors)::int as conformity_errors,
               sum(corrections)::int as corrections
          from overview_rollup_people where kind = ${kind} and ${rollupWhere(query)} ${ownGroups}
         group by key
         order by 3 desc, 1 nulls last
         limit 100`,
  );
  return rows.map(toPeople);
}
