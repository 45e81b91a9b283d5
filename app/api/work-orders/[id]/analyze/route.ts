import { analyzeWorkOrder } from '@/lib/server/dal/analysis';
import { operationContext } from '@/lib/server/dal/context';
import { MAX_ANALYZE_BODY_BYTES } from '@/lib/server/dal/upload';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/**
 * POST /api/work-orders/{id}/analyze (supervisor) `AnalyzeRequest` → `AnalyzeResponse`.
 * Synchronous, in the user's language; image ≤ 5 MB, PDF ≤ 8 MB (decoded).
 */
export const POST = handler<{ id: string }>(
  async (ctx) => analyzeWorkOrder(operationContext(ctx), ctx.params.id, ctx.json),
  { maxBodyBytes: MAX_ANALYZE_BODY_BYTES },
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['POST']);
export const GET = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
