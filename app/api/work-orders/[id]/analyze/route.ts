import { analyzeWorkOrder } from '@/lib/server/dal/analysis';
import { MAX_ANALYZE_BODY_BYTES } from '@/lib/server/dal/upload';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * POST /api/work-orders/{id}/analyze (supervisor) `AnalyzeRequest` → `AnalyzeResponse`.
   * Synchronous, in the user's language; image ≤ 5 MB, PDF ≤ 8 MB (decoded).
   */
  POST: handler((route) => route.run(analyzeWorkOrder), { maxBodyBytes: MAX_ANALYZE_BODY_BYTES }),
});
