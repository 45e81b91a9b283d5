import { correctTask, getCorrectionHistory } from '@/lib/server/dal/corrections';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

/** A task's correction: its history (GET) and a new one (PATCH). */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/{id}/tasks/{taskId}/correction (viewer) → `CorrectionHistoryDto`, every attempt, newest first. */
  GET: handler((route) => route.run(getCorrectionHistory)),
  /**
   * PATCH /api/work-orders/{id}/tasks/{taskId}/correction (supervisor)
   * Headers: `Idempotency-Key: <uuid>` (required), `If-Match: "<task.version>"` (428 without).
   * Body `CorrectionRequest` → 200 `CorrectionResponse` (`Idempotent-Replayed: true` on a replay).
   */
  PATCH: handler(
    async (route) => {
      const result = await route.run(correctTask);
      return jsonResponse(result.body, { status: 200, headers: result.replayed ? { 'Idempotent-Replayed': 'true' } : {} });
    },
    { maxBodyBytes: 16 * 1024 },
  ),
});
