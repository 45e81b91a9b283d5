import { rotateWebhookSecret } from '@/lib/server/dal/webhooks';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** POST /api/admin/webhooks/endpoints/:id/secret → `{endpoint, secret}`: a new signing secret (admin only). */
  POST: handler((route) => route.run(rotateWebhookSecret)),
});
