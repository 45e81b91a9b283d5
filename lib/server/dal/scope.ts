import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/lib/server/db/client';
import { workOrderIndex } from '@/lib/server/db/schema';
import { deepomatic } from '@/lib/server/deepomatic';
import { AppError } from '@/lib/server/http/errors';
import { inScope, type WorkOrderScope } from '@/lib/shared/work-order-scope';
import { callOptions, type OperationContext } from './context';

/**
 * Refuses, as 404 `not_found` (exactly what a work order that does not exist answers), a work
 * order outside `scope`. Its user groups come from the index; a work order the index does not
 * know yet is read from the upstream (a read only: nothing is sent that could change it).
 */
export async function requireWorkOrderInScope(scope: WorkOrderScope, id: string, ctx: OperationContext): Promise<void> {
  if (scope.all) return;
  const [row] = await (
    await getDb()
  )
    .select({ userGroupIds: workOrderIndex.userGroupIds })
    .from(workOrderIndex)
    .where(eq(workOrderIndex.id, id))
    .limit(1);
  const userGroupIds = row ? row.userGroupIds : (await deepomatic.getWorkOrder(id, { includeInputs: false }, callOptions(ctx))).user_group_ids;
  if (!inScope(scope, userGroupIds)) throw new AppError('not_found');
}

/** The same rule on a work order just read from the upstream (fresher than the index). */
export function requireInScope(scope: WorkOrderScope, userGroupIds: readonly string[] | null | undefined): void {
  if (!inScope(scope, userGroupIds)) throw new AppError('not_found');
}
