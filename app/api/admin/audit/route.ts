import { listAuditLog } from '@/lib/server/dal/audit-log';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * GET /api/admin/audit?actor=&action=&outcome=&workOrder=&from=&to=&cursor=&limit= (admin) →
   * `AuditPageDto`: one page of the audit log, newest first, its total and the next cursor.
   */
  GET: handler((route) => route.run(listAuditLog)),
});
