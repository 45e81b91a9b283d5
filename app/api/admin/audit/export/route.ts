import { exportAuditLogCsv } from '@/lib/server/dal/audit-log';
import { NO_STORE } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * GET /api/admin/audit/export?<audit filters> (admin) → `text/csv`, every matching audit row
   * (no cap), streamed. `X-Total-Count` carries the number of rows.
   */
  GET: handler(async (route) => {
    const { stream, filename, total } = await route.run(exportAuditLogCsv);
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
