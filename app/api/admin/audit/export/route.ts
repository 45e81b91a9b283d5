import { exportAuditLogCsv } from '@/lib/server/dal/audit-log';
import { csvDownload } from '@/lib/server/http/csv-download';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * GET /api/admin/audit/export?<audit filters> (admin) → `text/csv`, every matching audit row
   * (no cap), streamed. `X-Total-Count` carries the number of rows.
   */
  GET: handler(async (route) => csvDownload(await route.run(exportAuditLogCsv))),
});
