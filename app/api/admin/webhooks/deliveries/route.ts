import { listWebhookDeliveries } from '@/lib/server/dal/webhooks';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** GET /api/admin/webhooks/deliveries[?status=&endpoint=] — the newest deliveries (admin only). */
  GET: handler((route) => route.run(listWebhookDeliveries)),
});
