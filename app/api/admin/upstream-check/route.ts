import { getLastUpstreamCheck, runUpstreamCheckNow } from '@/lib/server/dal/upstream-check';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/upstream-check (admin) → the last check of the Deepomatic site, `{report: null}` before the first. */
  GET: handler(async (route) => route.run(getLastUpstreamCheck)),
  /** POST /api/admin/upstream-check (admin, no body) → runs the check now: `{report, checkedBy}`. */
  POST: handler(async (route) => route.run(runUpstreamCheckNow)),
});
