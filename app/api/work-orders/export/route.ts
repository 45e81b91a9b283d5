import { exportWorkOrdersCsv } from '@/lib/server/dal/work-order-search';
import { csvDownload } from '@/lib/server/http/csv-download';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * GET /api/work-orders/export?<list query> (viewer) → `text/csv`, every matching work order
   * (no cap), streamed. `X-Total-Count` carries the number of rows.
   */
  GET: handler(async (route) => csvDownload(await route.run(exportWorkOrdersCsv))),
});
