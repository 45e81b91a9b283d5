import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { spotCheckAnswers } from '@/lib/server/db/schema';
import type { FalseAcceptRowDto } from '@/lib/shared/spot-checks';
import { additionalNeeded, wilsonInterval } from '@/lib/shared/wilson';

/** The ±2 points target of "checks needed". */
export const TARGET_HALF_WIDTH = 0.02;

/**
 * Per task name, the false-accept rate of the AI: among checked tasks whose AI verdict was a
 * pass, the share the reviewer refused. A 95 % Wilson interval around it, and how many more
 * checks of that task would make it ±2 points at most.
 */
export async function falseAcceptRates(db: Db): Promise<FalseAcceptRowDto[]> {
  const rows = await db
    .select({
      taskGroupName: spotCheckAnswers.taskGroupName,
      taskName: spotCheckAnswers.taskName,
      checked: sql<number>`count(*)::int`,
      falseAccepts: sql<number>`(count(*) filter (where not ${spotCheckAnswers.reviewerOk}))::int`,
    })
    .from(spotCheckAnswers)
    .where(sql`${spotCheckAnswers.aiValidated}`)
    .groupBy(spotCheckAnswers.taskGroupName, spotCheckAnswers.taskName)
    .orderBy(spotCheckAnswers.taskGroupName, spotCheckAnswers.taskName);
  return rows.map((row) => ({
    ...row,
    ...wilsonInterval(row.falseAccepts, row.checked),
    neededForTwoPoints: additionalNeeded(row.falseAccepts, row.checked, TARGET_HALF_WIDTH),
  }));
}
