import { createSavedView, listSavedViews } from '@/lib/server/dal/saved-views';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/saved-views (viewer) → the user's own views and the shared ones. */
  GET: handler((route) => route.run(listSavedViews)),
  /** POST /api/saved-views `{name, shared?, query, columns}` → 201 the view (sharing: supervisor+). */
  POST: handler(async (route) => jsonResponse(await route.run(createSavedView), { status: 201 })),
});
