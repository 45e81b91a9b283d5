import { replayWebhookDelivery } from '@/lib/server/dal/webhooks';
import { jsonResponse } from '@/lib/server/http/error-response';
import { handler, routeMethods } from '@/lib/server/http/route';

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({
  /** POST /api/admin/webhooks/deliveries/:id/replay → `{delivery}`: the same event sent again (admin only). */
  POST: handler(async (route) => jsonResponse({ delivery: await route.run(replayWebhookDelivery) }, { status: 201 })),
});
