import { startCallbackAnalysis } from '@/lib/server/dal/analysis';
import { MAX_ANALYZE_BODY_BYTES } from '@/lib/server/dal/upload';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * POST /api/work-orders/{id}/analyze/callback (supervisor) `AnalyzeRequest` → 202
   * `AnalysisPendingDto`; poll GET /api/work-orders/{id}/analyses/{analysisId}.
   */
  POST: handler(async (route) => jsonResponse(await route.run(startCallbackAnalysis), { status: 202 }), {
    maxBodyBytes: MAX_ANALYZE_BODY_BYTES,
  }),
});
