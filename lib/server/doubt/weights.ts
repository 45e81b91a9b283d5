import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { doubtSettings } from '@/lib/server/db/schema';
import { withDefaultWeights, type DoubtWeights } from '@/lib/shared/doubt';

const WEIGHTS_ROW = 'weights';

/** The weights in force: the admins' over the defaults. */
export async function loadWeights(db: Db): Promise<{ weights: DoubtWeights; updatedBy: string | null; updatedAt: Date | null }> {
  const [row] = await db.select().from(doubtSettings).where(eq(doubtSettings.id, WEIGHTS_ROW));
  return { weights: withDefaultWeights(row?.weights), updatedBy: row?.updatedBy ?? null, updatedAt: row?.updatedAt ?? null };
}

export async function storeWeights(db: Db, weights: DoubtWeights, updatedBy: string): Promise<void> {
  const updatedAt = new Date();
  await db
    .insert(doubtSettings)
    .values({ id: WEIGHTS_ROW, weights, updatedBy, updatedAt })
    .onConflictDoUpdate({ target: doubtSettings.id, set: { weights, updatedBy, updatedAt } });
}
