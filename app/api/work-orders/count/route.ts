import { countMatchingWorkOrders } from '@/lib/server/dal/work-order-search';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/count?<list query> (viewer) → `{total}` (shown before export / bulk review). */
  GET: handler((route) => route.run(countMatchingWorkOrders)),
});
