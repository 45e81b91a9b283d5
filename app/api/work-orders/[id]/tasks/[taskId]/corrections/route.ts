import { getCorrectionHistory } from '@/lib/server/dal/corrections';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/{id}/tasks/{taskId}/corrections (viewer) → `CorrectionHistoryDto`. */
  GET: handler((route) => route.run(getCorrectionHistory)),
});
