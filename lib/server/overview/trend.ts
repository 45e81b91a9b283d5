import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { workOrderIndex } from '@/lib/server/db/schema';
import { whereOf } from '@/lib/server/index/search';
import { selectRows } from '@/lib/server/index/sql-rows';
import { MAX_TREND_DAYS, TREND_DAYS, type Overview, type TrendPoint } from '@/lib/shared/overview';
import { DEFAULT_QUERY, toQueryString, type WorkOrderQuery } from '@/lib/shared/work-order-filters';
import { startOfUtcDay } from './aggregates';
import { addDays, isoDay, snapshotsBetween } from './snapshots';

const w = workOrderIndex;

/** The trend's days: the creation range if any (at most MAX_TREND_DAYS, ending no later than today), else the last TREND_DAYS. */
export function trendWindow(query: WorkOrderQuery, now: Date): { from: string; to: string } {
  const today = isoDay(startOfUtcDay(now));
  const to = query.createdTo && query.createdTo < today ? query.createdTo : today;
  const earliest = addDays(to, -(MAX_TREND_DAYS - 1));
  let from = query.createdFrom ?? addDays(to, -(TREND_DAYS - 1));
  if (from < earliest) from = earliest;
  if (from > to) from = to;
  return { from, to };
}

/** Whether the fleet-wide snapshots answer this query (no filter but the creation range). */
export function snapshotsApply(query: WorkOrderQuery): boolean {
  if (query.review !== 'all') return false;
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
 * (completed = of the work orders created that day, those complete now).
 */
export async function trend(db: Db, query: WorkOrderQuery, now: Date): Promise<Overview['trend']> {
  const { from, to } = trendWindow(query, now);
  if (snapshotsApply(query)) {
    const byDay = new Map((await snapshotsBetween(db, from, to)).map((row) => [row.day, row]));
    const points: TrendPoint[] = days(from, to).flatMap((day) => {
      const row = byDay.get(day);
      if (!row) return [];
      return [{ day, created: row.created, completed: row.completed, averageScore: row.averageScore, source: row.source === 'backfill' ? 'backfill' : 'snapshot' }];
    });
    return { source: 'snapshots', from, to, points };
  }
  const rows = await selectRows<{ day: string; created: number; completed: number; average: number | null }>(
    db,
    sql`select to_char(${w.createDate} at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as created,
               count(*) filter (where ${w.progressScore} = 100)::int as completed,
               avg(${w.progressScore})::float8 as average
          from ${w}
         where ${whereOf(query) ?? sql`true`}
           and ${w.createDate} >= ${`${from}T00:00:00Z`}::timestamptz
           and ${w.createDate} < ${`${addDays(to, 1)}T00:00:00Z`}::timestamptz
         group by 1`,
  );
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
