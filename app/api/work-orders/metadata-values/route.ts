import { suggestMetadataValues } from '@/lib/server/dal/work-order-search';
import { handler } from '@/lib/server/http/route';

/** GET /api/work-orders/metadata-values?key=<metadata key> (viewer) → `{values}`, most frequent first. */
export const GET = handler(async (ctx) => suggestMetadataValues(ctx.req.nextUrl.searchParams));
