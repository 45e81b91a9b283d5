import { operationContext } from '@/lib/server/dal/context';
import { bulkReview } from '@/lib/server/dal/review';
import { handler } from '@/lib/server/http/route';

/**
 * POST /api/work-orders/review (supervisor) `{status, ids}` or `{status, query, expectedCount}`
 * ("all N matching") → `{status, updated}`; 409 `conflict` with `details.count` if the number
 * of matches changed since the user confirmed.
 */
export const POST = handler(async (ctx) => bulkReview(operationContext(ctx), ctx.json));
