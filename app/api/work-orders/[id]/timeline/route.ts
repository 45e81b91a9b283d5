import { operationContext } from '@/lib/server/dal/context';
import { getWorkOrderTimeline } from '@/lib/server/dal/work-orders';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/timeline (viewer) → `TimelineDto` (upstream + our audit, newest first). */
export const GET = handler<{ id: string }>(async (ctx) => getWorkOrderTimeline(operationContext(ctx), ctx.params.id));

// Every other method: 405 in our error shape, with `Allow` (T11).
const notAllowed = methodNotAllowed(['GET']);
export const POST = notAllowed;
export const PUT = notAllowed;
export const PATCH = notAllowed;
export const DELETE = notAllowed;
