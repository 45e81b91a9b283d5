import { operationContext } from '@/lib/server/dal/context';
import { getReview, setReview } from '@/lib/server/dal/review';
import { handler } from '@/lib/server/http/route';

type Params = { id: string };

/** GET /api/work-orders/{id}/review[?<list query>] (viewer) → review state + `nextId` in that list. */
export const GET = handler<Params>(async (ctx) => getReview(ctx.params.id, ctx.req.nextUrl.searchParams));

/** POST /api/work-orders/{id}/review (supervisor) `{status: 'reviewed'|'to_review', query?}` → state + `nextId`. */
export const POST = handler<Params>(async (ctx) => setReview(operationContext(ctx), ctx.params.id, ctx.json));
