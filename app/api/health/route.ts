import { checkHealth } from '@/lib/server/health';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * Liveness and readiness for load balancers and uptime checks. 200 when the database answers
   * (Deepomatic being down is "degraded": search and history still work from our database),
   * 503 when it does not. Public on purpose, and leaks nothing (see lib/server/health.ts).
   */
  GET: handler(async () => {
    const health = await checkHealth();
    return jsonResponse(health, { status: health.status === 'down' ? 503 : 200 });
  }),
});
