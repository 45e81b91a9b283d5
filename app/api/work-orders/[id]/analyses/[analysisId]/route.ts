import { getAnalysis } from '@/lib/server/dal/analysis';
import { operationContext } from '@/lib/server/dal/context';
import { handler } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/analyses/{analysisId} (viewer) → `AnalysisDto` (pending | completed). */
export const GET = handler<{ id: string; analysisId: string }>(async (ctx) =>
  getAnalysis(operationContext(ctx), ctx.params.id, ctx.params.analysisId),
);
