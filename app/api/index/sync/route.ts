import { requestIndexSync } from '@/lib/server/dal/index-sync';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** POST /api/index/sync `{full?: boolean}` (admin) → 202 `{started, job}`: "sync now". */
  POST: handler(async (route) => jsonResponse(await route.run(requestIndexSync), { status: 202 })),
});
