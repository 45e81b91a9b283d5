import { answerSpotCheck, getSpotCheck } from '@/lib/server/dal/spot-checks';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/spot-checks/{id} (supervisor) → the drawn work order, blind until answered, then with the reveal. */
  GET: handler((route) => route.run(getSpotCheck)),
  /** POST /api/spot-checks/{id} (supervisor) `{answers: [{taskGroupName, taskName, ok}]}` → the reveal. */
  POST: handler((route) => route.run(answerSpotCheck)),
});
