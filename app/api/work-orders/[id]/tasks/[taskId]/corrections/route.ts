import { operationContext } from '@/lib/server/dal/context';
import { getCorrectionHistory } from '@/lib/server/dal/corrections';
import { handler } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/tasks/{taskId}/corrections (viewer) → `CorrectionHistoryDto`. */
export const GET = handler<{ id: string; taskId: string }>(async (ctx) =>
  getCorrectionHistory(operationContext(ctx), ctx.params.id, ctx.params.taskId),
);
