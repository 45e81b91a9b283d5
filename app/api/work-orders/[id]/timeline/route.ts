import { operationContext } from '@/lib/server/dal/context';
import { getWorkOrderTimeline } from '@/lib/server/dal/work-orders';
import { handler } from '@/lib/server/http/route';

/** GET /api/work-orders/{id}/timeline (viewer) → `TimelineDto` (upstream + our audit, newest first). */
export const GET = handler<{ id: string }>(async (ctx) => getWorkOrderTimeline(operationContext(ctx), ctx.params.id));
