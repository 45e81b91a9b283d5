import { exportWorkOrdersCsv } from '@/lib/server/dal/work-order-search';
import { NO_STORE } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * GET /api/work-orders/export?<list query> (viewer) → `text/csv`, every matching work order
   * (no cap), streamed. `X-Total-Count` carries the number of rows.
   */
  GET: handler(async (route) => {
    const { stream, filename, total } = await route.run(exportWorkOrdersCsv);
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': NO_STORE,
        'X-Content-Type-Options': 'nosniff',
        'X-Total-Count': String(total),
      },
    });
  }),
});
