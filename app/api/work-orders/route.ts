import { operationContext } from '@/lib/server/dal/context';
import { createWorkOrder } from '@/lib/server/dal/work-orders';
import { searchWorkOrders } from '@/lib/server/dal/work-order-search';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler } from '@/lib/server/http/route';

// GET (search) belongs to the search part; POST (create) to the DAL/BFF part.

/** POST /api/work-orders (supervisor) `WorkOrderCreateRequest` → 201 `WorkOrderDto`. */
export const POST = handler(
  async (ctx) => jsonResponse(await createWorkOrder(operationContext(ctx), ctx.json), { status: 201 }),
  { maxBodyBytes: 256 * 1024 },
);

/** GET /api/work-orders?<list query> (viewer) → `WorkOrderSearchResult` (rows, total, facets, sync). */
export const GET = handler(async (ctx) => searchWorkOrders(ctx.req.nextUrl.searchParams));
