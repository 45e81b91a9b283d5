import { operationContext } from '@/lib/server/dal/context';
import { createSavedView, listSavedViews } from '@/lib/server/dal/saved-views';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler } from '@/lib/server/http/route';

/** GET /api/saved-views (viewer) → the user's own views and the shared ones. */
export const GET = handler(async () => listSavedViews());

/** POST /api/saved-views `{name, shared?, query, columns}` → 201 the view (sharing: supervisor+). */
export const POST = handler(async (ctx) => jsonResponse(await createSavedView(operationContext(ctx), ctx.json), { status: 201 }));
