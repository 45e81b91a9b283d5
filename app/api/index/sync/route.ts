import { operationContext } from '@/lib/server/dal/context';
import { requestIndexSync } from '@/lib/server/dal/index-sync';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler } from '@/lib/server/http/route';

/** POST /api/index/sync `{full?: boolean}` (admin) → 202 `{started, job}`: "sync now". */
export const POST = handler(async (ctx) => jsonResponse(await requestIndexSync(operationContext(ctx), ctx.json), { status: 202 }));
