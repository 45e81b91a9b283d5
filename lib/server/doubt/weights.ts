import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { doubtSettings } from '@/lib/server/db/schema';
import { withDefaultWeights, type DoubtWeights } from '@/lib/shared/doubt';

const WEIGHTS_ROW = 'weights';

export interface WeightsInForce {
  weights: DoubtWeights;
  updatedBy: string | null;
  updatedAt: Date | null;
  /** Where the rescoring walk resumes ('' = from the start), null = none pending. */
  rescoreAfter: string | null;
}

/** The weights in force: the admins' over the defaults. */
export async function loadWeights(db: Db): Promise<WeightsInForce> {
  const [row] = await db.select().from(doubtSettings).where(eq(doubtSettings.id, WEIGHTS_ROW));
  return {
    weights: withDefaultWeights(row?.weights),
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ?? null,
    rescoreAfter: row?.rescoreAfter ?? null,
  };
}

/**
 * Stores new weights and restarts the rescoring walk from the first work order. Nothing else is
 * written here, so a change answers at once however large the index: the walk rescores in the
 * background, and the list shows each new score as it lands.
 */
export async function storeWeights(db: Db, weights: DoubtWeights, updatedBy: string): Promise<void> {
  const updatedAt = new Date();
  await db
    .insert(doubtSettings)
    .values({ id: WEIGHTS_ROW, weights, updatedBy, updatedAt, rescoreAfter: '' })
    .onConflictDoUpdate({ target: doubtSettings.id, set: { weights, updatedBy, updatedAt, rescoreAfter: '' } });
}

/**
 * Moves the walk past `to`, only if it still stands at `from` under the weights saved at
 * `savedAt` (an admin's change meanwhile restarted it, and the batch just scored used the old
 * weights). Null = the walk is over. True when it moved.
 */
export async function advanceRescore(db: Db, savedAt: Date, from: string, to: string | null): Promise<boolean> {
  const moved = await db
    .update(doubtSettings)
    .set({ rescoreAfter: to })
    .where(and(eq(doubtSettings.id, WEIGHTS_ROW), eq(doubtSettings.rescoreAfter, from), eq(doubtSettings.updatedAt, savedAt)))
    .returning({ id: doubtSettings.id });
  return moved.length > 0;
}
