import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { spotCheckSettings, spotChecks, workOrderIndex } from '@/lib/server/db/schema';
import { drawnSql } from './draw';

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

/** Fully passed and drawn at the site's rate. */
export function inSample(settings: SiteSpotCheckSettings): SQL {
  return and(fullyPassed, drawnSql(settings.seed, workOrderIndex.id, settings.ratePercent)) as SQL;
}

const notChecked = sql`not exists (select 1 from ${spotChecks} where ${spotChecks.workOrderId} = ${workOrderIndex.id})`;

/** The queue: drawn work orders nobody checked yet, newest first. */
export async function waitingWorkOrders(db: Db, settings: SiteSpotCheckSettings, limit: number) {
  if (settings.ratePercent <= 0) return { total: 0, items: [] };
  const where = and(inSample(settings), notChecked);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({ id: workOrderIndex.id, name: workOrderIndex.name, createDate: workOrderIndex.createDate })
      .from(workOrderIndex)
      .where(where)
      .orderBy(desc(workOrderIndex.createDate), desc(workOrderIndex.id))
      .limit(limit),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(workOrderIndex)
      .where(where),
  ]);
  return { total, items };
}

/** How many work orders are fully passed, and how many of them the current rate draws. */
export async function sampleSize(db: Db, settings: SiteSpotCheckSettings): Promise<{ fullyPassed: number; drawn: number }> {
  const [row] = await db
    .select({
      fullyPassed: sql<number>`count(*)::int`,
      drawn: sql<number>`count(*) filter (where ${drawnSql(settings.seed, workOrderIndex.id, settings.ratePercent)})::int`,
    })
    .from(workOrderIndex)
    .where(fullyPassed);
  return row;
}

/** Whether this work order is in the sample now (fully passed in the index, and drawn). */
export async function isInSample(db: Db, settings: SiteSpotCheckSettings, workOrderId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: workOrderIndex.id })
    .from(workOrderIndex)
    .where(and(eq(workOrderIndex.id, workOrderId), inSample(settings)));
  return row !== undefined;
}
