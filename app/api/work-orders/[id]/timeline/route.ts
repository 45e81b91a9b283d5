import { getWorkOrderTimeline } from '@/lib/server/dal/work-orders';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/{id}/timeline (viewer) → `TimelineDto` (upstream + our audit, newest first). */
  GET: handler((route) => route.run(getWorkOrderTimeline)),
});
