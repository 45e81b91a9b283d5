import { operationContext } from '@/lib/server/dal/context';
import { correctTask } from '@/lib/server/dal/corrections';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/**
 * PATCH /api/work-orders/{id}/tasks/{taskId}/correction (supervisor)
 * Headers: `Idempotency-Key: <uuid>` (required), `If-Match: "<task.version>"` (428 without).
 * Body `CorrectionRequest` → 200 `CorrectionResponse` (`Idempotent-Replayed: true` on a replay).
 */
export const PATCH = handler<{ id: string; taskId: string }>(
  async (ctx) => {
    const result = await correctTask(operationContext(ctx), {
      workOrderId: ctx.params.id,
      taskId: ctx.params.taskId,
      body: ctx.json,
      idempotencyKey: ctx.req.headers.get('idempotency-key'),
      ifMatch: ctx.req.headers.get('if-match'),
    });
    return jsonResponse(result.body, { status: 200, headers: result.replayed ? { 'Idempotent-Replayed': 'true' } : {} });
  },
  { maxBodyBytes: 16 * 1024 },
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['PATCH']);
export const GET = notAllowed;
export const POST = notAllowed;
export const PUT = notAllowed;
export const DELETE = notAllowed;
