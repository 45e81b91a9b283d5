import { deleteWebhookEndpoint, updateWebhookEndpoint } from '@/lib/server/dal/webhooks';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** PATCH /api/admin/webhooks/endpoints/:id `{url?, description?, events?, stuckDays?, enabled?}` (admin only). */
  PATCH: handler(async (route) => ({ endpoint: await route.run(updateWebhookEndpoint) }), { maxBodyBytes: 8192 }),
  /** DELETE /api/admin/webhooks/endpoints/:id — the endpoint and its deliveries (admin only). */
  DELETE: handler((route) => route.run(deleteWebhookEndpoint)),
});
