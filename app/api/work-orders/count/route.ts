import { countMatchingWorkOrders } from '@/lib/server/dal/work-order-search';
import { handler } from '@/lib/server/http/route';

/** GET /api/work-orders/count?<list query> (viewer) → `{total}` (shown before export / bulk review). */
export const GET = handler(async (ctx) => countMatchingWorkOrders(ctx.req.nextUrl.searchParams));
