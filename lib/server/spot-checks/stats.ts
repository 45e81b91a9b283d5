import { and, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { spotCheckAnswers, spotChecks, workOrderIndex } from '@/lib/server/db/schema';
import { scopeCondition } from '@/lib/server/index/search';
import type { WorkOrderScope } from '@/lib/shared/work-order-scope';
import type { FalseAcceptRowDto } from '@/lib/shared/spot-checks';
import { additionalNeeded, wilsonInterval } from '@/lib/shared/wilson';

/** The ±2 points target of "checks needed". */
export const TARGET_HALF_WIDTH = 0.02;

/**
 * Per task name, the false-accept rate of the AI: among checked tasks whose AI verdict was a
 * pass, the share the reviewer refused. A 95 % Wilson interval around it, and how many more
 * checks of that task would make it ±2 points at most. Only the work orders of `scope`.
 */
export async function falseAcceptRates(db: Db, scope: WorkOrderScope): Promise<FalseAcceptRowDto[]> {
  const rows = await db
    .select({
      taskGroupName: spotCheckAnswers.taskGroupName,
      taskName: spotCheckAnswers.taskName,
      checked: sql<number>`count(*)::int`,
      falseAccepts: sql<number>`(count(*) filter (where not ${spotCheckAnswers.reviewerOk}))::int`,
    })
    .from(spotCheckAnswers)
    .where(and(sql`${spotCheckAnswers.aiValidated}`, inScope(spotCheckAnswers.workOrderId, scope)))
    .groupBy(spotCheckAnswers.taskGroupName, spotCheckAnswers.taskName)
    .orderBy(spotCheckAnswers.taskGroupName, spotCheckAnswers.taskName);
  return rows.map((row) => ({
    ...row,
    ...wilsonInterval(row.falseAccepts, row.checked),
    neededForTwoPoints: additionalNeeded(row.falseAccepts, row.checked, TARGET_HALF_WIDTH),
  }));
}

/**
 * The work order `workOrderId` is one of `scope`'s (undefined = no restriction). Answers and
 * checks keep no user groups: the index row says whose the work order is.
 */
export function inScope(workOrderId: SQLWrapper, scope: WorkOrderScope): SQL | undefined {
  const condition = scopeCondition(scope);
  if (!condition) return undefined;
  return sql`exists (select 1 from ${workOrderIndex} where ${workOrderIndex.id} = ${workOrderId} and ${condition})`;
}

/** How many work orders of `scope` were checked. */
export async function checkedCount(db: Db, scope: WorkOrderScope): Promise<number> {
  return db.$count(spotChecks, inScope(spotChecks.workOrderId, scope));
}
