import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { doubtEngineerRates, workOrderIndex } from '@/lib/server/db/schema';
import { idIn, selectRows, yieldToEventLoop } from '@/lib/server/db/sql';
import type { DoubtWeights } from '@/lib/shared/doubt';
import { refreshRates, type RateChanges } from './rates';
import { doubtOf, type StandingVerdict } from './score';
import { advanceRescore, loadWeights } from './weights';

/**
 * Keeps the index rows' doubt scores current. A row is stale when its `synced_at` differs from
 * the one its score was computed from (the sync rewrote it) or when the weights changed (every
 * row is marked). Stale rows are found on a partial index and rescored in batches, a bounded
 * number per run; what is left waits for the next run. When a site-wide rate moves, the rows
 * with that task or engineer are rescored too. Only a row whose score, reasons or staleness
 * changes is written: an unchanged index stays unwritten. After a weight change, every row is
 * rescored by a walk in id order that resumes where the last run stopped (`rescore_after`), so
 * the admin's change itself writes no row. Runs after each sync pass, under the sync's lock, so
 * one instance at a time writes scores.
 */

export interface DoubtRefreshOptions {
  /** Recompute the site-wide rates first (default true). */
  rates?: boolean;
  /** The most rows rescored in one run. */
  maxRows?: number;
  batchSize?: number;
  now?: Date;
}

export interface DoubtRefreshResult {
  scored: number;
  /** Stale rows left for the next run (the bound was reached). */
  staleLeft: boolean;
  rateChanges: { tasks: number; engineers: number };
}

const DEFAULT_MAX_ROWS = 200_000;
const DEFAULT_BATCH = 500;
const w = workOrderIndex;

export async function refreshDoubt(db: Db, options: DoubtRefreshOptions = {}): Promise<DoubtRefreshResult> {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const changes: RateChanges = options.rates === false ? { tasks: [], engineers: [] } : await refreshRates(db, options.now);
  const { weights } = await loadWeights(db);
  const touched = await rowsTouchedBy(db, changes);
  for (let start = 0; start < touched.length; start += batchSize) {
    await scoreWorkOrders(db, touched.slice(start, start + batchSize), weights);
    await yieldToEventLoop();
  }
  let scored = 0;
  let staleLeft = false;
  while (true) {
    const ids = await staleIds(db, Math.min(batchSize, maxRows - scored + 1));
    if (ids.length === 0) break;
    if (scored >= maxRows) {
      staleLeft = true;
      break;
    }
    const batch = ids.slice(0, maxRows - scored);
    await scoreWorkOrders(db, batch, weights);
    scored += batch.length;
    await yieldToEventLoop();
  }
  const walk = await rescoreWalk(db, maxRows - scored, batchSize);
  return {
    scored: scored + walk.scored,
    staleLeft: staleLeft || walk.left,
    rateChanges: { tasks: changes.tasks.length, engineers: changes.engineers.length },
  };
}

/**
 * Rescores every row with the weights in force, `batchSize` ids at a time in id order, from
 * where the walk stands, at most `maxRows`. A weight change meanwhile restarts it from the first
 * id (with the new weights). `left`: the walk is not over.
 */
async function rescoreWalk(db: Db, maxRows: number, batchSize: number): Promise<{ scored: number; left: boolean }> {
  let scored = 0;
  while (true) {
    const current = await loadWeights(db);
    if (current.rescoreAfter === null || current.updatedAt === null) return { scored, left: false };
    if (scored >= maxRows) return { scored, left: true };
    const from = current.rescoreAfter;
    const rows = await db
      .select({ id: w.id })
      .from(w)
      .where(sql`${w.id} > ${from}`)
      .orderBy(w.id)
      .limit(Math.min(batchSize, maxRows - scored));
    const ids = rows.map((row) => row.id);
    await scoreWorkOrders(db, ids, current.weights);
    scored += ids.length;
    await advanceRescore(db, current.updatedAt, from, ids.length === 0 ? null : ids.at(-1)!);
    await yieldToEventLoop();
  }
}

async function staleIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: w.id })
    .from(w)
    .where(sql`${w.doubtSyncedAt} is distinct from ${w.syncedAt}`)
    .limit(limit);
  return rows.map((row) => row.id);
}

