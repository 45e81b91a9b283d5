import { getIndexStatus } from '@/lib/server/dal/index-sync';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/index/status (viewer) → indexed count and each sync job's last success / error. */
  GET: handler((route) => route.run(getIndexStatus)),
});
