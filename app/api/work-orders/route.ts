import { searchWorkOrders } from '@/lib/server/dal/work-order-search';
import { createWorkOrder } from '@/lib/server/dal/work-orders';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders?<list query> (viewer) → `WorkOrderSearchResult` (rows, total, facets, sync). */
  GET: handler((route) => route.run(searchWorkOrders)),
  /** POST /api/work-orders (supervisor) `WorkOrderCreateRequest` → 201 `WorkOrderDto`. */
  POST: handler(async (route) => jsonResponse(await route.run(createWorkOrder), { status: 201 }), { maxBodyBytes: 256 * 1024 }),
});
