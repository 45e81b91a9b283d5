import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { scopeCondition } from '@/lib/server/index/search';
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';
import { spotCheckDrawKeys, spotCheckSettings, spotChecks, workOrderIndex } from '@/lib/server/db/schema';
import { drawKeySql, drawThreshold } from './draw';

const SITE = 'site';

export interface SiteSpotCheckSettings {
  seed: string;
  ratePercent: number;
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** The site's settings row, created with a fresh random seed and a 0 % rate on first use. */
export async function readSettings(db: Db): Promise<SiteSpotCheckSettings> {
  await db
    .insert(spotCheckSettings)
    .values({ id: SITE, seed: randomBytes(32).toString('hex'), ratePercent: 0 })
    .onConflictDoNothing({ target: spotCheckSettings.id });
  const [row] = await db.select().from(spotCheckSettings).where(eq(spotCheckSettings.id, SITE));
  return { seed: row.seed, ratePercent: row.ratePercent, updatedBy: row.updatedBy, updatedAt: row.updatedBy ? row.updatedAt : null };
}

export async function writeRate(db: Db, ratePercent: number, by: string): Promise<void> {
  await readSettings(db);
  await db.update(spotCheckSettings).set({ ratePercent, updatedBy: by, updatedAt: new Date() }).where(eq(spotCheckSettings.id, SITE));
}

/**
 * "The AI fully passed it": a progress score of 100 and no corrected task, as the index knows
 * it (`tasks_corrected` is null until a detail read told, which is not a pass).
 */
export const fullyPassed: SQL = sql`${workOrderIndex.progressScore} = 100 and ${workOrderIndex.tasksCorrected} = 0`;

/** Work orders hashed per statement by `fillDrawKeys`. */
const FILL_BATCH = 10_000;

/**
 * Gives every indexed work order without one its draw key, in batches of 10,000 (each statement
 * bounded; the loop ends when a batch comes back short). Run after every sync pass and before a
 * rate change is answered: after the first pass only the work orders new since the last one are
 * hashed. Returns how many keys were written.
 */
export async function fillDrawKeys(db: Db): Promise<number> {
  // Keys go with their work order (cascade): as many keys as rows means none is missing.
  const [indexed, keyed] = await Promise.all([db.$count(workOrderIndex), db.$count(spotCheckDrawKeys)]);
  if (keyed >= indexed) return 0;
  const { seed } = await readSettings(db);
  let written = 0;
  for (;;) {
    const rows = await db
      .insert(spotCheckDrawKeys)
      .select(
        db
          .select({ workOrderId: workOrderIndex.id, drawKey: sql<number>`${drawKeySql(seed, workOrderIndex.id)}`.as('draw_key') })
          .from(workOrderIndex)
          .where(sql`not exists (select 1 from ${spotCheckDrawKeys} where ${spotCheckDrawKeys.workOrderId} = ${workOrderIndex.id})`)
          .limit(FILL_BATCH),
      )
      .onConflictDoNothing()
      .returning({ id: spotCheckDrawKeys.workOrderId });
    written += rows.length;
    if (rows.length < FILL_BATCH) return written;
  }
}

/** Drawn at the site's rate: its stored key is below the rate's threshold (joined on the key table). */
function drawn(settings: SiteSpotCheckSettings): SQL {
  return sql`${spotCheckDrawKeys.drawKey} < ${drawThreshold(settings.ratePercent)}`;
}

const notChecked = sql`not exists (select 1 from ${spotChecks} where ${spotChecks.workOrderId} = ${workOrderIndex.id})`;

/**
 * The sample: the key table's range below the threshold (a short index scan at the rates one
 * sets), joined to the index rows and kept when fully passed.
 */
function sampleRows<T extends Parameters<Db['select']>[0] & object>(db: Db, columns: T) {
  return db.select(columns).from(spotCheckDrawKeys).innerJoin(workOrderIndex, eq(workOrderIndex.id, spotCheckDrawKeys.workOrderId));
}

/** The queue: drawn work orders of the user's teams (`scope`) nobody checked yet, newest first. */
export async function waitingWorkOrders(db: Db, settings: SiteSpotCheckSettings, limit: number, scope: WorkOrderScope) {
  if (settings.ratePercent <= 0) return { total: 0, items: [] };
  const where = and(drawn(settings), fullyPassed, notChecked, scopeCondition(scope));
  const [items, [{ total }]] = await Promise.all([
    sampleRows(db, { id: workOrderIndex.id, name: workOrderIndex.name, createDate: workOrderIndex.createDate })
      .where(where)
      .orderBy(desc(workOrderIndex.createDate), desc(workOrderIndex.id))
      .limit(limit),
    sampleRows(db, { total: sql<number>`count(*)::int` }).where(where),
  ]);
  return { total, items };
}

/** How many work orders are fully passed, and how many of them the current rate draws. */
export async function sampleSize(db: Db, settings: SiteSpotCheckSettings): Promise<{ fullyPassed: number; drawn: number }> {
  const [[passed], [sampled]] = await Promise.all([
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(workOrderIndex)
      .where(fullyPassed),
    sampleRows(db, { count: sql<number>`count(*)::int` }).where(and(drawn(settings), fullyPassed)),
  ]);
  return { fullyPassed: passed.count, drawn: sampled.count };
}

/** Whether this work order is in the sample now (fully passed in the index, and drawn). */
export async function isInSample(db: Db, settings: SiteSpotCheckSettings, workOrderId: string): Promise<boolean> {
  const [row] = await sampleRows(db, { id: workOrderIndex.id }).where(
    and(eq(spotCheckDrawKeys.workOrderId, workOrderId), drawn(settings), fullyPassed),
  );
  return row !== undefined;
}
