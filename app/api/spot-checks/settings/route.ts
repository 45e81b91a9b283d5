import { getSpotCheckSettings, setSpotCheckRate } from '@/lib/server/dal/spot-checks';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/spot-checks/settings (admin) → the sampling rate and how many work orders it draws. */
  GET: handler((route) => route.run(getSpotCheckSettings)),
  /** PUT /api/spot-checks/settings (admin) `{ratePercent}` → the same, after the change. */
  PUT: handler((route) => route.run(setSpotCheckRate)),
});
