import { startCallbackAnalysis } from '@/lib/server/dal/analysis';
import { operationContext } from '@/lib/server/dal/context';
import { MAX_ANALYZE_BODY_BYTES } from '@/lib/server/dal/upload';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/**
 * POST /api/work-orders/{id}/analyze/callback (supervisor) `AnalyzeRequest` → 202
 * `AnalysisPendingDto`; poll GET /api/work-orders/{id}/analyses/{analysisId}.
 */
export const POST = handler<{ id: string }>(
  async (ctx) => {
    const pending = await startCallbackAnalysis(operationContext(ctx), ctx.params.id, ctx.json);
    return jsonResponse(pending, { status: 202 });
  },
  { maxBodyBytes: MAX_ANALYZE_BODY_BYTES },
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
