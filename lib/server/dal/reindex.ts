import 'server-only';
import { indexWorkOrder, removeFromIndex } from '@/lib/server/index/write';
import { logger } from '@/lib/server/logger';
import type { WorkOrder } from '@/lib/server/deepomatic/types';

/**
 * The index is a cache of upstream truth: refreshing it must never fail the operation that
 * already succeeded upstream. A failed refresh is logged; the next sync repairs the row.
 */
export async function refreshIndexRow(workOrder: WorkOrder, requestId: string): Promise<void> {
  try {
    await indexWorkOrder(workOrder);
  } catch (error) {
    logger.warn({ err: error, requestId, workOrderId: workOrder.id }, 'index refresh failed');
  }
}

export async function dropIndexRow(workOrderId: string, requestId: string): Promise<void> {
  try {
    await removeFromIndex(workOrderId);
  } catch (error) {
    logger.warn({ err: error, requestId, workOrderId }, 'index removal failed');
  }
}
