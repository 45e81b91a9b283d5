import { operationContext } from '@/lib/server/dal/context';
import { exportWorkOrdersCsv } from '@/lib/server/dal/work-order-search';
import { NO_STORE } from '@/lib/server/http/error-response';
import { handler } from '@/lib/server/http/route';

/**
 * GET /api/work-orders/export?<list query> (viewer) → `text/csv`, every matching work order
 * (no cap), streamed. `X-Total-Count` carries the number of rows.
 */
export const GET = handler(async (ctx) => {
  const { stream, filename, total } = await exportWorkOrdersCsv(operationContext(ctx), ctx.req.nextUrl.searchParams);
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': NO_STORE,
      'X-Content-Type-Options': 'nosniff',
      'X-Total-Count': String(total),
    },
  });
});
