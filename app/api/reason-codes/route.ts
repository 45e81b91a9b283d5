import { createReasonCode, listAllReasonCodes, listReasonCodes } from '@/lib/server/dal/reason-codes';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/reason-codes (viewer: active ones; `?all=1` admin: every one) → `{ reasonCodes: ReasonCodeDto[] }`. */
  GET: handler(async (route) => ({
    reasonCodes: await route.run(route.req.nextUrl.searchParams.get('all') === '1' ? listAllReasonCodes : listReasonCodes),
  })),
  /** POST /api/reason-codes (admin) `ReasonCodeCreateRequest` → 201 `ReasonCodeDto`. */
  POST: handler(async (route) => jsonResponse(await route.run(createReasonCode), { status: 201 }), { maxBodyBytes: 8 * 1024 }),
});
