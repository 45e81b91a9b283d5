import { getSpotCheckStats } from '@/lib/server/dal/spot-checks';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/spot-checks/stats (viewer) → the AI's false-accept rate per task with its 95 % interval. */
  GET: handler((route) => route.run(getSpotCheckStats)),
});
