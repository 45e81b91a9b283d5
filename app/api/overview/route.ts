import { getOverview } from '@/lib/server/dal/overview';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/overview?<list filters>&stuckDays= (viewer) → the overview DTO. */
  GET: handler((route) => route.run(getOverview)),
});
