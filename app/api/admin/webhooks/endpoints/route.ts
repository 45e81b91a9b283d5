import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/server/dal/webhooks';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/webhooks/endpoints — every webhook endpoint, without secrets (admin only). */
  GET: handler(async (route) => ({ endpoints: await route.run(listWebhookEndpoints) })),
  /** POST /api/admin/webhooks/endpoints `{url, description?, events, stuckDays?}` → `{endpoint, secret}` (admin only). */
  POST: handler(async (route) => jsonResponse(await route.run(createWebhookEndpoint), { status: 201 }), { maxBodyBytes: 8192 }),
});
