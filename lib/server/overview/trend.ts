import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { selectRows } from '@/lib/server/db/sql';
import { MAX_TREND_DAYS, TREND_DAYS, type Overview, type TrendPoint } from '@/lib/shared/overview';
import { DEFAULT_QUERY, toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import type { ScopedQuery } from '@/lib/server/index/search';
import { startOfUtcDay, trendRows, type TrendRow } from './aggregates';
import { rollupApplies, rollupWhere } from './rollups';
import { addDays, isoDay, snapshotsBetween } from './snapshots';

/** The first day a list filter accepts. */
const FIRST_DAY = '0001-01-01';

/** The trend's days: the creation range if any (at most MAX_TREND_DAYS, ending no later than today), else the last TREND_DAYS. */
export function trendWindow(query: WorkOrderQuery, now: Date): { from: string; to: string } {
  const today = isoDay(startOfUtcDay(now));
  const to = query.createdTo && query.createdTo < today ? query.createdTo : today;
  const earliest = addDays(to, -(MAX_TREND_DAYS - 1));
  let from = query.createdFrom ?? addDays(to, -(TREND_DAYS - 1));
  if (from < earliest) from = earliest;
  // Days before year 1 are no PostgreSQL dates (and their ISO form is not `YYYY-MM-DD`).
  if (from < FIRST_DAY) from = FIRST_DAY;
  if (from > to) from = to;
  return { from, to };
}

/** Whether the fleet-wide snapshots answer this query (no filter but the creation range). */
export function snapshotsApply(query: ScopedQuery): boolean {
  // The snapshots count every work order of the site: never for a user of some teams only.
  if (!query.scope.all || query.review !== 'all') return false;
  const rest = { ...query, createdFrom: null, createdTo: null, review: DEFAULT_QUERY.review };
  return toQueryString(rest, ['page', 'pageSize', 'cols', 'sort']) === '';
}

function days(from: string, to: string): string[] {
  const list: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) list.push(day);
  return list;
}

/**
 * Created, completed and average score per day. Unfiltered: our daily snapshots (history that
 * survives upstream changes). Filtered: computed now from the index per creation day
 * (completed = of the work orders created that day, those complete now) — read from the daily
 * rollups when `rolledUp` says they are fresh and answer the filter (same figures).
 */
export async function trend(db: Db, query: ScopedQuery, now: Date, { rolledUp = false } = {}): Promise<Overview['trend']> {
  const { from, to } = trendWindow(query, now);
  if (snapshotsApply(query)) {
    const byDay = new Map((await snapshotsBetween(db, from, to)).map((row) => [row.day, row]));
    const points: TrendPoint[] = days(from, to).flatMap((day) => {
      const row = byDay.get(day);
      if (!row) return [];
      return [
        {
          day,
          created: row.created,
          completed: row.completed,
          averageScore: row.averageScore,
          source: row.source === 'backfill' ? 'backfill' : 'snapshot',
        },
      ];
    });
    return { source: 'snapshots', from, to, points };
  }
  const rows =
    rolledUp && rollupApplies(query)
      ? await selectRows<TrendRow>(
          db,
          // avg() of integers is their exact sum over their count, rounded once: the same here.
          sql`select to_char(day, 'YYYY-MM-DD') as day, sum(work_orders)::int as created,
                     coalesce(sum(work_orders) filter (where progress_score = 100), 0)::int as completed,
                     (sum(progress_score::bigint * work_orders)::numeric / nullif(sum(work_orders), 0))::float8 as average
                from overview_rollup_scores
               where ${rollupWhere(query)} and day >= ${from}::date and day <= ${to}::date
               group by day`,
        )
      : await trendRows(db, query, from, to, addDays(to, 1));
  return trendFromRows(from, to, rows);
}

/** The filtered trend: every day of the window, from per-day rows (live or rolled up). */
export function trendFromRows(from: string, to: string, rows: TrendRow[]): Overview['trend'] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const points: TrendPoint[] = days(from, to).map((day) => {
    const row = byDay.get(day);
    return {
      day,
      created: Number(row?.created ?? 0),
      completed: Number(row?.completed ?? 0),
      averageScore: row?.average === null || row?.average === undefined ? null : Number(row.average),
      source: 'index',
    };
  });
  return { source: 'index', from, to, points };
}
