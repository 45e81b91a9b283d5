import { checkHealth } from '@/lib/server/health';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, methodNotAllowed } from '@/lib/server/http/route';

/**
 * Liveness and readiness for load balancers and uptime checks. 200 when the database answers
 * (Deepomatic being down is "degraded": search and history still work from our database),
 * 503 when it does not. Public on purpose, and leaks nothing (see lib/server/health.ts).
 */
export const GET = handler(async () => {
  const health = await checkHealth();
  return jsonResponse(health, { status: health.status === 'down' ? 503 : 200 });
});

export const POST = methodNotAllowed(['GET']);
