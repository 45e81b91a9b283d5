import { listSpotCheckQueue } from '@/lib/server/dal/spot-checks';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/spot-checks (supervisor) → drawn work orders not yet checked, newest first. */
  GET: handler((route) => route.run(listSpotCheckQueue)),
});
