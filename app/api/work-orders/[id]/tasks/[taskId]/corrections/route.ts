import { operationContext } from '@/lib/server/dal/context';
import { getCorrectionHistory } from '@/lib/server/dal/corrections';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/tasks/{taskId}/corrections (viewer) → `CorrectionHistoryDto`. */
export const GET = handler<{ id: string; taskId: string }>(async (ctx) =>
  getCorrectionHistory(operationContext(ctx), ctx.params.id, ctx.params.taskId),
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
