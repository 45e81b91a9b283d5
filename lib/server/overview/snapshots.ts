import 'server-only';
import { and, asc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import { getDb, withAdvisoryLock, type Db } from '@/lib/server/db/client';
import { auditLog, dailySnapshots, indexSyncState, workOrderIndex, type DailySnapshotRow } from '@/lib/server/db/schema';
import { selectRows } from '@/lib/server/db/sql';
import { logger } from '@/lib/server/logger';
import { withLogContext } from '@/lib/server/log-context';
import { TREND_DAYS } from '@/lib/shared/overview';
import { startOfUtcDay } from './aggregates';

/**
 * Daily snapshots of the fleet (`overview_daily_snapshots`). `takeDailySnapshot` is
 * idempotent: it rewrites today's row from the index as it stands, and estimates every day of
 * the last TREND_DAYS not recorded live (first run, or days the server was down) from creation
 * dates and today's scores (`source = 'backfill'`, redone on each run so the estimate follows
 * the index; a row recorded live is never overwritten once its day is over).
 */

const w = workOrderIndex;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

interface DayCounts {
  created: number;
  complete: number;
  notStarted: number;
  scoreSum: number;
}

const num = (value: unknown): number => Number(value ?? 0);

async function countsByCreationDay(db: Db): Promise<Map<string, DayCounts>> {
  const rows = await selectRows<{ day: string; created: number; complete: number; not_started: number; score_sum: number }>(
    db,
    sql`select to_char(${w.createDate} at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as created,
               count(*) filter (where ${w.progressScore} = 100)::int as complete,
               count(*) filter (where ${w.progressScore} = 0)::int as not_started,
               coalesce(sum(${w.progressScore}), 0)::float8 as score_sum
          from ${w} group by 1`,
  );
  return new Map(
    rows.map((row) => [
      row.day,
      { created: num(row.created), complete: num(row.complete), notStarted: num(row.not_started), scoreSum: num(row.score_sum) },
    ]),
  );
}

async function countsPerDay(db: Db, query: ReturnType<typeof sql>): Promise<Map<string, number>> {
  const rows = await selectRows<{ day: string; n: number }>(db, query);
  return new Map(rows.map((row) => [row.day, num(row.n)]));
}

/** Corrections applied here per UTC day since `from`. */
function correctionsPerDay(db: Db, from: string) {
  return countsPerDay(
    db,
    sql`select to_char(at at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as n from ${auditLog}
         where action = 'correction' and outcome = 'applied' and at >= ${`${from}T00:00:00Z`}::timestamptz group by 1`,
  );
}

/** Work orders marked reviewed here per UTC day since `from` (by their current review). */
function reviewedPerDay(db: Db, from: string) {
  return countsPerDay(
    db,
    sql`select to_char(${w.reviewedAt} at time zone 'UTC', 'YYYY-MM-DD') as day, count(*)::int as n from ${w}
         where ${w.reviewedAt} >= ${`${from}T00:00:00Z`}::timestamptz group by 1`,
  );
}

/** Takes today's snapshot and back-fills missing days. Returns the rows written. */
export async function takeDailySnapshot(db: Db, now = new Date(), days = TREND_DAYS): Promise<number> {
  const today = isoDay(startOfUtcDay(now));
  const from = addDays(today, -(days - 1));
  const existing = await db
    .select({ day: dailySnapshots.day, complete: dailySnapshots.complete, source: dailySnapshots.source })
    .from(dailySnapshots)
    .where(and(gte(dailySnapshots.day, addDays(from, -1)), lte(dailySnapshots.day, today)));
  const recorded = new Map(existing.map((row) => [row.day, row]));
  const byDay = await countsByCreationDay(db);
  const [corrections, reviewed] = [await correctionsPerDay(db, from), await reviewedPerDay(db, from)];

  // Running totals over creation days: the fleet as it stood at the end of each day (estimate).
  const sortedDays = [...byDay.keys()].sort();
  let cursor = 0;
  const running: DayCounts & { total: number } = { created: 0, complete: 0, notStarted: 0, scoreSum: 0, total: 0 };
  const advanceTo = (day: string) => {
    while (cursor < sortedDays.length && sortedDays[cursor] <= day) {
      const counts = byDay.get(sortedDays[cursor])!;
      running.total += counts.created;
      running.complete += counts.complete;
      running.notStarted += counts.notStarted;
      running.scoreSum += counts.scoreSum;
      cursor += 1;
    }
  };

  const rows: (typeof dailySnapshots.$inferInsert)[] = [];
  advanceTo(addDays(from, -1));
  let previousComplete = recorded.get(addDays(from, -1))?.complete ?? running.complete;
  for (let day = from; day <= today; day = addDays(day, 1)) {
    advanceTo(day);
    const live = recorded.get(day);
    const isToday = day === today;
    if (live && live.source === 'live' && !isToday) {
      previousComplete = live.complete;
      continue; // a past day recorded live is history: never rewritten (estimates are redone)
    }
    const created = byDay.get(day)?.created ?? 0;
    const row = {
      day,
      created,
      total: running.total,
      complete: running.complete,
      notStarted: running.notStarted,
      completed: isToday ? Math.max(0, running.complete - previousComplete) : (byDay.get(day)?.complete ?? 0),
      averageScore: running.total > 0 ? running.scoreSum / running.total : null,
      corrections: corrections.get(day) ?? 0,
      reviewed: reviewed.get(day) ?? 0,
      source: isToday ? ('live' as const) : ('backfill' as const),
      takenAt: now,
    };
    previousComplete = row.complete;
    rows.push(row);
  }
  if (rows.length === 0) return 0;
  await db
    .insert(dailySnapshots)
    .values(rows)
    .onConflictDoUpdate({
      target: dailySnapshots.day,
      // Today's row and estimates are rewritten; past live rows were skipped above.
      set: {
        created: sql`excluded.created`,
        total: sql`excluded.total`,
        complete: sql`excluded.complete`,
        notStarted: sql`excluded.not_started`,
        completed: sql`excluded.completed`,
        averageScore: sql`excluded.average_score`,
        corrections: sql`excluded.corrections`,
        reviewed: sql`excluded.reviewed`,
        source: sql`excluded.source`,
        takenAt: sql`excluded.taken_at`,
      },
    });
  return rows.length;
}

export async function snapshotsBetween(db: Db, from: string, to: string): Promise<DailySnapshotRow[]> {
  return db
    .select()
    .from(dailySnapshots)
    .where(and(gte(dailySnapshots.day, from), lte(dailySnapshots.day, to)))
    .orderBy(asc(dailySnapshots.day));
}

// ---- the background job -----------------------------------------------------------------------

const LOCK_KEY = 'field-review:overview-snapshot';
const LOOP_KEY = Symbol.for('field-review.overview-snapshot-loop');
type GlobalWithLoop = typeof globalThis & { [LOOP_KEY]?: { stop(): void } };

/** Whether a full index sync completed once: before that the index is partial and a snapshot would lie. */
async function indexComplete(db: Db): Promise<boolean> {
  const rows = await db
    .select({ job: indexSyncState.job })
    .from(indexSyncState)
    .where(and(eq(indexSyncState.job, 'full'), isNotNull(indexSyncState.lastSuccessAt)));
  return rows.length > 0;
}

/**
 * One snapshot run if no other instance is taking one and the index is complete; never throws.
 * Says whether the index was complete, so the loop knows whether to keep waiting for it.
 */
export function runSnapshotJob(now = new Date()): Promise<boolean> {
  return withLogContext({ job: 'overview-snapshot' }, () => snapshotNow(now));
}

async function snapshotNow(now: Date): Promise<boolean> {
  try {
    const db = await getDb();
    if (!(await indexComplete(db))) return false;
    await withAdvisoryLock(LOCK_KEY, () => takeDailySnapshot(db, now));
    return true;
  } catch (error) {
    logger.error({ event: 'snapshot_failed', err: error }, 'daily progress snapshot failed');
    return false;
  }
}

/**
 * Snapshots every `OVERVIEW_SNAPSHOT_INTERVAL_MS` (default 10 min), once per process. The first
 * one is taken as soon as the first full index sync has completed (checked every 15 s), so a
 * fresh install shows its trend within seconds of the sync, not one interval later. Off with
 * `INDEX_SYNC=off` (no sync, nothing new to record). Timers are unref'd.
 */
export function startSnapshotLoop(): { stop(): void } {
  const store = globalThis as GlobalWithLoop;
  if (store[LOOP_KEY]) return store[LOOP_KEY];
  if (process.env.INDEX_SYNC === 'off') return (store[LOOP_KEY] = { stop() {} });
  const value = Number(process.env.OVERVIEW_SNAPSHOT_INTERVAL_MS);
  const intervalMs = Number.isFinite(value) && value >= 1_000 ? value : 10 * 60_000;
  let stopped = false;
  let first: ReturnType<typeof setTimeout> | undefined;
  const waitForIndex = (delayMs: number) => {
    first = setTimeout(async () => {
      if (stopped) return;
      if (!(await runSnapshotJob())) waitForIndex(Math.min(15_000, intervalMs));
    }, delayMs);
    first.unref();
  };
  waitForIndex(5_000);
  const every = setInterval(() => void runSnapshotJob(), intervalMs);
  every.unref();
  const loop = {
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      delete store[LOOP_KEY];
    },
  };
  store[LOOP_KEY] = loop;
  return loop;
}
