import { getAnalysis } from '@/lib/server/dal/analysis';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/{id}/analyses/{analysisId} (viewer) → `AnalysisDto` (pending | completed). */
  GET: handler((route) => route.run(getAnalysis)),
});
