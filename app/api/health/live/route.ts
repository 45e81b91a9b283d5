import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * Liveness: the process is up and answers HTTP. No database, no upstream, so a restart is
   * never triggered by something a restart cannot fix (use /api/health/ready to route traffic).
   */
  GET: handler(async () => jsonResponse({ status: 'ok' }, { status: 200 })),
});
