import { operationContext } from '@/lib/server/dal/context';
import { updateReasonCode } from '@/lib/server/dal/reason-codes';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** PATCH /api/reason-codes/{code} (admin) `ReasonCodeUpdateRequest` → `ReasonCodeDto`. */
export const PATCH = handler<{ code: string }>(
  async (ctx) => updateReasonCode(operationContext(ctx), ctx.params.code, ctx.json),
  { maxBodyBytes: 8 * 1024 },
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['PATCH']);
export const GET = notAllowed;
export const POST = notAllowed;
export const PUT = notAllowed;
export const DELETE = notAllowed;
