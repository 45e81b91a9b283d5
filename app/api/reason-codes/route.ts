import { operationContext } from '@/lib/server/dal/context';
import { createReasonCode, listReasonCodes } from '@/lib/server/dal/reason-codes';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/reason-codes (viewer: active ones; `?all=1` admin: every one) → `{ reasonCodes: ReasonCodeDto[] }`. */
export const GET = handler(async (ctx) => ({
  reasonCodes: await listReasonCodes(operationContext(ctx), { all: ctx.req.nextUrl.searchParams.get('all') === '1' }),
}));

/** POST /api/reason-codes (admin) `ReasonCodeCreateRequest` → 201 `ReasonCodeDto`. */
export const POST = handler(
  async (ctx) => jsonResponse(await createReasonCode(operationContext(ctx), ctx.json), { status: 201 }),
  { maxBodyBytes: 8 * 1024 },
);

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET', 'POST']);
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