/** The rows a moved rate touches: their engineer's, or one of their standing AI verdicts'. */
async function rowsTouchedBy(db: Db, changes: RateChanges): Promise<string[]> {
  if (changes.engineers.length === 0 && changes.tasks.length === 0) return [];
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select id from ${w} where ${idIn(sql`field_engineer_email`, changes.engineers)}
        union
        select t.work_order_id from work_order_task_index t
          join json_to_recordset(${JSON.stringify(changes.tasks)}::json) as c("taskGroupName" text, "taskName" text)
            on t.task_group_name = c."taskGroupName" and t.task_name = c."taskName"
         where t.ai_validated is not null and not t.corrected`,
  );
  return rows.map((row) => row.id);
}

/**
 * Scores the given work orders now, from their rows, their task rows and the stored rates (the
 * rates are not recomputed: a single row's refresh must stay cheap).
 */
export async function scoreWorkOrders(db: Db, ids: readonly string[], weights?: DoubtWeights): Promise<void> {
  if (ids.length === 0) return;
  const inForce = weights ?? (await loadWeights(db)).weights;
  const rows = await db
    .select({
      id: w.id,
      // As text: microseconds survive (a JavaScript date would round them, and the row would stay stale).
      syncedAt: sql<string>`${w.syncedAt}::text`,
      email: w.fieldEngineerEmail,
      conformityErrors: w.conformityErrors,
      conformityWarnings: w.conformityWarnings,
      tasksNotValidated: w.tasksNotValidated,
      tasksNotAnalyzed: w.tasksNotAnalyzed,
    })
    .from(w)
    .where(idIn(w.id, ids));
  if (rows.length === 0) return;
  const verdicts = await selectRows<{ work_order_id: string; task_group_name: string; task_name: string; percent: number }>(
    db,
    sql`select t.work_order_id, t.task_group_name, t.task_name, r.percent
          from work_order_task_index t
          join doubt_task_rates r on r.task_group_name = t.task_group_name and r.task_name = t.task_name
         where ${idIn(sql`t.work_order_id`, ids)} and t.ai_validated is not null and not t.corrected and r.percent > 0`,
  );
  const standing = new Map<string, StandingVerdict[]>();
  for (const row of verdicts) {
    const list = standing.get(row.work_order_id) ?? [];
    list.push({ taskGroupName: row.task_group_name, taskName: row.task_name, overturnPercent: row.percent });
    standing.set(row.work_order_id, list);
  }
  const emails = [...new Set(rows.map((row) => row.email).filter((email): email is string => Boolean(email)))];
  const engineerRates =
    emails.length === 0
      ? []
      : await db
          .select({ email: doubtEngineerRates.fieldEngineerEmail, percent: doubtEngineerRates.percent })
          .from(doubtEngineerRates)
          .where(idIn(doubtEngineerRates.fieldEngineerEmail, emails));
  const engineerPercent = new Map(engineerRates.map((row) => [row.email, row.percent]));

  const scored = rows.map((row) => {
    const doubt = doubtOf(
      {
        conformityErrors: row.conformityErrors,
        conformityWarnings: row.conformityWarnings,
        tasksNotValidated: row.tasksNotValidated,
        tasksNotAnalyzed: row.tasksNotAnalyzed,
        standingVerdicts: standing.get(row.id) ?? [],
        engineerPercent: (row.email && engineerPercent.get(row.email)) || null,
        // The v0.2 API gives one verdict per task, none per photo: this component stays at 0.
        photoDisagreements: null,
      },
      inForce,
    );
    return { id: row.id, score: doubt.score, reasons: doubt.reasons, synced_at: row.syncedAt };
  });
  // Only the doubt columns change (the overview's trigger ignores such updates), and only where they differ.
  await db.execute(sql`
    update ${w} set doubt_score = r.score, doubt_reasons = r.reasons, doubt_synced_at = r.synced_at
      from json_to_recordset(${JSON.stringify(scored)}::json) as r(id text, score integer, reasons jsonb, synced_at timestamptz)
     where ${w}.id = r.id
       and (${w}.doubt_score, ${w}.doubt_reasons, ${w}.doubt_synced_at) is distinct from (r.score, r.reasons, r.synced_at)`);
}
