import { getReview, setReview } from '@/lib/server/dal/review';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/work-orders/{id}/review[?<list query>] (viewer) → review state + `nextId` in that list. */
  GET: handler((route) => route.run(getReview)),
  /** POST /api/work-orders/{id}/review (supervisor) `{status: 'reviewed'|'to_review', query?}` → state + `nextId`. */
  POST: handler((route) => route.run(setReview)),
});
