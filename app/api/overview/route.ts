import { getOverview } from '@/lib/server/dal/overview';
import { handler } from '@/lib/server/http/route';

/** GET /api/overview?<list filters>&stuckDays= (viewer) → the overview DTO. */
export const GET = handler(async (ctx) => getOverview(ctx.req.nextUrl.searchParams));
