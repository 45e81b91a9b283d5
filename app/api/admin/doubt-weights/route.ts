import { getDoubtWeights, updateDoubtWeights } from '@/lib/server/dal/doubt-weights';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/doubt-weights (admin) → the doubt score's weights in force, the defaults, who changed them last. */
  GET: handler(async (route) => route.run(getDoubtWeights)),
  /** PUT /api/admin/doubt-weights (admin) `{conformityErrors, …}` → the new weights; every score is recomputed in the background. */
  PUT: handler(async (route) => route.run(updateDoubtWeights)),
});
