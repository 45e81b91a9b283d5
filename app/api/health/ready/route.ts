import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';
import { checkReadiness } from '@/lib/server/readiness';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /**
   * Readiness for load balancers: 200 when the database answers and is fully migrated (with
   * `degraded` when Deepomatic is unreachable), 503 otherwise. Public on purpose, and leaks
   * nothing (see lib/server/readiness.ts).
   */
  GET: handler(async () => {
    const readiness = await checkReadiness();
    return jsonResponse(readiness, { status: readiness.status === 'not_ready' ? 503 : 200 });
  }),
});
