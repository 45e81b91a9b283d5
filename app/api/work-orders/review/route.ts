import { bulkReview } from '@/lib/server/dal/review';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * POST /api/work-orders/review (supervisor) `{status, ids}` or `{status, query, expectedCount}`
   * ("all N matching") → `{status, updated}`; 409 `conflict` with `details.count` if the number
   * of matches changed since the user confirmed.
   */
  POST: handler((route) => route.run(bulkReview)),
});
