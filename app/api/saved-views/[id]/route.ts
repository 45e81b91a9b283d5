import { operationContext } from '@/lib/server/dal/context';
import { deleteSavedView, updateSavedView } from '@/lib/server/dal/saved-views';
import { handler } from '@/lib/server/http/route';

type Params = { id: string };

/** PATCH /api/saved-views/{id} `{name?, shared?, query?, columns?}` (owner or admin). */
export const PATCH = handler<Params>(async (ctx) => updateSavedView(operationContext(ctx), ctx.params.id, ctx.json));

/** DELETE /api/saved-views/{id} (owner or admin) → 204. */
export const DELETE = handler<Params>(async (ctx) => {
  await deleteSavedView(operationContext(ctx), ctx.params.id);
});
