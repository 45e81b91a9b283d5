import { deleteSavedView, updateSavedView } from '@/lib/server/dal/saved-views';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** PATCH /api/saved-views/{id} `{name?, shared?, query?, columns?}` (owner or admin). */
  PATCH: handler((route) => route.run(updateSavedView)),
  /** DELETE /api/saved-views/{id} (owner or admin) → 204. */
  DELETE: handler((route) => route.run(deleteSavedView)),
});
