import { getAnalysis } from '@/lib/server/dal/analysis';
import { operationContext } from '@/lib/server/dal/context';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/analyses/{analysisId} (viewer) → `AnalysisDto` (pending | completed). */
export const GET = handler<{ id: string; analysisId: string }>(async (ctx) =>
  getAnalysis(operationContext(ctx), ctx.params.id, ctx.params.analysisId),
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
